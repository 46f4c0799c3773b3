import type { ExportTarget } from "@/components/auto-invoice/types";
import type { TenantCtx } from "@/lib/auth/guard";
import { listConnections } from "@/lib/services/connections/list";

/** The tenant's connections that can export invoices (an invoice export plug), with every name. */
export async function exportTargets(ctx: TenantCtx): Promise<{ targets: ExportTarget[]; names: Record<string, string> }> {
  const all = await listConnections({ db: ctx.db, tenantId: ctx.tenant.id });
  const targets = all
    .filter((c) => !c.archived)
    .flatMap((c) => {
      const plug = c.plugs.find((p) => p.direction === "export" && p.recordType === "invoice");
      return plug ? [{ connectionId: c.connectionId, name: c.name, enabled: plug.enabled && c.active }] : [];
    });
  return { targets, names: Object.fromEntries(all.map((c) => [c.connectionId, c.name])) };
}
