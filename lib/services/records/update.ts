import { withTenantTx } from "@/db/tenant-tx";
import { notifyOrdersChanged } from "@/lib/jobs/auto-invoice";
import type { RecordType } from "@/lib/records";
import type { RecordCtx } from "./context";
import { getRecordRow, nextModificationTime, presentRecord, remoteIdsOf } from "./internal";
import { writeRecord } from "./write";

/** PUT: a partial merge into the stored record (absent = unchanged, null = cleared). */
export async function updateRecord({ ctx, type, localId, body }: { ctx: RecordCtx; type: RecordType; localId: string; body: unknown }) {
  const record = await withTenantTx(ctx.db, ctx.tenantId, async (tx) => {
    const now = await nextModificationTime(tx, ctx.tenantId);
    const existing = await getRecordRow(tx, ctx.tenantId, type, localId, true);
    const { row } = await writeRecord(tx, ctx, type, existing, body, now);
    return presentRecord(row, (await remoteIdsOf(tx, ctx.tenantId, [row.localId])).get(row.localId) ?? [], ctx.connectionId);
  });
  if (type === "order") await notifyOrdersChanged(ctx.tenantId);
  return record;
}
