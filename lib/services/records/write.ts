import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { recordHistory, recordRemoteIds, records } from "@/db/schema";
import { ConflictError, uniqueViolation, ValidationError } from "@/lib/errors";
import { newLocalId } from "@/lib/ids";
import { customDataSchema, searchColumns, splitWriteBody, validateRecordData, type RecordType } from "@/lib/records";
import { parseInput } from "@/lib/validation";
import { modifiedBy, sourceOf, type RecordCtx } from "./context";
import type { RecordRow, RemoteIdRow } from "./internal";

type Json = Record<string, unknown>;

/** Write semantics everywhere: absent = unchanged, null = cleared, any other value = set. */
export function mergeFields(base: Json, patch: Json): Json {
  const out: Json = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else if (v !== undefined) out[k] = v;
  }
  return out;
}

/** Deep equality of JSON values, ignoring object key order (jsonb hands stored objects back in its own key order). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => sameJson(v, b[i]));
  if (!a || !b || typeof a !== "object" || typeof b !== "object") return false;
  const [x, y] = [a as Json, b as Json];
  const keys = Object.keys(x);
  return keys.length === Object.keys(y).length && keys.every((k) => Object.hasOwn(y, k) && sameJson(x[k], y[k]));
}

function changedKeys(before: Json, after: Json): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (!sameJson(before[k], after[k])) out[k] = [before[k] ?? null, after[k] ?? null];
  }
  return out;
}

export type WriteOutcome = { row: RecordRow; created: boolean; changed: boolean };

type RecordInsert = typeof records.$inferInsert;

/** What the calling connection's remoteId row for the record becomes. */
export type RemoteAction = { kind: "none" } | { kind: "set"; deleteCurrent: boolean; remoteId: string; remoteRef: string | null } | { kind: "delete" };

/** The outcome of the write rules for one item, before anything touches the database. */
export type WritePlan =
  | { kind: "noop"; row: RecordRow }
  | {
      kind: "insert" | "update";
      localId: string;
      /** insert: the full new row; update: the columns to set. */
      values: RecordInsert;
      changes: Record<string, unknown>;
      remote: RemoteAction;
      /** For conflict messages. */
      sku: unknown;
      remoteId: string | null | undefined;
    };

/**
 * The write rules, without the database: validates and merges `body` into `existing` (null =
 * create) and says what to write. `currentRemote` is the calling connection's remoteId row of
 * `existing` (only consulted when the body names remoteId or remoteRef). Pure apart from the new localId.
 */
export function planWrite(ctx: RecordCtx, type: RecordType, existing: RecordRow | null, currentRemote: RemoteIdRow | undefined, body: unknown, now: Date): WritePlan {
  // People may only write their own `x-` modules (checked on what they send; other modules' keys
  // already on the record stay); connections and the system write under their own module ids.
  const userWriter = ctx.writer.kind === "user";
  const split = splitWriteBody(body, { customData: userWriter ? "user" : "any" });
  const data = validateRecordData(type, existing ? mergeFields(existing.data as Json, split.data) : split.data);
  const customData =
    split.customData === undefined
      ? ((existing?.customData as Json) ?? {})
      : split.customData === null
        ? {}
        : parseInput(customDataSchema, mergeFields((existing?.customData as Json) ?? {}, split.customData));
  // A null remoteId is what a GET answer carries for callers without a connection: sending it back is fine.
  if ((split.remoteId != null || split.remoteRef != null) && !ctx.connectionId) {
    throw new ValidationError("remoteId and remoteRef belong to a connection; only connections can set them.", { remoteId: ["Not writable here."] });
  }
  if (split.sourceCode !== undefined && ctx.writer.kind !== "connection" && split.sourceCode !== (((existing?.source as Json | undefined)?.code as string | null | undefined) ?? null)) {
    throw new ValidationError("source.code names a connection's sub-source; only connections can set it.", { "source.code": ["Only connections can set this."] });
  }
  const touchesRemote = !!ctx.connectionId && (split.remoteId !== undefined || split.remoteRef !== undefined);
  const cur = existing ? currentRemote : undefined;

  let plan: WritePlan;
  if (!existing) {
    plan = planInsert(ctx, type, data, customData, split.sourceCode ?? null, now, split.remoteId);
  } else {
    const source = existing.source as Json;
    const nextSource = split.sourceCode !== undefined && source.type === "connection" ? { ...source, code: split.sourceCode } : source;
    const diff = { ...changedKeys(existing.data as Json, data), ...prefixed("customData.", changedKeys(existing.customData as Json, customData)), ...prefixed("source.", changedKeys(source, nextSource)) };
    const remoteChanged =
      touchesRemote && ((split.remoteId !== undefined && (cur?.remoteId ?? null) !== split.remoteId) || (split.remoteRef !== undefined && (cur?.remoteRef ?? null) !== split.remoteRef));
    if (Object.keys(diff).length === 0 && !remoteChanged) return { kind: "noop", row: existing };
    plan = {
      kind: "update",
      localId: existing.localId,
      values: { tenantId: ctx.tenantId, localId: existing.localId, type, created: existing.created, data, customData, source: nextSource, lastModified: now, lastModifiedBy: modifiedBy(ctx.writer), ...searchColumns(type, data) },
      changes: { op: "update", fields: diff },
      remote: { kind: "none" },
      sku: data.sku,
      remoteId: split.remoteId,
    };
  }
  // Keeps the calling connection's id (and human reference) for this record.
  if (touchesRemote) {
    const remoteId = split.remoteId === undefined ? cur?.remoteId : split.remoteId;
    const remoteRef = split.remoteRef === undefined ? (cur?.remoteRef ?? null) : split.remoteRef;
    if (remoteId === null || remoteId === undefined) {
      if (remoteRef !== null) throw new ValidationError("A remoteRef needs a remoteId from the same connection.", { remoteRef: ["Set remoteId too."] });
      plan.remote = cur ? { kind: "delete" } : { kind: "none" };
    } else {
      plan.remote = { kind: "set", deleteCurrent: !!cur, remoteId, remoteRef };
    }
  }
  return plan;
}

/**
 * The insert of a new record from data and customData that have already been through
 * validateRecordData and customDataSchema: planWrite's create branch, and bulk writers that
 * validated earlier (Auto Invoice builds each invoice validated before numbering it).
 */
export function planInsert(ctx: RecordCtx, type: RecordType, data: Json, customData: Json, sourceCode: string | null, now: Date, remoteId?: string | null): Exclude<WritePlan, { kind: "noop" }> {
  const localId = newLocalId();
  return {
    kind: "insert",
    localId,
    values: { tenantId: ctx.tenantId, localId, type, created: now, lastModified: now, lastModifiedBy: modifiedBy(ctx.writer), source: sourceOf(ctx.writer, sourceCode), data, customData, ...searchColumns(type, data) },
    changes: { op: "create" },
    remote: { kind: "none" },
    sku: data.sku,
    remoteId,
  };
}

/** The ConflictError writeRecord answers for a unique violation of `constraint`, if it is one of ours. */
export function conflictFor(constraint: string | undefined, type: RecordType, plan: { sku: unknown; remoteId: string | null | undefined }) {
  if (constraint === "records_product_sku_key") return new ConflictError(`Another product already has the SKU "${String(plan.sku)}".`, { sku: ["Already used by another product."] });
  if (constraint?.startsWith("record_remote_ids")) return new ConflictError(`The remoteId "${plan.remoteId}" already belongs to another ${type} of this connection.`, { remoteId: ["Already used by another record."] });
  return undefined;
}

/** Writes one plan (row, remoteId row, history entry); unique violations become ConflictErrors. */
export async function applyWrite(tx: Tx, ctx: RecordCtx, type: RecordType, plan: WritePlan): Promise<WriteOutcome> {
  if (plan.kind === "noop") return { row: plan.row, created: false, changed: false };
  let row: RecordRow;
  try {
    if (plan.kind === "insert") {
      [row] = await tx.insert(records).values(plan.values).returning();
    } else {
      const { data, customData, source, lastModified, lastModifiedBy, number, sku, name, status } = plan.values;
      [row] = await tx
        .update(records)
        .set({ data, customData, source, lastModified, lastModifiedBy, number, sku, name, status })
        .where(and(eq(records.tenantId, ctx.tenantId), eq(records.localId, plan.localId)))
        .returning();
    }
    if (ctx.connectionId && plan.remote.kind !== "none") {
      if (plan.remote.kind === "delete" || plan.remote.deleteCurrent) {
        await tx.delete(recordRemoteIds).where(and(eq(recordRemoteIds.tenantId, ctx.tenantId), eq(recordRemoteIds.localId, plan.localId), eq(recordRemoteIds.connectionId, ctx.connectionId)));
      }
      if (plan.remote.kind === "set") {
        await tx.insert(recordRemoteIds).values({ tenantId: ctx.tenantId, connectionId: ctx.connectionId, type, remoteId: plan.remote.remoteId, localId: plan.localId, remoteRef: plan.remote.remoteRef });
      }
    }
  } catch (e) {
    throw conflictFor(uniqueViolation(e), type, plan) ?? e;
  }
  await tx.insert(recordHistory).values({ tenantId: ctx.tenantId, localId: row.localId, at: plan.values.lastModified, by: plan.values.lastModifiedBy, changes: plan.changes });
  return { row, created: plan.kind === "insert", changed: true };
}

/**
 * Creates (existing = null) or merges into one record inside the caller's transaction, stamped with
 * `now` from the tenant clock. Validates the merged result before anything is written, keeps the
 * calling connection's remoteId/remoteRef, and appends a field-level history entry. A write that
 * changes nothing leaves lastModified alone, so two systems syncing each other do not loop.
 */
export async function writeRecord(tx: Tx, ctx: RecordCtx, type: RecordType, existing: RecordRow | null, body: unknown, now: Date): Promise<WriteOutcome> {
  const namesRemote = !!body && typeof body === "object" && ("remoteId" in body || "remoteRef" in body);
  const cur = existing && namesRemote ? await currentRemote(tx, ctx, existing.localId) : undefined;
  return applyWrite(tx, ctx, type, planWrite(ctx, type, existing, cur, body, now));
}

function prefixed(prefix: string, o: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [prefix + k, v]));
}

async function currentRemote(tx: Tx, ctx: RecordCtx, localId: string) {
  if (!ctx.connectionId) return undefined;
  const [row] = await tx
    .select()
    .from(recordRemoteIds)
    .where(and(eq(recordRemoteIds.tenantId, ctx.tenantId), eq(recordRemoteIds.localId, localId), eq(recordRemoteIds.connectionId, ctx.connectionId)));
  return row;
}
