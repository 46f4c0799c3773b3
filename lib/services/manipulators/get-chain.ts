import { withTenantTx } from "@/db/tenant-tx";
import { chainRow, connectionInTenant, presentChain, requireChainPermission, type ChainCtx, type ChainTarget } from "./internal";

/**
 * The chain of a connection, direction and record type with its version: empty at version 0 when
 * none was saved. Any connection of the tenant answers (an API connection's is always empty).
 */
export async function getChain({ ctx, target }: { ctx: ChainCtx; target: ChainTarget }) {
  requireChainPermission(ctx, "tenant.read");
  const tenantId = ctx.tenant.id;
  return withTenantTx(ctx.db, tenantId, async (tx) => {
    await connectionInTenant(tx, tenantId, target.connectionId);
    return presentChain(target, await chainRow(tx, tenantId, target));
  });
}
