import { withTenantTx } from "@/db/tenant-tx";
import type { RecordType } from "@/lib/records";
import type { RecordCtx } from "./context";
import { nextModificationTime, presentRecord, remoteIdsOf } from "./internal";
import { writeRecord } from "./write";

export async function createRecord({ ctx, type, body }: { ctx: RecordCtx; type: RecordType; body: unknown }) {
  return withTenantTx(ctx.db, ctx.tenantId, async (tx) => {
    const { row } = await writeRecord(tx, ctx, type, null, body, await nextModificationTime(tx, ctx.tenantId));
    return presentRecord(row, (await remoteIdsOf(tx, ctx.tenantId, [row.localId])).get(row.localId) ?? [], ctx.connectionId);
  });
}
