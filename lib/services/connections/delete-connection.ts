import { and, eq, sql } from "drizzle-orm";
import { rowsOf } from "@/db/client";
import { connections, errorQueue, manipulatorChains, plugs, recordRemoteIds, transferReports } from "@/db/schema";
import { withTenantTx } from "@/db/tenant-tx";
import { recordAudit } from "@/lib/audit";
import { requireTenantPermission, type TenantCtx } from "@/lib/auth/guard";
import { NotFoundError } from "@/lib/errors";

/**
 * Deletes a connection that never moved data; one with history (transfer reports, remote ids) is
 * archived instead — deactivated and hidden from the catalogue of active ones — so records keep
 * their source and their remote ids.
 */
export async function deleteConnection({ ctx, connectionId }: { ctx: TenantCtx; connectionId: string }): Promise<{ outcome: "deleted" | "archived" }> {
  requireTenantPermission(ctx, "tenant.write");
  const tenantId = ctx.tenant.id;
  return withTenantTx(ctx.db, tenantId, async (tx) => {
    const [row] = await tx.select().from(connections).where(and(eq(connections.tenantId, tenantId), eq(connections.id, connectionId))).for("update");
    if (!row) throw new NotFoundError("Connection");
    const [history] = rowsOf<{ has: boolean }>(await tx.execute(sql`select (
      exists (select 1 from ${transferReports} where tenant_id = ${tenantId} and connection_id = ${connectionId})
      or exists (select 1 from ${recordRemoteIds} where tenant_id = ${tenantId} and connection_id = ${connectionId})
      or exists (select 1 from records where tenant_id = ${tenantId} and last_modified_by = ${`connection/${connectionId}`})
    ) as has`));
    const target = { type: "connection", id: row.id, label: row.name };
    if (history?.has) {
      await tx.update(connections).set({ active: false, archived: true, updatedAt: sql`now()` }).where(and(eq(connections.tenantId, tenantId), eq(connections.id, connectionId)));
      await tx.update(plugs).set({ enabled: false, nextRunAt: null }).where(and(eq(plugs.tenantId, tenantId), eq(plugs.connectionId, connectionId)));
      await recordAudit(tx, ctx.actor, { action: "connection.archive", target, tenantId });
      return { outcome: "archived" as const };
    }
    await tx.delete(errorQueue).where(and(eq(errorQueue.tenantId, tenantId), eq(errorQueue.connectionId, connectionId)));
    await tx.delete(plugs).where(and(eq(plugs.tenantId, tenantId), eq(plugs.connectionId, connectionId)));
    await tx.delete(manipulatorChains).where(and(eq(manipulatorChains.tenantId, tenantId), eq(manipulatorChains.connectionId, connectionId)));
    await tx.delete(connections).where(and(eq(connections.tenantId, tenantId), eq(connections.id, connectionId)));
    await recordAudit(tx, ctx.actor, { action: "connection.delete", target, before: { name: row.name, connector: row.connector }, tenantId });
    return { outcome: "deleted" as const };
  });
}
