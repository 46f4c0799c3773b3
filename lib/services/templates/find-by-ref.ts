import { and, eq, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { tenantTemplates } from "@/db/schema";
import type { ResellerCtx } from "@/lib/auth/guard";

/**
 * A template of this reseller named by its id or its name (case-insensitive), or undefined. An id
 * match wins over a template that happens to be named like another template's id. No permission
 * check: callers use it inside verbs that already checked theirs (e.g. creating a tenant).
 */
export async function findTemplateByRef(db: DbOrTx, ctx: ResellerCtx, ref: string) {
  const rows = await db
    .select()
    .from(tenantTemplates)
    .where(and(eq(tenantTemplates.resellerId, ctx.reseller.id), or(eq(tenantTemplates.id, ref), sql`lower(${tenantTemplates.name}) = ${ref.trim().toLowerCase()}`)));
  return rows.find((t) => t.id === ref) ?? rows[0];
}
