import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { plugs } from "@/db/schema";
import { withTenantTx } from "@/db/tenant-tx";
import { recordAudit } from "@/lib/audit";
import { requireTenantPermission, type TenantCtx } from "@/lib/auth/guard";
import { nextRunAfter, plugScheduleSchema } from "@/lib/connectors/runtime/schedule";
import { parseInput } from "@/lib/validation";
import { connectionPlug } from "@/lib/services/connections/access";

export const updatePlugSchema = z.object({
  enabled: z.boolean(),
  schedule: plugScheduleSchema,
  settings: z.record(z.string(), z.unknown()).default({}),
  /** Where the next run starts (the connector's delta position); null starts over from the start date. */
  watermark: z.string().trim().max(200).nullable().optional(),
});

/** Enables/disables a plug, sets its schedule and settings (validated by the plug's own schema), optionally moves its watermark. */
export async function updatePlug({ ctx, connectionId, plugKey, input }: { ctx: TenantCtx; connectionId: string; plugKey: string; input: unknown }) {
  requireTenantPermission(ctx, "tenant.write");
  const q = parseInput(updatePlugSchema, input);
  const tenantId = ctx.tenant.id;
  return withTenantTx(ctx.db, tenantId, async (tx) => {
    const { row, plug, plugRow } = await connectionPlug(tx, tenantId, connectionId, plugKey);
    const settings = parseInput(plug.settings, q.settings) as Record<string, unknown>;
    const now = new Date();
    // Enabling runs it soon; a new schedule takes effect from now; disabling stops the clock.
    const nextRunAt = !q.enabled ? null : !plugRow.enabled || !plugRow.nextRunAt ? now : new Date(Math.min(plugRow.nextRunAt.getTime(), nextRunAfter(q.schedule, now).getTime()));
    const state = q.watermark === undefined ? plugRow.state : { ...(plugRow.state as object), watermark: q.watermark ?? undefined };
    await tx
      .update(plugs)
      .set({ enabled: q.enabled, schedule: q.schedule, settings, state, nextRunAt, updatedAt: sql`now()` })
      .where(and(eq(plugs.tenantId, tenantId), eq(plugs.connectionId, row.id), eq(plugs.key, plug.key)));
    await recordAudit(tx, ctx.actor, {
      action: "plug.update",
      target: { type: "plug", id: `${row.id}/${plug.key}`, label: `${row.name} · ${plug.name}` },
      before: { enabled: plugRow.enabled, schedule: plugRow.schedule, settings: plugRow.settings, state: plugRow.state },
      after: { enabled: q.enabled, schedule: q.schedule, settings, state },
      tenantId,
    });
    return { enabled: q.enabled, nextRunAt: nextRunAt?.toISOString() ?? null };
  });
}
