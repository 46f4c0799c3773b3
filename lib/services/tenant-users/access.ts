import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { requireResellerPermission, requireTenantPermission, type ResellerCtx, type Tenant, type TenantCtx } from "@/lib/auth/guard";
import { roleRank, tenantRoles, type TenantRole } from "@/lib/auth/permissions";
import { getTenantInReseller } from "../tenants/internal";

/**
 * Tenant users are managed from two places — the partner console and the tenant's own Users page.
 * Both resolve to this one shape, so every rule about tenant users lives in one set of verbs.
 */
export type TenantUserAdmin = { db: Db; actor: Actor; tenant: Tenant; grantable: readonly TenantRole[]; self?: string };

export async function tenantUserAdminForPartner(ctx: ResellerCtx, tenantId: string): Promise<TenantUserAdmin> {
  requireResellerPermission(ctx, "tenants.manage_users");
  const tenant = await getTenantInReseller(ctx.db, ctx, tenantId);
  return { db: ctx.db, actor: ctx.actor, tenant, grantable: tenantRoles };
}

export function tenantUserAdminForTenant(ctx: TenantCtx): TenantUserAdmin {
  requireTenantPermission(ctx, "users.manage");
  // Owners hand out any role; admins everything below owner.
  const grantable = ctx.role === "owner" ? tenantRoles : tenantRoles.filter((r) => roleRank(r) < roleRank("owner"));
  return { db: ctx.db, actor: ctx.actor, tenant: ctx.tenant, grantable, self: ctx.actor.userId };
}
