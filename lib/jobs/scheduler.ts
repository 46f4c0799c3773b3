import { and, eq, isNull, lt, lte, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { connections, plugs } from "@/db/schema";
import { nextRunAfter, plugScheduleSchema } from "@/lib/connectors/runtime/schedule";
import { enqueuePlugRun } from "./queue";

/** A queued run not started after this long is assumed lost (its job was never sent) and queued again. */
const STALE_REQUEST_MS = 15 * 60_000;

/**
 * Queues the runs of every enabled plug whose time has come, across tenants. Several workers may
 * tick at once: rows are claimed with SKIP LOCKED and moved to their next time in the same
 * transaction, so each due run is queued once.
 */
export async function enqueueDuePlugs(db: Db, now = new Date()): Promise<number> {
  const due = await db.transaction(async (tx) => {
    const rows = await tx
      .select({ tenantId: plugs.tenantId, connectionId: plugs.connectionId, key: plugs.key, schedule: plugs.schedule })
      .from(plugs)
      .innerJoin(connections, and(eq(connections.tenantId, plugs.tenantId), eq(connections.id, plugs.connectionId)))
      .where(
        and(
          eq(plugs.enabled, true),
          lte(plugs.nextRunAt, now),
          or(isNull(plugs.runRequestedAt), lt(plugs.runRequestedAt, new Date(now.getTime() - STALE_REQUEST_MS))),
          eq(connections.active, true),
          eq(connections.archived, false),
        ),
      )
      .limit(500)
      .for("update", { of: plugs, skipLocked: true });
    for (const r of rows) {
      const schedule = plugScheduleSchema.safeParse(r.schedule);
      const nextRunAt = schedule.success ? nextRunAfter(schedule.data, now) : new Date(now.getTime() + 3600_000);
      await tx
        .update(plugs)
        .set({ nextRunAt, runRequestedAt: now })
        .where(and(eq(plugs.tenantId, r.tenantId), eq(plugs.connectionId, r.connectionId), eq(plugs.key, r.key)));
    }
    return rows;
  });
  for (const r of due) await enqueuePlugRun({ tenantId: r.tenantId, connectionId: r.connectionId, plugKey: r.key, trigger: "schedule" });
  return due.length;
}
