import { and, eq, gte, sql, type SQL } from "drizzle-orm";
import { rowsOf } from "@/db/client";
import { z } from "zod";
import { records } from "@/db/schema";
import { withTenantTx } from "@/db/tenant-tx";
import { decodeCursor, encodeCursor, isLocalId, isTimestamp } from "@/lib/keyset";
import type { RecordType } from "@/lib/records";
import { parseInput } from "@/lib/validation";
import type { RecordCtx } from "./context";
import { presentRecordJson, remoteIdsOf, type RecordTextRow } from "./internal";

export const listRecordsQuery = z.object({
  modifiedAtOrAfter: z.iso.datetime({ offset: true, message: "Use an ISO 8601 date-time, e.g. 2026-01-31T12:00:00.000Z." }).optional(),
  limit: z.coerce.number({ message: "limit must be a whole number." }).int("limit must be a whole number.").min(1, "limit is at least 1.").max(1000, "limit is at most 1000.").default(100),
  cursor: z.string().max(300).optional(),
});

/**
 * Delta sync: records of a type modified at or after a time, in (lastModified, localId) order, with
 * an opaque cursor for the next page. Because writes are stamped in commit order per tenant, paging
 * never skips a record; one changed while paging comes back later with its new lastModified.
 */
export async function listRecords({ ctx, type, query }: { ctx: RecordCtx; type: RecordType; query: unknown }) {
  const q = parseInput(listRecordsQuery, query ?? {});
  const where: SQL[] = [eq(records.tenantId, ctx.tenantId), eq(records.type, type)];
  if (q.cursor) {
    const [at, id] = decodeCursor(q.cursor, ([t, l, ...rest]) => isTimestamp(t) && isLocalId(l) && rest.length === 0);
    where.push(sql`(${records.lastModified}, ${records.localId}) > (${at}::timestamptz, ${id})`);
  } else if (q.modifiedAtOrAfter) {
    where.push(gte(records.lastModified, new Date(q.modifiedAtOrAfter)));
  }
  return withTenantTx(ctx.db, ctx.tenantId, async (tx) => {
    // The hot path of delta sync: plain rows from the driver (no ORM row mapping), data as JSON text.
    const rows = rowsOf<PageRow>(
      await tx.execute(sql`select local_id, type, created, last_modified, last_modified_by, source, custom_data, archived, data::text as data_text
        from ${records} where ${and(...where)} order by last_modified asc, local_id asc limit ${q.limit + 1}`),
    );
    const page = rows.slice(0, q.limit);
    const remote = await remoteIdsOf(tx, ctx.tenantId, page.map((r) => r.local_id));
    const last = page[page.length - 1];
    return {
      /** The page as a JSON array text, ready to send. */
      json: `[${page.map((r) => presentRecordJson(textRow(ctx.tenantId, r), remote.get(r.local_id) ?? [], ctx.connectionId)).join(",")}]`,
      count: page.length,
      nextCursor: rows.length > q.limit && last ? encodeCursor(new Date(last.last_modified).toISOString(), last.local_id) : null,
    };
  });
}

type PageRow = { local_id: string; type: string; created: string | Date; last_modified: string | Date; last_modified_by: string; source: unknown; custom_data: unknown; archived: boolean; data_text: string };

function textRow(tenantId: string, r: PageRow): RecordTextRow {
  // Raw rows: timestamps arrive as text or Dates depending on the driver (PGlite, postgres-js under Drizzle).
  return {
    tenantId,
    localId: r.local_id,
    type: r.type,
    created: new Date(r.created),
    lastModified: new Date(r.last_modified),
    lastModifiedBy: r.last_modified_by,
    source: r.source,
    customData: r.custom_data,
    archived: r.archived,
    number: null,
    sku: null,
    name: null,
    status: null,
    dataText: r.data_text,
  };
}
