import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { plugs } from "@/db/schema";
import { nextRunAfter, plugScheduleSchema } from "@/lib/connectors/runtime/schedule";

type PlugRow = typeof plugs.$inferSelect;

/**
 * Marks one run of a plug as queued, unless one already is (then false: one queued run per plug).
 * The caller sends the job after its transaction commits. This run counts as the scheduled one, so
 * the next is due a whole interval later, not right after it.
 */
export async function claimRun(tx: Tx, plugRow: PlugRow, now = new Date()): Promise<boolean> {
  if (plugRow.runRequestedAt) return false;
  const schedule = plugScheduleSchema.safeParse(plugRow.schedule);
  const nextRunAt = plugRow.enabled && schedule.success ? nextRunAfter(schedule.data, now) : plugRow.nextRunAt;
  await tx
    .update(plugs)
    .set({ runRequestedAt: now, nextRunAt })
    .where(and(eq(plugs.tenantId, plugRow.tenantId), eq(plugs.connectionId, plugRow.connectionId), eq(plugs.key, plugRow.key)));
  return true;
}
