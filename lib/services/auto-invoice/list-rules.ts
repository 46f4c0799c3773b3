import { withTenantTx } from "@/db/tenant-tx";
import { presentRule, requirePermission, rulesOf, type AutoInvoiceCtx } from "./internal";

/** The tenant's rules in evaluation order (the first enabled match invoices the order). */
export async function listRules({ ctx }: { ctx: AutoInvoiceCtx }) {
  requirePermission(ctx, "tenant.read");
  return withTenantTx(ctx.db, ctx.tenant.id, async (tx) => (await rulesOf(tx, ctx.tenant.id)).map(presentRule));
}
