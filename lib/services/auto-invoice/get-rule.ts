import { withTenantTx } from "@/db/tenant-tx";
import { presentRule, requirePermission, ruleInTenant, type AutoInvoiceCtx } from "./internal";

export async function getRule({ ctx, ruleId }: { ctx: AutoInvoiceCtx; ruleId: string }) {
  requirePermission(ctx, "tenant.read");
  return withTenantTx(ctx.db, ctx.tenant.id, async (tx) => presentRule(await ruleInTenant(tx, ctx.tenant.id, ruleId)));
}
