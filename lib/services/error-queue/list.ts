import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { connections, errorQueue } from "@/db/schema";
import { withTenantTx } from "@/db/tenant-tx";
import { requireTenantPermission, type TenantCtx } from "@/lib/auth/guard";
import { decodeCursor, encodeCursor, isTimestamp } from "@/lib/keyset";
import { parseInput } from "@/lib/validation";

const blank = z.literal("").transform(() => undefined);
export const listErrorsQuery = z.object({
  status: z.enum(["open", "retried", "resolved", "all"]).default("open").or(blank.transform(() => "open" as const)),
  connectionId: z.string().max(40).optional().or(blank),
  plug: z.string().max(60).optional().or(blank),
  cursor: z.string().max(200).optional(),
});

const PAGE = 50;

/** The error queue: records plugs could not move, newest failure first. */
export async function listErrors({ ctx, input }: { ctx: TenantCtx; input: unknown }) {
  requireTenantPermission(ctx, "tenant.read");
  const q = parseInput(listErrorsQuery, input ?? {});
  const where: SQL[] = [eq(errorQueue.tenantId, ctx.tenant.id)];
  if (q.status !== "all") where.push(eq(errorQueue.status, q.status));
  if (q.connectionId) where.push(eq(errorQueue.connectionId, q.connectionId));
  if (q.plug) where.push(eq(errorQueue.plugKey, q.plug));
  if (q.cursor) {
    const [at, id] = decodeCursor(q.cursor, ([t, i, ...rest]) => isTimestamp(t) && !!i && rest.length === 0);
    where.push(sql`(${errorQueue.lastFailedAt}, ${errorQueue.id}) < (${at}::timestamptz, ${id})`);
  }
  return withTenantTx(ctx.db, ctx.tenant.id, async (tx) => {
    const rows = await tx
      .select({ e: errorQueue, connectionName: connections.name })
      .from(errorQueue)
      .leftJoin(connections, and(eq(connections.tenantId, errorQueue.tenantId), eq(connections.id, errorQueue.connectionId)))
      .where(and(...where))
      .orderBy(desc(errorQueue.lastFailedAt), desc(errorQueue.id))
      .limit(PAGE + 1);
    const page = rows.slice(0, PAGE);
    const last = page[page.length - 1];
    return {
      items: page.map(({ e, connectionName }) => ({
        id: e.id,
        connectionId: e.connectionId,
        connectionName,
        plug: e.plugKey,
        recordType: e.recordType,
        remoteId: e.remoteId,
        localId: e.localId,
        displayId: e.displayId,
        status: e.status,
        message: e.message,
        attempts: e.attempts,
        firstFailedAt: e.firstFailedAt.toISOString(),
        lastFailedAt: e.lastFailedAt.toISOString(),
        lastReportId: e.lastReportId,
        resolvedAt: e.resolvedAt?.toISOString() ?? null,
        resolvedBy: e.resolvedBy,
      })),
      nextCursor: rows.length > PAGE && last ? encodeCursor(last.e.lastFailedAt.toISOString(), last.e.id) : null,
    };
  });
}
