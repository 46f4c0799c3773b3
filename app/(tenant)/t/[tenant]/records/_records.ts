import { notFound } from "next/navigation";
import { consoleRecordType, type ConsoleRecordTypeInfo } from "@/components/records/types";
import { forPage } from "@/lib/auth/page";
import { tenantScope } from "@/lib/auth/scopes";
import { isRecordType, type RecordType } from "@/lib/records";
import type { RecordCtx } from "@/lib/services/records/context";

/** The tenant, the signed-in reader and the record verbs' scope for the Records pages. */
export async function recordsScope(code: string) {
  const ctx = await forPage(() => tenantScope(code, "tenant.read"));
  const records: RecordCtx = { db: ctx.db, tenantId: ctx.tenant.id, writer: { kind: "user", login: ctx.actor.email } };
  return { ctx, records, base: `/t/${ctx.tenant.codeName}/records` };
}

/** A record type the console lists, or 404 like any unknown page. */
export function recordTypeOr404(value: string): { type: RecordType; info: ConsoleRecordTypeInfo } {
  const info = consoleRecordType(value);
  if (!info || !isRecordType(value)) notFound();
  return { type: value, info };
}

/** Search params as single strings (a repeated key keeps its first value). */
export function firstValues(sp: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(sp).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
}
