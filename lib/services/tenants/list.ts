import { and, asc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import { tenants, tenantUsers } from "@/db/schema";
import { requireResellerPermission, type ResellerCtx } from "@/lib/auth/guard";
import { listTenantsQuery } from "@/lib/schemas/tenants";
import { parseInput } from "@/lib/validation";

/** The reseller's tenants, searchable by code name, name, customer reference and email. */
export async function listTenants({ ctx, input }: { ctx: ResellerCtx; input: unknown }) {
  requireResellerPermission(ctx, "tenants.view");
  const { q, status } = parseInput(listTenantsQuery, input ?? {});
  const where: SQL[] = [eq(tenants.resellerId, ctx.reseller.id)];
  if (status !== "all") where.push(eq(tenants.active, status === "active"));
  if (q) {
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(or(ilike(tenants.codeName, like), ilike(tenants.fullName, like), ilike(tenants.customerReference, like), ilike(tenants.email, like))!);
  }
  return ctx.db
    .select({
      id: tenants.id,
      codeName: tenants.codeName,
      customerReference: tenants.customerReference,
      fullName: tenants.fullName,
      email: tenants.email,
      active: tenants.active,
      defaultLanguage: tenants.defaultLanguage,
      options: tenants.options,
      createdAt: tenants.createdAt,
      userCount: sql<number>`(select count(*)::int from ${tenantUsers} where ${tenantUsers.tenantId} = ${tenants.id} and ${tenantUsers.active})`,
    })
    .from(tenants)
    .where(and(...where))
    .orderBy(asc(tenants.codeName))
    .limit(500);
}
