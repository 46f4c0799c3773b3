import { withTenantTx } from "@/db/tenant-tx";
import { presentSettings, requirePermission, settingsRow, tenantHasOption, type AutoInvoiceCtx } from "./internal";

/** The tenant's Auto Invoice switch and cut-off; off until someone turns it on. */
export async function getAutoInvoiceSettings({ ctx }: { ctx: AutoInvoiceCtx }) {
  requirePermission(ctx, "tenant.read");
  return withTenantTx(ctx.db, ctx.tenant.id, async (tx) => presentSettings(await settingsRow(tx, ctx.tenant.id), await tenantHasOption(tx, ctx.tenant.id)));
}
