import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { resellers, resellerUsers, tenants, tenantUsers } from "@/db/schema";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import type { Actor } from "./actor";
import { allResellerPermissions, tenantRoleCan, type ResellerPermission, type TenantPermission, type TenantRole } from "./permissions";

/**
 * The one guard. Every page, server action and route handler goes through these functions after the
 * transport has produced an Actor; the transport adapters (page.ts, lib/actions, lib/api) only map
 * the errors thrown here. Scope comes from the URL, never from a cookie.
 */
export type Tenant = typeof tenants.$inferSelect;
export type Reseller = typeof resellers.$inferSelect;

export type AdminCtx = { db: Db; actor: Actor };
export type ResellerCtx = { db: Db; actor: Actor; reseller: Reseller; permissions: ReadonlySet<ResellerPermission> };
export type TenantCtx = { db: Db; actor: Actor; tenant: Tenant; role: TenantRole };

export function authorizeAdmin(db: Db, actor: Actor): AdminCtx {
  if (actor.kind !== "admin") throw new NotFoundError("Page");
  return { db, actor };
}

export async function authorizeReseller(db: Db, actor: Actor, codeName: string, permission?: ResellerPermission): Promise<ResellerCtx> {
  const [reseller] = await db.select().from(resellers).where(eq(resellers.codeName, codeName.toLowerCase()));
  if (!reseller) throw new NotFoundError("Reseller");
  let permissions: ReadonlySet<ResellerPermission>;
  if (actor.kind === "admin") {
    permissions = new Set(allResellerPermissions);
  } else {
    const [membership] =
      actor.kind === "reseller"
        ? await db
            .select({ permissions: resellerUsers.permissions })
            .from(resellerUsers)
            .where(and(eq(resellerUsers.resellerId, reseller.id), eq(resellerUsers.userId, actor.userId)))
        : [];
    if (!membership) throw new NotFoundError("Reseller");
    if (!reseller.active) throw new ForbiddenError("This partner account is deactivated. Contact the platform operator.");
    permissions = new Set(membership.permissions as ResellerPermission[]);
  }
  const ctx = { db, actor, reseller, permissions };
  if (permission) requireResellerPermission(ctx, permission);
  return ctx;
}

export function requireResellerPermission(ctx: ResellerCtx, permission: ResellerPermission): void {
  if (!ctx.permissions.has(permission)) throw new ForbiddenError();
}

export async function authorizeTenant(db: Db, actor: Actor, codeName: string, permission?: TenantPermission): Promise<TenantCtx> {
  const rows =
    actor.kind === "tenant"
      ? await db
          .select({ tenant: tenants, role: tenantUsers.role })
          .from(tenants)
          .innerJoin(tenantUsers, and(eq(tenantUsers.tenantId, tenants.id), eq(tenantUsers.userId, actor.userId), eq(tenantUsers.active, true)))
          .where(eq(tenants.codeName, codeName.toLowerCase()))
      : [];
  // Unknown tenant and someone else's tenant answer the same; a "log in as" session sees one tenant only.
  if (!rows[0] || (actor.impersonator && actor.impersonator.tenantId !== rows[0].tenant.id)) throw new NotFoundError("Page");
  const ctx = { db, actor, tenant: rows[0].tenant, role: rows[0].role };
  if (permission) requireTenantPermission(ctx, permission);
  return ctx;
}

export function requireTenantPermission(ctx: TenantCtx, permission: TenantPermission): void {
  if (!tenantRoleCan(ctx.role, permission)) throw new ForbiddenError();
}
