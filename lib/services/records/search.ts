import { and, asc, desc, eq, gte, ilike, lt, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { connections, recordHistory, recordRemoteIds, records } from "@/db/schema";
import { withTenantTx } from "@/db/tenant-tx";
import { decodeCursor, encodeCursor, isLocalId, isTimestamp } from "@/lib/keyset";
import type { RecordType } from "@/lib/records";
import { parseInput } from "@/lib/validation";
import type { RecordCtx } from "./context";
import { getRecordRow, presentRecord, remoteIdsOf } from "./internal";

export const SEARCH_PAGE_SIZE = 50;
export const HISTORY_LIMIT = 200;

/** A GET form sends "" for an untouched field; that means "no filter". */
const optional = <S extends z.ZodType>(schema: S) => z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v), schema.optional());
const isoDate = z.iso.date({ message: "Use a date like 2026-01-31." });

/** The console's record search: free text, filters and a keyset cursor, all optional. */
export const searchRecordsQuery = z
  .object({
    q: optional(z.string().max(200, "Search for at most 200 characters.")),
    status: optional(z.string().max(100)),
    connection: optional(z.string().max(100)),
    from: optional(isoDate),
    to: optional(isoDate),
    archived: optional(z.enum(["exclude", "include", "only"], { message: "Choose whether to show archived records." })).transform((v) => v ?? "exclude"),
    cursor: optional(z.string().max(300)),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ["to"], message: "The end date is before the start date." });

export type SearchRecordsQuery = z.output<typeof searchRecordsQuery>;

/**
 * Opaque keyset cursor: the (lastModified, localId) of the row to continue from, and the direction.
 * "older" pages continue below the row, "newer" pages above it (the list is newest first).
 */
type Cursor = { dir: "older" | "newer"; at: string; id: string };
const toCursor = (c: Cursor) => encodeCursor(c.dir, c.at, c.id);
function fromCursor(cursor: string): Cursor {
  const [dir, at, id] = decodeCursor(
    cursor,
    ([d, t, l, ...rest]) => (d === "older" || d === "newer") && isTimestamp(t) && isLocalId(l) && rest.length === 0,
    "This page link is no longer valid; start again from the first page.",
  );
  return { dir: dir as Cursor["dir"], at, id };
}

/** ILIKE pattern for "contains", with the pattern characters in the user's text taken literally. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function startOfDay(date: string): Date {
  return new Date(`${date}T00:00:00.000Z`);
}

function filters(ctx: RecordCtx, type: RecordType, q: SearchRecordsQuery): SQL[] {
  const where: SQL[] = [eq(records.tenantId, ctx.tenantId), eq(records.type, type)];
  if (q.q) {
    const pattern = containsPattern(q.q);
    const remote = sql`exists (select 1 from ${recordRemoteIds} where ${recordRemoteIds.tenantId} = ${records.tenantId} and ${recordRemoteIds.localId} = ${records.localId} and (${recordRemoteIds.remoteId} ilike ${pattern} or ${recordRemoteIds.remoteRef} ilike ${pattern}))`;
    const text = [ilike(records.number, pattern), ilike(records.sku, pattern), ilike(records.name, pattern), remote];
    if (/^[0-9a-f]{32}$/i.test(q.q)) text.push(eq(records.localId, q.q.toLowerCase()));
    where.push(or(...text)!);
  }
  if (q.status) where.push(eq(records.status, q.status));
  if (q.connection) where.push(sql`${records.source}->>'connectionId' = ${q.connection}`);
  if (q.from) where.push(gte(records.lastModified, startOfDay(q.from)));
  if (q.to) where.push(lt(records.lastModified, new Date(startOfDay(q.to).getTime() + 86_400_000)));
  if (q.archived === "exclude") where.push(eq(records.archived, false));
  if (q.archived === "only") where.push(eq(records.archived, true));
  return where;
}

/**
 * The tenant console's record list: newest change first, filtered and searched, 50 per page with
 * "newer" and "older" cursors. Search matches number, SKU and name (contains, case-insensitive),
 * the id or reference a record has in any connected system, or its exact localId.
 */
export async function searchRecords({ ctx, type, query }: { ctx: RecordCtx; type: RecordType; query: unknown }) {
  const q = parseInput(searchRecordsQuery, query ?? {});
  const where = filters(ctx, type, q);
  const cursor = q.cursor ? fromCursor(q.cursor) : null;
  const key = sql`(${records.lastModified}, ${records.localId})`;
  if (cursor?.dir === "older") where.push(sql`${key} < (${cursor.at}::timestamptz, ${cursor.id})`);
  if (cursor?.dir === "newer") where.push(sql`${key} > (${cursor.at}::timestamptz, ${cursor.id})`);

  return withTenantTx(ctx.db, ctx.tenantId, async (tx) => {
    const newer = cursor?.dir === "newer";
    const rows = await tx
      .select()
      .from(records)
      .where(and(...where))
      .orderBy(...(newer ? [asc(records.lastModified), asc(records.localId)] : [desc(records.lastModified), desc(records.localId)]))
      .limit(SEARCH_PAGE_SIZE + 1);
    const more = rows.length > SEARCH_PAGE_SIZE;
    const page = rows.slice(0, SEARCH_PAGE_SIZE);
    if (newer) page.reverse();
    const first = page[0];
    const last = page[page.length - 1];
    const at = (r: (typeof page)[number]) => r.lastModified.toISOString();
    const remote = await remoteIdsOf(tx, ctx.tenantId, page.map((r) => r.localId));
    return {
      query: q,
      records: page.map((r) => presentRecord(r, remote.get(r.localId) ?? [], ctx.connectionId)),
      // Came from an older page: there is always something newer. Came from a newer page: always something older.
      newerCursor: first && (newer ? more : cursor !== null) ? toCursor({ dir: "newer", at: at(first), id: first.localId }) : null,
      olderCursor: last && (newer ? true : more) ? toCursor({ dir: "older", at: at(last), id: last.localId }) : null,
    };
  });
}

/** The distinct statuses records of a type have, for the list's status filter. */
export async function listRecordStatuses({ ctx, type }: { ctx: RecordCtx; type: RecordType }): Promise<string[]> {
  return withTenantTx(ctx.db, ctx.tenantId, async (tx) => {
    const rows = await tx
      .selectDistinct({ status: records.status })
      .from(records)
      .where(and(eq(records.tenantId, ctx.tenantId), eq(records.type, type), sql`${records.status} is not null`))
      .orderBy(asc(records.status))
      .limit(200);
    return rows.map((r) => r.status!).filter((s) => s !== "");
  });
}

export type HistoryEntry = {
  seq: number;
  at: string;
  by: string;
  op: "create" | "update";
  fields: { field: string; before: unknown; after: unknown }[];
};

/**
 * One record for the console's detail page: its public shape, the id and reference it has in each
 * connection (with the connection's current name), and its change history, newest first.
 */
export async function getRecordDetail({ ctx, type, localId }: { ctx: RecordCtx; type: RecordType; localId: string }) {
  return withTenantTx(ctx.db, ctx.tenantId, async (tx) => {
    const row = await getRecordRow(tx, ctx.tenantId, type, localId);
    const remote = (await remoteIdsOf(tx, ctx.tenantId, [localId])).get(localId) ?? [];
    const conns = await tx.select({ id: connections.id, name: connections.name, connector: connections.connector }).from(connections).where(eq(connections.tenantId, ctx.tenantId));
    const byId = new Map(conns.map((c) => [c.id, c]));
    const history = await tx
      .select()
      .from(recordHistory)
      .where(and(eq(recordHistory.tenantId, ctx.tenantId), eq(recordHistory.localId, localId)))
      .orderBy(desc(recordHistory.seq))
      .limit(HISTORY_LIMIT + 1);
    return {
      record: presentRecord(row, remote, ctx.connectionId),
      /** The type's own fields alone, without the common ones presentRecord puts first. */
      data: row.data as Record<string, unknown>,
      customData: row.customData as Record<string, unknown>,
      source: row.source as Record<string, unknown>,
      remoteIds: remote
        .map((r) => ({ connectionId: r.connectionId, connectionName: byId.get(r.connectionId)?.name ?? null, connector: byId.get(r.connectionId)?.connector ?? null, remoteId: r.remoteId, remoteRef: r.remoteRef }))
        .sort((a, b) => (a.connectionName ?? a.connectionId).localeCompare(b.connectionName ?? b.connectionId)),
      /** Names of the tenant's connections by id, to label sources and writers. */
      connectionNames: Object.fromEntries(conns.map((c) => [c.id, c.name])) as Record<string, string>,
      history: history.slice(0, HISTORY_LIMIT).map(presentHistory),
      historyTruncated: history.length > HISTORY_LIMIT,
    };
  });
}

function presentHistory(h: typeof recordHistory.$inferSelect): HistoryEntry {
  const changes = (h.changes ?? {}) as { op?: string; fields?: Record<string, [unknown, unknown]> };
  return {
    seq: h.seq,
    at: h.at.toISOString(),
    by: h.by,
    op: changes.op === "create" ? "create" : "update",
    fields: Object.entries(changes.fields ?? {})
      .map(([field, pair]) => ({ field, before: Array.isArray(pair) ? pair[0] : null, after: Array.isArray(pair) ? pair[1] : null }))
      .sort((a, b) => a.field.localeCompare(b.field)),
  };
}
