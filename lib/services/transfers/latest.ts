import { and, eq, inArray, sql } from "drizzle-orm";
import { rowsOf, type Tx } from "@/db/client";
import { transferReports } from "@/db/schema";

export type TransferReportRow = typeof transferReports.$inferSelect;

/** The public shape of a transfer report (GET /api/transferReport and the console). */
export function presentTransferReport(r: TransferReportRow) {
  return {
    id: r.id,
    href: `/api/transferReport/${r.id}`,
    connectionId: r.connectionId,
    plug: r.plugKey,
    direction: r.direction,
    recordType: r.recordType,
    trigger: r.trigger,
    status: r.status,
    start: r.started.toISOString(),
    end: r.ended?.toISOString() ?? null,
    numConsidered: r.numConsidered,
    numSucceeded: r.numSucceeded,
    numFailed: r.numFailed,
    numIgnored: r.numIgnored,
    sessionErrors: r.sessionErrors as { at: string; message: string; kind: string }[],
    chainVersion: r.chainVersion,
    lastModified: r.lastModified.toISOString(),
  };
}
export type TransferReport = ReturnType<typeof presentTransferReport>;

/** Per (connection, plug): the latest transfer and the latest successful one. */
export async function latestTransfers(tx: Tx, tenantId: string, connectionIds: string[]): Promise<Map<string, { latest: TransferReport | null; latestSuccessful: TransferReport | null }>> {
  const out = new Map<string, { latest: TransferReport | null; latestSuccessful: TransferReport | null }>();
  if (!connectionIds.length) return out;
  const pick = async (successfulOnly: boolean) => {
    const ids = rowsOf<{ id: string }>(
      await tx.execute(sql`select distinct on (connection_id, plug_key) id from ${transferReports}
        where tenant_id = ${tenantId} and connection_id in ${connectionIds} ${successfulOnly ? sql`and status = 'succeeded'` : sql``}
        order by connection_id, plug_key, started desc`),
    ).map((r) => r.id);
    return ids.length ? tx.select().from(transferReports).where(and(eq(transferReports.tenantId, tenantId), inArray(transferReports.id, ids))) : [];
  };
  const [latest, ok] = await Promise.all([pick(false), pick(true)]);
  const key = (r: TransferReportRow) => `${r.connectionId}/${r.plugKey}`;
  for (const r of latest) out.set(key(r), { latest: presentTransferReport(r), latestSuccessful: null });
  for (const r of ok) out.set(key(r), { latest: out.get(key(r))?.latest ?? null, latestSuccessful: presentTransferReport(r) });
  return out;
}
