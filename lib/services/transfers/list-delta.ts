import { and, asc, eq, gte, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { transferReports } from "@/db/schema";
import { withTenantTx } from "@/db/tenant-tx";
import { decodeCursor, encodeCursor, isTimestamp } from "@/lib/keyset";
import { parseInput } from "@/lib/validation";
import { listRecordsQuery } from "../records/list";
import { presentTransferReport } from "./latest";

/**
 * Delta sync over transfer reports (GET /api/transferReport): the records' query parameters and Link
 * paging, ordered by (lastModified, id). A report is stamped from the tenant clock each time its
 * counts change, so a running report reappears with its new counts and none is skipped.
 */
export async function listTransfersDelta({ db, tenantId, query }: { db: Db; tenantId: string; query: unknown }) {
  const q = parseInput(listRecordsQuery, query ?? {});
  const where: SQL[] = [eq(transferReports.tenantId, tenantId)];
  if (q.cursor) {
    const [at, id] = decodeCursor(q.cursor, ([t, i, ...rest]) => isTimestamp(t) && !!i && rest.length === 0);
    where.push(sql`(${transferReports.lastModified}, ${transferReports.id}) > (${at}::timestamptz, ${id})`);
  } else if (q.modifiedAtOrAfter) {
    where.push(gte(transferReports.lastModified, new Date(q.modifiedAtOrAfter)));
  }
  return withTenantTx(db, tenantId, async (tx) => {
    const rows = await tx.select().from(transferReports).where(and(...where)).orderBy(asc(transferReports.lastModified), asc(transferReports.id)).limit(q.limit + 1);
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    return { reports: page.map(presentTransferReport), nextCursor: rows.length > q.limit && last ? encodeCursor(last.lastModified.toISOString(), last.id) : null };
  });
}
