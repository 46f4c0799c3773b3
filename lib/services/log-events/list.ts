import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { connections, logEvents } from "@/db/schema";
import { withTenantTx } from "@/db/tenant-tx";
import { requireTenantPermission, type TenantCtx } from "@/lib/auth/guard";
import { decodeCursor, encodeCursor, isTimestamp } from "@/lib/keyset";
import { parseInput } from "@/lib/validation";

export const listLogEventsQuery = z.object({
  severity: z.enum(["debug", "info", "warning", "error", "critical"]).optional().or(z.literal("").transform(() => undefined)),
  connectionId: z.string().max(40).optional().or(z.literal("").transform(() => undefined)),
  cursor: z.string().max(200).optional(),
});

const PAGE = 50;

/** The tenant's event history, newest first, keyset paged on (time, id). */
export async function listLogEvents({ ctx, input }: { ctx: TenantCtx; input: unknown }) {
  requireTenantPermission(ctx, "tenant.read");
  const q = parseInput(listLogEventsQuery, input ?? {});
  const where: SQL[] = [eq(logEvents.tenantId, ctx.tenant.id)];
  if (q.severity) where.push(eq(logEvents.severity, q.severity));
  if (q.connectionId) where.push(eq(logEvents.connectionId, q.connectionId));
  if (q.cursor) {
    const [at, id] = decodeCursor(q.cursor, ([t, i, ...rest]) => isTimestamp(t) && !!i && rest.length === 0);
    where.push(sql`(${logEvents.time}, ${logEvents.id}) < (${at}::timestamptz, ${id})`);
  }
  return withTenantTx(ctx.db, ctx.tenant.id, async (tx) => {
    const rows = await tx
      .select({ event: logEvents, connectionName: connections.name })
      .from(logEvents)
      .leftJoin(connections, and(eq(connections.tenantId, logEvents.tenantId), eq(connections.id, logEvents.connectionId)))
      .where(and(...where))
      .orderBy(desc(logEvents.time), desc(logEvents.id))
      .limit(PAGE + 1);
    const page = rows.slice(0, PAGE);
    const last = page[page.length - 1];
    return {
      events: page.map((r) => ({ ...r.event, connectionName: r.connectionName })),
      nextCursor: rows.length > PAGE && last ? encodeCursor(last.event.time.toISOString(), last.event.id) : null,
    };
  });
}
