import { and, asc, eq, gte, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { logEvents } from "@/db/schema";
import { withTenantTx } from "@/db/tenant-tx";
import { decodeCursor, encodeCursor, isTimestamp } from "@/lib/keyset";
import { parseInput } from "@/lib/validation";
import { listRecordsQuery } from "../records/list";

export type LogEventRow = typeof logEvents.$inferSelect;

/** The public shape of an event: read-only history, so created is also its lastModified. */
export function presentLogEvent(e: LogEventRow) {
  return {
    localId: e.id,
    connectionId: e.connectionId,
    severity: e.severity,
    relatedRecordType: e.relatedRecordType,
    direction: e.direction,
    summary: e.summary,
    body: e.body,
    relatedIdMsgs: e.relatedIdMsgs,
    time: e.time.toISOString(),
    created: e.createdAt.toISOString(),
    lastModified: e.createdAt.toISOString(),
  };
}

/**
 * Delta sync over the event history (GET /api/logEvent): the same query parameters and Link paging
 * as records, ordered by (created, id). Events never change, so each appears exactly once.
 */
export async function listLogEventsDelta({ db, tenantId, query }: { db: Db; tenantId: string; query: unknown }) {
  const q = parseInput(listRecordsQuery, query ?? {});
  const where: SQL[] = [eq(logEvents.tenantId, tenantId)];
  if (q.cursor) {
    const [at, id] = decodeCursor(q.cursor, ([t, i, ...rest]) => isTimestamp(t) && !!i && rest.length === 0);
    where.push(sql`(${logEvents.createdAt}, ${logEvents.id}) > (${at}::timestamptz, ${id})`);
  } else if (q.modifiedAtOrAfter) {
    where.push(gte(logEvents.createdAt, new Date(q.modifiedAtOrAfter)));
  }
  return withTenantTx(db, tenantId, async (tx) => {
    const rows = await tx.select().from(logEvents).where(and(...where)).orderBy(asc(logEvents.createdAt), asc(logEvents.id)).limit(q.limit + 1);
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    return { events: page.map(presentLogEvent), nextCursor: rows.length > q.limit && last ? encodeCursor(last.createdAt.toISOString(), last.id) : null };
  });
}
