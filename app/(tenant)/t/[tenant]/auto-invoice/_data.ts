import type { ConnectionChoice, ExportTarget } from "@/components/auto-invoice/types";
import type { TenantCtx } from "@/lib/auth/guard";
import { listConnections } from "@/lib/services/connections/list";

/**
 * The tenant's connections once, as the Auto Invoice pages use them: those that can export invoices
 * (an invoice export plug), every name, and every connection as a choice for conditions on an
 * order's source connection (active first, archived ones after, marked).
 */
export async function ruleConnections(ctx: TenantCtx): Promise<{ targets: ExportTarget[]; names: Record<string, string>; connections: ConnectionChoice[] }> {
  const all = await listConnections({ db: ctx.db, tenantId: ctx.tenant.id });
  const targets = all
    .filter((c) => !c.archived)
    .flatMap((c) => {
      const plug = c.plugs.find((p) => p.direction === "export" && p.recordType === "invoice");
      return plug ? [{ connectionId: c.connectionId, name: c.name, enabled: plug.enabled && c.active }] : [];
    });
  const connections = [...all.filter((c) => !c.archived), ...all.filter((c) => c.archived)].map((c) => ({ connectionId: c.connectionId, name: c.name, connectorName: c.connectorName, archived: c.archived }));
  return { targets, names: Object.fromEntries(all.map((c) => [c.connectionId, c.name])), connections };
}
