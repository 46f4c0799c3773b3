import { eq } from "drizzle-orm";
import { tenantTemplates } from "@/db/schema";
import { requireResellerPermission, type ResellerCtx } from "@/lib/auth/guard";
import { getTenantByCodeInReseller } from "./internal";

export async function getTenant({ ctx, codeName }: { ctx: ResellerCtx; codeName: string }) {
  requireResellerPermission(ctx, "tenants.view");
  const tenant = await getTenantByCodeInReseller(ctx.db, ctx, codeName);
  const [template] = tenant.templateId
    ? await ctx.db.select({ id: tenantTemplates.id, name: tenantTemplates.name }).from(tenantTemplates).where(eq(tenantTemplates.id, tenant.templateId))
    : [];
  return { ...tenant, template: template ?? null };
}
