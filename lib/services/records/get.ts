import { and, eq } from "drizzle-orm";
import { recordRemoteIds } from "@/db/schema";
import { withTenantTx } from "@/db/tenant-tx";
import { NotFoundError } from "@/lib/errors";
import type { RecordType } from "@/lib/records";
import type { RecordCtx } from "./context";
import { getRecordRow, presentRecord, remoteIdsOf } from "./internal";

export async function getRecord({ ctx, type, localId }: { ctx: RecordCtx; type: RecordType; localId: string }) {
  return withTenantTx(ctx.db, ctx.tenantId, async (tx) => {
    const row = await getRecordRow(tx, ctx.tenantId, type, localId);
    return presentRecord(row, (await remoteIdsOf(tx, ctx.tenantId, [localId])).get(localId) ?? [], ctx.connectionId);
  });
}

/** Looks a record up by the calling connection's own id for it. */
export async function getRecordByRemoteId({ ctx, type, remoteId }: { ctx: RecordCtx; type: RecordType; remoteId: string }) {
  if (!ctx.connectionId) throw new NotFoundError("Record");
  const connectionId = ctx.connectionId;
  return withTenantTx(ctx.db, ctx.tenantId, async (tx) => {
    const [map] = await tx
      .select({ localId: recordRemoteIds.localId })
      .from(recordRemoteIds)
      .where(and(eq(recordRemoteIds.tenantId, ctx.tenantId), eq(recordRemoteIds.connectionId, connectionId), eq(recordRemoteIds.type, type), eq(recordRemoteIds.remoteId, remoteId)));
    if (!map) throw new NotFoundError("Record");
    const row = await getRecordRow(tx, ctx.tenantId, type, map.localId);
    return presentRecord(row, (await remoteIdsOf(tx, ctx.tenantId, [row.localId])).get(row.localId) ?? [], ctx.connectionId);
  });
}
