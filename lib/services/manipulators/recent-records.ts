import { and, desc, eq, sql } from "drizzle-orm";
import { records } from "@/db/schema";
import { withTenantTx } from "@/db/tenant-tx";
import { presentRecord, remoteIdsOf } from "@/lib/services/records/internal";
import { connectionInTenant, requireChainPermission, type ChainCtx, type ChainTarget } from "./internal";

export const RECENT_LIMIT = 20;

export type RecentRecord = { localId: string; label: string; lastModified: string; record: Record<string, unknown> };

/**
 * Real records to preview a chain on, newest first, each in the shape the chain sees in a run. For
 * import: records this connection wrote, as a write body with its remoteId (what the import hands
 * the chain). For export: the latest of the type, as read by the export (this connection's remoteId).
 */
export async function recentRecords({ ctx, target }: { ctx: ChainCtx; target: ChainTarget }): Promise<RecentRecord[]> {
  requireChainPermission(ctx, "tenant.read");
  const tenantId = ctx.tenant.id;
  return withTenantTx(ctx.db, tenantId, async (tx) => {
    const connection = await connectionInTenant(tx, tenantId, target.connectionId);
    const where = [eq(records.tenantId, tenantId), eq(records.type, target.recordType), eq(records.archived, false)];
    if (target.direction === "import") where.push(sql`${records.source}->>'connectionId' = ${connection.id}`);
    const rows = await tx
      .select()
      .from(records)
      .where(and(...where))
      .orderBy(desc(records.lastModified), desc(records.localId))
      .limit(RECENT_LIMIT);
    const remote = await remoteIdsOf(tx, tenantId, rows.map((r) => r.localId));
    return rows.map((row) => {
      const ids = remote.get(row.localId) ?? [];
      const mine = ids.find((i) => i.connectionId === connection.id);
      const record =
        target.direction === "import"
          ? { ...(row.data as Record<string, unknown>), ...(mine ? { remoteId: mine.remoteId, ...(mine.remoteRef ? { remoteRef: mine.remoteRef } : {}) } : {}), customData: row.customData }
          : { ...presentRecord(row, ids, connection.id), remoteRef: mine?.remoteRef ?? null };
      const label = [row.number ?? row.sku, row.name].filter(Boolean).join(" · ") || row.localId;
      return { localId: row.localId, label, lastModified: row.lastModified.toISOString(), record };
    });
  });
}
