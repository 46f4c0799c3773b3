import { asc, sql } from "drizzle-orm";
import { resellers, resellerUsers, tenants } from "@/db/schema";
import type { AdminCtx } from "@/lib/auth/guard";

export async function listResellers({ ctx }: { ctx: AdminCtx }) {
  return ctx.db
    .select({
      id: resellers.id,
      codeName: resellers.codeName,
      name: resellers.name,
      active: resellers.active,
      createdAt: resellers.createdAt,
      tenantCount: sql<number>`(select count(*)::int from ${tenants} where ${tenants.resellerId} = ${resellers.id})`,
      userCount: sql<number>`(select count(*)::int from ${resellerUsers} where ${resellerUsers.resellerId} = ${resellers.id})`,
    })
    .from(resellers)
    .orderBy(asc(resellers.codeName));
}
