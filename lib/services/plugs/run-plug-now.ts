import { withTenantTx } from "@/db/tenant-tx";
import { recordAudit } from "@/lib/audit";
import { requireTenantPermission, type TenantCtx } from "@/lib/auth/guard";
import { ValidationError } from "@/lib/errors";
import { enqueuePlugRun } from "@/lib/jobs/queue";
import { connectionPlug } from "@/lib/services/connections/access";
import { claimRun } from "./claim-run";

/** "Run now": queues one run of the plug (enabled or not); a plug already queued is not queued twice. */
export async function runPlugNow({ ctx, connectionId, plugKey }: { ctx: TenantCtx; connectionId: string; plugKey: string }): Promise<{ queued: boolean }> {
  requireTenantPermission(ctx, "tenant.write");
  const tenantId = ctx.tenant.id;
  const claimed = await withTenantTx(ctx.db, tenantId, async (tx) => {
    const { row, plug, plugRow } = await connectionPlug(tx, tenantId, connectionId, plugKey);
    if (!row.active) throw new ValidationError("Activate the connection before running its plugs.");
    if (!(await claimRun(tx, plugRow))) return false;
    await recordAudit(tx, ctx.actor, { action: "plug.run", target: { type: "plug", id: `${row.id}/${plug.key}`, label: `${row.name} · ${plug.name}` }, tenantId });
    return true;
  });
  if (claimed) await enqueuePlugRun({ tenantId, connectionId, plugKey, trigger: "manual" });
  return { queued: claimed };
}
