import { randomBytes } from "node:crypto";
import { getDb } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { authorizeAdmin, authorizeReseller, authorizeTenant, type AdminCtx, type ResellerCtx, type Tenant } from "@/lib/auth/guard";
import { allResellerPermissions, type ResellerPermission, type TenantRole } from "@/lib/auth/permissions";
import { createResellerUser } from "@/lib/services/reseller-users";
import { createReseller } from "@/lib/services/resellers/create";
import { createTenant } from "@/lib/services/tenants/create";
import { tenantUserAdminForPartner } from "@/lib/services/tenant-users/access";
import { createTenantUser } from "@/lib/services/tenant-users/create";
import { listTenantUsers } from "@/lib/services/tenant-users/list";
import { insertUser } from "@/lib/services/users/internal";

/**
 * Test data through the same service verbs the consoles use. Every call makes new, uniquely named
 * objects, so tests never depend on each other or on the demo seed.
 */
export const PASSWORD = "test-password-123";

let seq = 0;
/** Unique across workers and runs sharing a database: worker, counter and randomness. */
export const uid = () => `${process.env.VITEST_POOL_ID ?? "0"}${(++seq).toString(36)}${randomBytes(3).toString("hex")}`;

type UserRow = { id: string; email: string; name: string };

export function actorOf(user: UserRow, kind: Actor["kind"], extra: Partial<Actor> = {}): Actor {
  return { type: "user", userId: user.id, email: user.email, name: user.name, kind, ...extra };
}

/** A platform admin (created like `npm run cli -- create-admin`). */
export async function makeAdmin() {
  const db = await getDb();
  const id = uid();
  const user = await db.transaction((tx) => insertUser(tx, { email: `admin-${id}@test.local`, name: `Admin ${id}`, password: PASSWORD, kind: "admin" }));
  const actor = actorOf(user, "admin");
  return { user, actor, ctx: authorizeAdmin(db, actor) };
}

/** A reseller, and the platform admin's ResellerCtx for it (holds every permission). */
export async function makeReseller(admin?: AdminCtx) {
  admin ??= (await makeAdmin()).ctx;
  const id = uid();
  const reseller = await createReseller({ ctx: admin, input: { name: `Reseller ${id}`, codeName: `r-${id}` } });
  const ctx = await authorizeReseller(admin.db, admin.actor, reseller.codeName);
  return { reseller, ctx, admin };
}

/** A partner user of the reseller with the given permissions, and their ResellerCtx. */
export async function makePartner(resellerCtx: ResellerCtx, permissions: readonly ResellerPermission[] = allResellerPermissions) {
  const id = uid();
  const user = await createResellerUser({ ctx: resellerCtx, input: { email: `partner-${id}@test.local`, name: `Partner ${id}`, password: PASSWORD, permissions } });
  const actor = actorOf(user, "reseller");
  const ctx = await authorizeReseller(resellerCtx.db, actor, resellerCtx.reseller.codeName);
  return { user, actor, ctx };
}

/** A tenant of the reseller with one owner, the owner's Actor and TenantCtx. */
export async function makeTenant(resellerCtx: ResellerCtx, input: Record<string, unknown> = {}) {
  const id = uid();
  const ownerEmail = `owner-${id}@test.local`;
  const tenant = await createTenant({
    ctx: resellerCtx,
    input: { customerReference: `T-${id}`, fullName: `Tenant ${id} AB`, email: `t-${id}@test.local`, owner: { name: `Owner ${id}`, email: ownerEmail, password: PASSWORD }, ...input },
  });
  const [user] = (await listTenantUsers({ db: resellerCtx.db, tenantId: tenant.id })).filter((u) => u.email === ownerEmail);
  const actor = actorOf(user, "tenant");
  const ctx = await authorizeTenant(resellerCtx.db, actor, tenant.codeName);
  return { tenant, owner: { user, actor, ctx } };
}

/** Adds a user with a role to a tenant (as the partner would), with their Actor and TenantCtx. */
export async function addTenantUser(resellerCtx: ResellerCtx, tenant: Tenant, role: TenantRole) {
  const id = uid();
  const admin = await tenantUserAdminForPartner(resellerCtx, tenant.id);
  const user = await createTenantUser({ admin, input: { email: `${role}-${id}@test.local`, name: `${role} ${id}`, role, password: PASSWORD } });
  const actor = actorOf(user, "tenant");
  const ctx = await authorizeTenant(resellerCtx.db, actor, tenant.codeName);
  return { user, actor, ctx };
}

/** The usual starting point: a platform admin, a reseller run by that admin, one tenant with an owner. */
export async function makeWorld() {
  const db = await getDb();
  const { reseller, ctx: resellerCtx, admin } = await makeReseller();
  const { tenant, owner } = await makeTenant(resellerCtx);
  return { db, admin, reseller, resellerCtx, tenant, owner };
}
