import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { recordRemoteIds } from "@/db/schema";
import { withTenantTx } from "@/db/tenant-tx";
import { isAppError, ValidationError } from "@/lib/errors";
import type { RecordType } from "@/lib/records";
import type { RecordCtx } from "./context";
import { getRecordRow, nextModificationTime, presentRecord, remoteIdsOf } from "./internal";
import { writeRecord } from "./write";

export const MAX_BATCH = 1000;

export type BatchResult =
  | { index: number; status: "created" | "updated" | "unchanged"; localId: string; record: Record<string, unknown> }
  | { index: number; status: "error"; problem: { type: string; status: number; code: string; title: string; detail: string; errors?: { path: string; message: string }[] } };

/**
 * Upserts up to 1,000 records by the calling connection's remoteId, one result per item. Each item
 * runs in its own savepoint, so a bad item is reported and rolled back without touching the others.
 */
export async function batchUpsertRecords({ ctx, type, body }: { ctx: RecordCtx; type: RecordType; body: unknown }): Promise<BatchResult[]> {
  const items = z.array(z.unknown()).min(1, "Send at least one record.").max(MAX_BATCH, `At most ${MAX_BATCH} records per batch.`).safeParse(body);
  if (!items.success) throw new ValidationError(items.error.issues[0]?.message ?? "Send a JSON array of records.", { _body: [items.error.issues[0]?.message ?? "Expected an array."] });
  if (!ctx.connectionId) throw new ValidationError("Batch upserts match on the calling connection's remoteId.");
  const connectionId = ctx.connectionId;

  return withTenantTx(ctx.db, ctx.tenantId, async (tx) => {
    const now = await nextModificationTime(tx, ctx.tenantId);
    const results: BatchResult[] = [];
    for (const [index, item] of items.data.entries()) {
      try {
        const remoteId = (item as { remoteId?: unknown })?.remoteId;
        if (typeof remoteId !== "string" || remoteId.length === 0) throw new ValidationError("Each batch item needs its remoteId.", { remoteId: ["Required in a batch."] });
        const outcome = await tx.transaction(async (sp) => {
          const [map] = await sp
            .select({ localId: recordRemoteIds.localId })
            .from(recordRemoteIds)
            .where(and(eq(recordRemoteIds.tenantId, ctx.tenantId), eq(recordRemoteIds.connectionId, connectionId), eq(recordRemoteIds.type, type), eq(recordRemoteIds.remoteId, remoteId)));
          const existing = map ? await getRecordRow(sp, ctx.tenantId, type, map.localId, true) : null;
          return writeRecord(sp, ctx, type, existing, item, now);
        });
        const remote = await remoteIdsOf(tx, ctx.tenantId, [outcome.row.localId]);
        results.push({
          index,
          status: outcome.created ? "created" : outcome.changed ? "updated" : "unchanged",
          localId: outcome.row.localId,
          record: presentRecord(outcome.row, remote.get(outcome.row.localId) ?? [], ctx.connectionId),
        });
      } catch (e) {
        if (!isAppError(e)) throw e;
        results.push({
          index,
          status: "error",
          problem: { type: `https://crossdock.dev/problems/${e.code}`, status: e.status, code: e.code, title: e.title, detail: e.message, errors: e.fieldErrors ? Object.entries(e.fieldErrors).flatMap(([path, ms]) => ms.map((message) => ({ path, message }))) : undefined },
        });
      }
    }
    return results;
  });
}
