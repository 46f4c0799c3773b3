import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { transferReports } from "@/db/schema";
import { withTenantTx } from "@/db/tenant-tx";
import { requireTenantPermission, type TenantCtx } from "@/lib/auth/guard";
import { decodeCursor, encodeCursor, isTimestamp } from "@/lib/keyset";
import { parseInput } from "@/lib/validation";
import { presentTransferReport } from "./latest";

const blank = z.literal("").transform(() => undefined);
export const listTransfersQuery = z.object({
  connectionId: z.string().max(40).optional().or(blank),
  plug: z.string().max(60).optional().or(blank),
  status: z.enum(["running", "succeeded", "completedWithErrors", "failed", "interrupted"]).optional().or(blank),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(25),
});

/** A tenant's transfer reports, newest first (run history), keyset paged on (started, id). */
export async function listTransfers({ ctx, input }: { ctx: TenantCtx; input: unknown }) {
  requireTenantPermission(ctx, "tenant.read");
  const q = parseInput(listTransfersQuery, input ?? {});
  const where: SQL[] = [eq(transferReports.tenantId, ctx.tenant.id)];
  if (q.connectionId) where.push(eq(transferReports.connectionId, q.connectionId));
  if (q.plug) where.push(eq(transferReports.plugKey, q.plug));
  if (q.status) where.push(eq(transferReports.status, q.status));
  if (q.cursor) {
    const [at, id] = decodeCursor(q.cursor, ([t, i, ...rest]) => isTimestamp(t) && !!i && rest.length === 0);
    where.push(sql`(${transferReports.started}, ${transferReports.id}) < (${at}::timestamptz, ${id})`);
  }
  return withTenantTx(ctx.db, ctx.tenant.id, async (tx) => {
    const rows = await tx.select().from(transferReports).where(and(...where)).orderBy(desc(transferReports.started), desc(transferReports.id)).limit(q.limit + 1);
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    return { reports: page.map(presentTransferReport), nextCursor: rows.length > q.limit && last ? encodeCursor(last.started.toISOString(), last.id) : null };
  });
}
