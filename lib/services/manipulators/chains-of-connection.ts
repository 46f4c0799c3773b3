import { and, eq } from "drizzle-orm";
import { manipulatorChains } from "@/db/schema";
import { withTenantTx } from "@/db/tenant-tx";
import { API_CONNECTOR, connectorByKey } from "@/lib/connectors/registry";
import type { ChainLink, Direction } from "@/lib/manipulators/types";
import type { RecordType } from "@/lib/records";
import { connectionInTenant, requireChainPermission, type ChainCtx } from "./internal";

export type ChainSummary = {
  direction: Direction;
  recordType: RecordType;
  /** The plugs the chain runs in ("Order import"). */
  plugs: { key: string; name: string }[];
  version: number;
  links: number;
  enabledLinks: number;
  updated: string | null;
  updatedBy: string | null;
};

/**
 * Every chain a connection can have, one per direction and record type of its plugs (the
 * connection page's Manipulators tab), with the saved version and link counts. API connections
 * have no plugs, so none.
 */
export async function chainsOfConnection({ ctx, connectionId }: { ctx: ChainCtx; connectionId: string }): Promise<{ connection: { id: string; name: string; connector: string; archived: boolean; native: boolean }; chains: ChainSummary[] }> {
  requireChainPermission(ctx, "tenant.read");
  const tenantId = ctx.tenant.id;
  return withTenantTx(ctx.db, tenantId, async (tx) => {
    const row = await connectionInTenant(tx, tenantId, connectionId);
    const connector = row.connector === API_CONNECTOR ? undefined : connectorByKey(row.connector);
    const saved = await tx.select().from(manipulatorChains).where(and(eq(manipulatorChains.tenantId, tenantId), eq(manipulatorChains.connectionId, connectionId)));
    const chains = new Map<string, ChainSummary>();
    for (const p of connector?.plugs ?? []) {
      const key = `${p.direction}/${p.recordType}`;
      const entry = chains.get(key) ?? { direction: p.direction, recordType: p.recordType, plugs: [], version: 0, links: 0, enabledLinks: 0, updated: null, updatedBy: null };
      entry.plugs.push({ key: p.key, name: p.name });
      chains.set(key, entry);
    }
    for (const s of saved) {
      const entry = chains.get(`${s.direction}/${s.recordType}`);
      // A chain whose plug the connector no longer has cannot run: not offered.
      if (!entry) continue;
      const links = s.links as ChainLink[];
      Object.assign(entry, { version: s.version, links: links.length, enabledLinks: links.filter((l) => l.enabled).length, updated: s.updatedAt.toISOString(), updatedBy: s.updatedBy });
    }
    const order = (c: ChainSummary) => (c.direction === "import" ? 0 : 1);
    return {
      connection: { id: row.id, name: row.name, connector: row.connector, archived: row.archived, native: !!connector },
      chains: [...chains.values()].sort((a, b) => order(a) - order(b) || a.recordType.localeCompare(b.recordType)),
    };
  });
}
