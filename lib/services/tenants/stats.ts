import { eq, sql } from "drizzle-orm";
import { tenants, tenantTemplates, tenantUsers } from "@/db/schema";
import { requireResellerPermission, type ResellerCtx } from "@/lib/auth/guard";

/** Headline figures for the partner overview: tenants by status, their active users, templates. */
export async function getResellerStats({ ctx }: { ctx: ResellerCtx }) {
  requireResellerPermission(ctx, "stats.view");
  const [row] = await ctx.db
    .select({
      tenants: sql<number>`count(*)::int`,
      active: sql<number>`count(*) filter (where ${tenants.active})::int`,
      tenantUsers: sql<number>`coalesce(sum((select count(*) from ${tenantUsers} where ${tenantUsers.tenantId} = ${tenants.id} and ${tenantUsers.active})), 0)::int`,
    })
    .from(tenants)
    .where(eq(tenants.resellerId, ctx.reseller.id));
  const [templates] = await ctx.db
    .select({ count: sql<number>`count(*)::int` })
    .from(tenantTemplates)
    .where(eq(tenantTemplates.resellerId, ctx.reseller.id));
  return { tenants: row.tenants, activeTenants: row.active, pausedTenants: row.tenants - row.active, tenantUsers: row.tenantUsers, templates: templates.count };
}
