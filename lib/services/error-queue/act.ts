import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { z } from "zod";
import { connections, errorQueue } from "@/db/schema";
import { withTenantTx } from "@/db/tenant-tx";
import { recordAudit } from "@/lib/audit";
import { requireTenantPermission, type TenantCtx } from "@/lib/auth/guard";
import { ValidationError } from "@/lib/errors";
import { enqueuePlugRun } from "@/lib/jobs/queue";
import { parseInput } from "@/lib/validation";

export const errorIdsSchema = z.object({ ids: z.array(z.string().regex(/^err_[0-9a-f]{24}$/, "Not an error id.")).min(1, "Pick at least one failed record.").max(1000, "At most 1,000 at a time.") });

/**
 * Retries failed records with the plug's *current* settings: the picked entries become "retried"
 * and one run per plug re-processes exactly them (imports re-map the saved remote data, exports
 * push the record as it is now). The run resolves them or opens them again with the new error.
 */
export async function retryErrors({ ctx, input }: { ctx: TenantCtx; input: unknown }): Promise<{ runs: number; items: number }> {
  requireTenantPermission(ctx, "tenant.write");
  const { ids } = parseInput(errorIdsSchema, input);
  const tenantId = ctx.tenant.id;
  const groups = await withTenantTx(ctx.db, tenantId, async (tx) => {
    const rows = await tx
      .update(errorQueue)
      .set({ status: "retried", updatedAt: sql`now()` })
      .where(and(eq(errorQueue.tenantId, tenantId), inArray(errorQueue.id, ids), ne(errorQueue.status, "resolved")))
      .returning({ id: errorQueue.id, connectionId: errorQueue.connectionId, plugKey: errorQueue.plugKey });
    if (!rows.length) throw new ValidationError("None of these records is waiting for a retry.");
    const active = await tx.select({ id: connections.id }).from(connections).where(and(eq(connections.tenantId, tenantId), eq(connections.active, true)));
    const inactive = rows.filter((r) => !active.some((a) => a.id === r.connectionId));
    if (inactive.length) throw new ValidationError("Some of these records belong to an inactive connection; activate it first.");
    const byPlug = new Map<string, { connectionId: string; plugKey: string; ids: string[] }>();
    for (const r of rows) {
      const k = `${r.connectionId}/${r.plugKey}`;
      byPlug.set(k, { connectionId: r.connectionId, plugKey: r.plugKey, ids: [...(byPlug.get(k)?.ids ?? []), r.id] });
    }
    await recordAudit(tx, ctx.actor, { action: "error.retry", target: { type: "errorQueue", id: rows[0].id, label: `${rows.length} record(s)` }, after: { ids: rows.map((r) => r.id) }, tenantId });
    return [...byPlug.values()];
  });
  for (const g of groups) await enqueuePlugRun({ tenantId, connectionId: g.connectionId, plugKey: g.plugKey, trigger: "retry", errorIds: g.ids });
  return { runs: groups.length, items: groups.reduce((n, g) => n + g.ids.length, 0) };
}

/** Resolves failed records by hand (the user fixed them elsewhere or does not want them moved). */
export async function resolveErrors({ ctx, input }: { ctx: TenantCtx; input: unknown }): Promise<{ items: number }> {
  requireTenantPermission(ctx, "tenant.write");
  const { ids } = parseInput(errorIdsSchema, input);
  const tenantId = ctx.tenant.id;
  return withTenantTx(ctx.db, tenantId, async (tx) => {
    const rows = await tx
      .update(errorQueue)
      .set({ status: "resolved", resolvedAt: sql`now()`, resolvedBy: `user/${ctx.actor.email}`, updatedAt: sql`now()` })
      .where(and(eq(errorQueue.tenantId, tenantId), inArray(errorQueue.id, ids), ne(errorQueue.status, "resolved")))
      .returning({ id: errorQueue.id });
    if (rows.length) await recordAudit(tx, ctx.actor, { action: "error.resolve", target: { type: "errorQueue", id: rows[0].id, label: `${rows.length} record(s)` }, after: { ids: rows.map((r) => r.id) }, tenantId });
    return { items: rows.length };
  });
}
