import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "@/db/client";
import { recordRemoteIds, records } from "@/db/schema";
import { withTenantTx } from "@/db/tenant-tx";
import { isAppError, ValidationError, type AppError } from "@/lib/errors";
import { notifyOrdersChanged } from "@/lib/jobs/auto-invoice";
import type { RecordType } from "@/lib/records";
import type { RecordCtx } from "./context";
import { getRecordRow, nextModificationTime, presentRecord, remoteIdsOf, type RecordRow, type RemoteIdRow } from "./internal";
import { chunks, CHUNK, insertHistoryRows, insertRecordRows, updateRecordRows, type RowWrite } from "./bulk-write";
import { planWrite, writeRecord, type WritePlan } from "./write";

export const MAX_BATCH = 1000;

export type BatchResult =
  | { index: number; status: "created" | "updated" | "unchanged"; localId: string; record: Record<string, unknown> }
  | { index: number; status: "error"; problem: { type: string; status: number; code: string; title: string; detail: string; errors?: { path: string; message: string }[] } };

function problemOf(index: number, e: AppError): BatchResult {
  return {
    index,
    status: "error",
    problem: { type: `https://crossdock.dev/problems/${e.code}`, status: e.status, code: e.code, title: e.title, detail: e.message, errors: e.fieldErrors ? Object.entries(e.fieldErrors).flatMap(([path, ms]) => ms.map((message) => ({ path, message }))) : undefined },
  };
}

function remoteIdOf(item: unknown): string {
  const remoteId = (item as { remoteId?: unknown })?.remoteId;
  if (typeof remoteId !== "string" || remoteId.length === 0) throw new ValidationError("Each batch item needs its remoteId.", { remoteId: ["Required in a batch."] });
  return remoteId;
}

/** Thrown inside the bulk savepoint to roll it back and take the item-by-item path. */
class FallBack extends Error {}

/**
 * Upserts up to 1,000 records by the calling connection's remoteId, one result per item. The whole
 * batch is planned in memory (same write rules as writeRecord) and written with a few bulk statements
 * in one savepoint; if that cannot be done safely (repeated remoteIds, SKU clashes, an unexpected
 * database error) the batch runs item by item, each in its own savepoint, so a bad item is reported
 * and rolled back without touching the others.
 */
export async function batchUpsertRecords({ ctx, type, body }: { ctx: RecordCtx; type: RecordType; body: unknown }): Promise<BatchResult[]> {
  const items = z.array(z.unknown()).min(1, "Send at least one record.").max(MAX_BATCH, `At most ${MAX_BATCH} records per batch.`).safeParse(body);
  if (!items.success) throw new ValidationError(items.error.issues[0]?.message ?? "Send a JSON array of records.", { _body: [items.error.issues[0]?.message ?? "Expected an array."] });
  if (!ctx.connectionId) throw new ValidationError("Batch upserts match on the calling connection's remoteId.");
  const connectionId = ctx.connectionId;

  const results = await withTenantTx(ctx.db, ctx.tenantId, async (tx) => upsertByRemoteId(tx, ctx, connectionId, type, items.data, await nextModificationTime(tx, ctx.tenantId)));
  if (type === "order") await notifyOrdersChanged(ctx.tenantId);
  return results;
}

/**
 * The batch upsert inside a caller's tenant transaction (plug runs save a page of imported records
 * together with their transfer report and watermark). `now` comes from the tenant clock.
 */
export async function upsertByRemoteId(tx: Tx, ctx: RecordCtx, connectionId: string, type: RecordType, items: unknown[], now: Date): Promise<BatchResult[]> {
  try {
    return await tx.transaction((sp) => bulkUpsert(sp, ctx, connectionId, type, items, now));
  } catch (e) {
    // FallBack, or an unexpected database error in the bulk path: the savepoint is rolled back,
    // and the batch runs item by item below (which reports each item's own error).
    if (!(e instanceof FallBack)) console.warn("batch upsert: bulk path failed, continuing item by item", e);
  }
  return itemByItem(tx, ctx, connectionId, type, items, now);
}

async function itemByItem(tx: Tx, ctx: RecordCtx, connectionId: string, type: RecordType, items: unknown[], now: Date): Promise<BatchResult[]> {
  const results: BatchResult[] = [];
  for (const [index, item] of items.entries()) {
    try {
      const remoteId = remoteIdOf(item);
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
      results.push(problemOf(index, e));
    }
  }
  return results;
}

/**
 * The bulk path, inside a savepoint. Returns the results, or throws (FallBack or a database error)
 * so the caller rolls the savepoint back and runs the batch item by item.
 */
async function bulkUpsert(sp: Tx, ctx: RecordCtx, connectionId: string, type: RecordType, items: unknown[], now: Date): Promise<BatchResult[]> {
  const results: (BatchResult | undefined)[] = new Array(items.length);
  const remoteIds: (string | undefined)[] = items.map((item, index) => {
    try {
      return remoteIdOf(item);
    } catch (e) {
      if (!isAppError(e)) throw e;
      results[index] = problemOf(index, e);
      return undefined;
    }
  });
  const wanted = [...new Set(remoteIds.filter((r): r is string => r !== undefined))];
  // An item repeating an earlier item's remoteId merges into that item's result: item by item.
  if (wanted.length !== remoteIds.filter((r) => r !== undefined).length) throw new FallBack();

  const maps = new Map<string, string>(); // remoteId -> localId
  for (let i = 0; i < wanted.length; i += CHUNK) {
    const rows = await sp
      .select({ remoteId: recordRemoteIds.remoteId, localId: recordRemoteIds.localId })
      .from(recordRemoteIds)
      .where(and(eq(recordRemoteIds.tenantId, ctx.tenantId), eq(recordRemoteIds.connectionId, connectionId), eq(recordRemoteIds.type, type), inArray(recordRemoteIds.remoteId, wanted.slice(i, i + CHUNK))));
    for (const r of rows) maps.set(r.remoteId, r.localId);
  }
  const localIds = [...new Set(maps.values())];
  const existing = new Map<string, RecordRow>();
  const remoteOf = new Map<string, RemoteIdRow[]>(); // all connections' ids of the existing records
  for (let i = 0; i < localIds.length; i += CHUNK) {
    const chunk = localIds.slice(i, i + CHUNK);
    const rows = await sp
      .select()
      .from(records)
      .where(and(eq(records.tenantId, ctx.tenantId), eq(records.type, type), inArray(records.localId, chunk)))
      .for("update");
    for (const r of rows) existing.set(r.localId, r);
    const remotes = await sp.select().from(recordRemoteIds).where(and(eq(recordRemoteIds.tenantId, ctx.tenantId), inArray(recordRemoteIds.localId, chunk)));
    for (const r of remotes) remoteOf.set(r.localId, [...(remoteOf.get(r.localId) ?? []), r]);
  }

  // Plan every item with the same rules as writeRecord.
  const plans: (WritePlan | undefined)[] = new Array(items.length);
  for (const [index, item] of items.entries()) {
    const remoteId = remoteIds[index];
    if (remoteId === undefined) continue;
    const localId = maps.get(remoteId);
    const row = localId ? existing.get(localId) : undefined;
    // a mapping to a record of another type or a vanished record: let the item path answer it
    if (localId && !row) throw new FallBack();
    const cur = row ? remoteOf.get(row.localId)?.find((r) => r.connectionId === connectionId) : undefined;
    try {
      plans[index] = planWrite(ctx, type, row ?? null, cur, item, now);
    } catch (e) {
      if (!isAppError(e)) throw e;
      results[index] = problemOf(index, e);
    }
  }
  const writes = plans.filter((p): p is RowWrite => !!p && p.kind !== "noop");

  // SKU uniqueness (products): any clash within the batch or with a stored product -> item by item,
  // which answers the same ConflictError as a single write.
  if (type === "product") {
    const skus = new Map<string, string>(); // sku -> localId, over every item that keeps or sets one
    for (const p of plans) {
      if (!p) continue;
      const sku = p.kind === "noop" ? p.row.sku : p.values.sku;
      const localId = p.kind === "noop" ? p.row.localId : p.localId;
      if (sku == null) continue;
      if (skus.has(sku) && skus.get(sku) !== localId) throw new FallBack();
      skus.set(sku, localId);
    }
    const changed = writes.filter((p) => p.values.sku != null).map((p) => p.values.sku as string);
    for (let i = 0; i < changed.length; i += CHUNK) {
      const rows = await sp
        .select({ localId: records.localId, sku: records.sku })
        .from(records)
        .where(and(eq(records.tenantId, ctx.tenantId), eq(records.type, "product"), inArray(records.sku, changed.slice(i, i + CHUNK))));
      for (const r of rows) if (r.sku !== null && skus.get(r.sku) !== r.localId) throw new FallBack();
    }
  }

  // Write, chunk by chunk, without reading anything back.
  const written = new Map<string, RecordRow>();
  for (const p of writes) {
    const before = p.kind === "update" ? existing.get(p.localId) : undefined;
    written.set(p.localId, { ...(before ?? { archived: false }), ...p.values, number: p.values.number ?? null, sku: p.values.sku ?? null, name: p.values.name ?? null, status: p.values.status ?? null } as RecordRow);
  }
  await insertRecordRows(sp, ctx.tenantId, writes.filter((p) => p.kind === "insert"));
  await updateRecordRows(sp, ctx.tenantId, writes.filter((p) => p.kind === "update"));
  const dropRemote = writes.filter((p) => p.remote.kind === "delete" || (p.remote.kind === "set" && p.remote.deleteCurrent)).map((p) => p.localId);
  for (const chunk of chunks(dropRemote)) {
    await sp.delete(recordRemoteIds).where(and(eq(recordRemoteIds.tenantId, ctx.tenantId), eq(recordRemoteIds.connectionId, connectionId), inArray(recordRemoteIds.localId, chunk)));
  }
  const newRemote = writes.flatMap((p) => (p.remote.kind === "set" ? [{ remote_id: p.remote.remoteId, local_id: p.localId, remote_ref: p.remote.remoteRef }] : []));
  for (const chunk of chunks(newRemote)) {
    await sp.execute(sql`insert into record_remote_ids (tenant_id, connection_id, type, remote_id, local_id, remote_ref)
      select ${ctx.tenantId}, ${connectionId}, ${type}, remote_id, local_id, remote_ref
      from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as x(remote_id text, local_id text, remote_ref text)`);
  }
  await insertHistoryRows(sp, ctx.tenantId, writes, now);

  // Results, with the remote ids known from the reads above and the writes just made.
  for (const [index, plan] of plans.entries()) {
    if (!plan) continue;
    const row = plan.kind === "noop" ? plan.row : written.get(plan.localId);
    if (!row) throw new FallBack();
    let remote = (remoteOf.get(row.localId) ?? []).filter((r) => r.connectionId !== connectionId);
    const mine = remoteOf.get(row.localId)?.find((r) => r.connectionId === connectionId);
    if (plan.kind === "noop" || plan.remote.kind === "none") {
      if (mine) remote = [...remote, mine];
    } else if (plan.remote.kind === "set") {
      remote = [...remote, { tenantId: ctx.tenantId, connectionId, type, remoteId: plan.remote.remoteId, localId: row.localId, remoteRef: plan.remote.remoteRef }];
    }
    results[index] = {
      index,
      status: plan.kind === "insert" ? "created" : plan.kind === "update" ? "updated" : "unchanged",
      localId: row.localId,
      record: presentRecord(row, remote, connectionId),
    };
  }
  return results.map((r) => {
    if (!r) throw new FallBack();
    return r;
  });
}
