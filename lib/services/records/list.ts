import { and, eq, gte, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { rowsOf } from "@/db/client";
import { records } from "@/db/schema";
import { withTenantTx } from "@/db/tenant-tx";
import { decodeCursor, encodeCursor, isLocalId, isTimestamp } from "@/lib/keyset";
import type { RecordType } from "@/lib/records";
import { parseInput } from "@/lib/validation";
import type { RecordCtx } from "./context";
import { selectPresentedRecords } from "./internal";

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
    const rows = rowsOf<{ local_id: string; last_modified: string; json: string }>(
      await tx.execute(selectPresentedRecords(ctx.connectionId, and(...where)!, sql`order by records.last_modified asc, records.local_id asc limit ${q.limit + 1}`)),
    );
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    return {
      /** The page as a JSON array text, ready to send. */
      json: `[${page.map((r) => r.json).join(",")}]`,
      count: page.length,
      nextCursor: rows.length > q.limit && last ? encodeCursor(last.last_modified, last.local_id) : null,
    };
  });
}
