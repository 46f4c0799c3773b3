import { asc, eq, sql } from "drizzle-orm";
import { tenants, tenantTemplates } from "@/db/schema";
import { requireResellerPermission, type ResellerCtx } from "@/lib/auth/guard";

export async function listTemplates({ ctx }: { ctx: ResellerCtx }) {
  requireResellerPermission(ctx, "templates.view");
  return ctx.db
    .select({
      id: tenantTemplates.id,
      name: tenantTemplates.name,
      description: tenantTemplates.description,
      defaultLanguage: tenantTemplates.defaultLanguage,
      languages: tenantTemplates.languages,
      options: tenantTemplates.options,
      updatedAt: tenantTemplates.updatedAt,
      tenantCount: sql<number>`(select count(*)::int from ${tenants} where ${tenants.templateId} = ${tenantTemplates.id})`,
    })
    .from(tenantTemplates)
    .where(eq(tenantTemplates.resellerId, ctx.reseller.id))
    .orderBy(asc(tenantTemplates.name));
}
