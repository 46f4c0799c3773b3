import { and, count, eq } from "drizzle-orm";
import { records } from "@/db/schema";
import { withTenantTx } from "@/db/tenant-tx";
import type { RecordCtx } from "./context";

/** How many records of each type the tenant has (archived ones not counted), for the console's type picker. */
export async function countRecordsByType({ ctx }: { ctx: RecordCtx }): Promise<Record<string, number>> {
  return withTenantTx(ctx.db, ctx.tenantId, async (tx) => {
    const rows = await tx
      .select({ type: records.type, n: count() })
      .from(records)
      .where(and(eq(records.tenantId, ctx.tenantId), eq(records.archived, false)))
      .groupBy(records.type);
    return Object.fromEntries(rows.map((r) => [r.type, Number(r.n)]));
  });
}
