import { randomBytes } from "node:crypto";

/** Prefixed ids for platform objects (`ten_…`, `usr_…`); the prefix tells a reader what an id points at. */
export const idPrefixes = {
  user: "usr",
  reseller: "res",
  tenant: "ten",
  template: "tpl",
  audit: "aud",
  resellerCredential: "rcr",
  connection: "con",
  logEvent: "evt",
  transferReport: "trf",
  errorItem: "err",
  autoInvoiceRule: "air",
} as const;

export function newId(kind: keyof typeof idPrefixes): string {
  return `${idPrefixes[kind]}_${randomBytes(12).toString("hex")}`;
}

/** Record localIds: 32 lowercase hex characters, as the Tenant API defines them. */
export function newLocalId(): string {
  return randomBytes(16).toString("hex");
}
