import { languages, tenantOptions } from "@/lib/catalog";

/** Display names for catalog codes (server and client). */
export const languageName = (iso3: string) => languages.find((l) => l.iso3 === iso3)?.name ?? iso3;
export const optionName = (code: string) => tenantOptions.find((o) => o.code === code)?.name ?? code;

export function formatDate(d: Date | string | null | undefined): string {
  if (!d) return "—";
  return new Date(d).toISOString().slice(0, 10);
}

export function formatDateTime(d: Date | string | null | undefined): string {
  if (!d) return "Never";
  return new Date(d).toISOString().replace("T", " ").slice(0, 16) + " UTC";
}

/** "Swedish (default), English" */
export const languagesLabel = (codes: string[], defaultLanguage: string) =>
  codes.map((l) => (l === defaultLanguage ? `${languageName(l)} (default)` : languageName(l))).join(", ");
