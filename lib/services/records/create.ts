import { withTenantTx } from "@/db/tenant-tx";
import { notifyOrdersChanged } from "@/lib/jobs/auto-invoice";
import type { RecordType } from "@/lib/records";
import type { RecordCtx } from "./context";
import { nextModificationTime, presentRecord, remoteIdsOf } from "./internal";
import { writeRecord } from "./write";

export async function createRecord({ ctx, type, body }: { ctx: RecordCtx; type: RecordType; body: unknown }) {
  const record = await withTenantTx(ctx.db, ctx.tenantId, async (tx) => {
    const { row } = await writeRecord(tx, ctx, type, null, body, await nextModificationTime(tx, ctx.tenantId));
    return presentRecord(row, (await remoteIdsOf(tx, ctx.tenantId, [row.localId])).get(row.localId) ?? [], ctx.connectionId);
  });
  if (type === "order") await notifyOrdersChanged(ctx.tenantId);
  return record;
}
