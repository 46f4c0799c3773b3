import { sql } from "drizzle-orm";
import { manipulatorChains } from "@/db/schema";
import { withTenantTx } from "@/db/tenant-tx";
import { recordAudit } from "@/lib/audit";
import { ConflictError } from "@/lib/errors";
import { validateChain } from "@/lib/manipulators";
import type { ChainLink } from "@/lib/manipulators/types";
import { chainRow, connectionInTenant, directionLabel, plugsForChain, presentChain, requireChainPermission, type ChainCtx, type ChainTarget } from "./internal";

/**
 * Replaces a chain with the ordered links given (the console's Save and PUT …/manipulators/…).
 * Links are checked by the library (settings, regexes, expressions, conditions), so a chain that
 * cannot run is refused with the link and field that is wrong. Every save is a new version,
 * audited with the links before and after in the same transaction.
 */
export async function putChain({ ctx, target, input }: { ctx: ChainCtx; target: ChainTarget; input: unknown }) {
  requireChainPermission(ctx, "tenant.write");
  const tenantId = ctx.tenant.id;
  return withTenantTx(ctx.db, tenantId, async (tx) => {
    // The connection's row lock orders concurrent saves, so each gets its own version and true "before".
    const connection = await connectionInTenant(tx, tenantId, target.connectionId, true);
    const { connector } = plugsForChain(connection, target.direction, target.recordType);
    if (connection.archived) throw new ConflictError("This connection is archived; it cannot run again, so its chains no longer change.");
    const links: ChainLink[] = validateChain(input, { recordType: target.recordType, direction: target.direction });
    const before = await chainRow(tx, tenantId, target);
    const version = (before?.version ?? 0) + 1;
    const updatedBy = `user/${ctx.actor.email}`;
    const [row] = await tx
      .insert(manipulatorChains)
      .values({ tenantId, ...target, version, links, updatedBy, updatedAt: sql`now()` })
      .onConflictDoUpdate({
        target: [manipulatorChains.tenantId, manipulatorChains.connectionId, manipulatorChains.direction, manipulatorChains.recordType],
        set: { version, links, updatedBy, updatedAt: sql`now()` },
      })
      .returning();
    await recordAudit(tx, ctx.actor, {
      action: "manipulator_chain.update",
      target: { type: "manipulator_chain", id: `${target.connectionId}/${target.direction}/${target.recordType}`, label: `${connection.name} (${connector.name}) · ${directionLabel(target.direction)} · ${target.recordType}` },
      before: before ? { version: before.version, links: before.links } : { version: 0, links: [] },
      after: { version, links },
      tenantId,
    });
    return presentChain(target, row);
  });
}
