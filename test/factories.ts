import { randomBytes } from "node:crypto";
import { getDb } from "@/db/client";
import { resellerApiCredentials } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { authorizeAdmin, authorizeReseller, authorizeTenant, type AdminCtx, type ResellerCtx, type Tenant } from "@/lib/auth/guard";
import { allResellerPermissions, type ResellerPermission, type TenantRole } from "@/lib/auth/permissions";
import { sha256 } from "@/lib/auth/passwords";
import { newId } from "@/lib/ids";
import { createApiConnection } from "@/lib/services/connections/create-api-connection";
import { createResellerUser } from "@/lib/services/reseller-users";
import { createReseller } from "@/lib/services/resellers/create";
import { createTenant } from "@/lib/services/tenants/create";
import { setTenantActive } from "@/lib/services/tenants/update";
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

// ── Tenant API ────────────────────────────────────────────────────────────────────────────────

/** Everything a Tenant API request needs: Basic login:password, X-Tenant and X-ConnectionId. */
export type ApiCaller = {
  tenantId: string;
  tenantCode: string;
  connectionId: string;
  connectionName: string;
  userId: string;
  login: string;
  password: string;
};

/** A tenant without an owner (no bcrypt): cheap enough to make one per property-test run. */
export async function makeBareTenant(resellerCtx: ResellerCtx, input: Record<string, unknown> = {}) {
  const id = uid();
  return createTenant({ ctx: resellerCtx, input: { customerReference: `T-${id}`, fullName: `Tenant ${id} AB`, email: `t-${id}@test.local`, ...input } });
}

/** An active `api` connection of the tenant (what X-ConnectionId names), made by the given actor. */
export async function makeApiConnection(actor: Actor, tenant: Pick<Tenant, "id">, name = `API ${uid()}`) {
  const db = await getDb();
  return createApiConnection({ db, actor, tenantId: tenant.id, input: { name } });
}

/** A tenant user with API access (added as the partner would) and the role given. */
export async function addApiUser(resellerCtx: ResellerCtx, tenant: Tenant, role: TenantRole = "member") {
  const id = uid();
  const admin = await tenantUserAdminForPartner(resellerCtx, tenant.id);
  return createTenantUser({ admin, input: { email: `api-${role}-${id}@test.local`, name: `API ${role} ${id}`, role, password: PASSWORD, apiAccess: true } });
}

/** An API user of the tenant and, unless one is given, a new API connection: a ready Tenant API caller. */
export async function makeApiCaller(resellerCtx: ResellerCtx, tenant: Tenant, opts: { role?: TenantRole; connection?: { connectionId: string; name: string } } = {}): Promise<ApiCaller> {
  const user = await addApiUser(resellerCtx, tenant, opts.role ?? "member");
  const connection = opts.connection ?? (await makeApiConnection(resellerCtx.actor, tenant));
  return { tenantId: tenant.id, tenantCode: tenant.codeName, connectionId: connection.connectionId, connectionName: connection.name, userId: user.id, login: user.email, password: PASSWORD };
}

/** The caller's headers; pass `null` to leave one out, a string to replace it. */
export function apiHeaders(
  caller: Pick<ApiCaller, "tenantCode" | "connectionId" | "login" | "password">,
  over: { authorization?: string | null; tenant?: string | null; connectionId?: string | null; extra?: Record<string, string> } = {},
): Headers {
  const h = new Headers({ accept: "application/json", ...over.extra });
  const auth = over.authorization === undefined ? `Basic ${Buffer.from(`${caller.login}:${caller.password}`).toString("base64")}` : over.authorization;
  const tenant = over.tenant === undefined ? caller.tenantCode : over.tenant;
  const connectionId = over.connectionId === undefined ? caller.connectionId : over.connectionId;
  if (auth !== null) h.set("authorization", auth);
  if (tenant !== null) h.set("x-tenant", tenant);
  if (connectionId !== null) h.set("x-connectionid", connectionId);
  return h;
}

/** Pauses a tenant as its partner would (its API then answers 403). */
export async function pauseTenant(resellerCtx: ResellerCtx, tenant: Pick<Tenant, "id">) {
  return setTenantActive({ ctx: resellerCtx, input: { id: tenant.id, active: false } });
}

/**
 * A Reseller API credential of the reseller (stored like the real ones: only the SHA-256 of the
 * secret), and the headers a client sends with it.
 */
export async function makeResellerCredential(
  resellerCtx: ResellerCtx,
  opts: { permissions?: readonly ResellerPermission[]; active?: boolean; expiresAt?: Date | null } = {},
) {
  const id = uid();
  const login = `api-${id}`;
  const secret = randomBytes(24).toString("base64url");
  const [credential] = await resellerCtx.db
    .insert(resellerApiCredentials)
    .values({
      id: newId("resellerCredential"),
      resellerId: resellerCtx.reseller.id,
      login,
      secretHash: sha256(secret),
      name: `API ${id}`,
      permissions: [...(opts.permissions ?? allResellerPermissions)],
      active: opts.active ?? true,
      expiresAt: opts.expiresAt ?? null,
    })
    .returning();
  const authorization = `Basic ${Buffer.from(`${login}:${secret}`).toString("base64")}`;
  return { credential, login, secret, headers: { authorization, "x-reseller": resellerCtx.reseller.codeName } };
}

// ── Record bodies (Tenant API / record services) ──────────────────────────────────────────────

/** A valid product write body with a unique SKU. */
export function productBody(extra: Record<string, unknown> = {}): Record<string, unknown> {
  const id = uid();
  return { sku: `SKU-${id}`, title: `Product ${id}`, vatRatePercent: "25", priceExclVat: "79.2000", currency: "SEK", ...extra };
}

/**
 * A valid, balanced SEK order with a unique orderNumber. Row VAT = quantity × pricePerUnitExclVat ×
 * rate: 3 × 79.2000 × 25 % = 59.40; 1.5 × 10.00 × 6 % = 0.90; shipping 39.20 × 25 % = 9.80.
 * Totals: excl. 291.80, VAT 70.10, incl. 361.90. Unit prices keep their decimals ("79.2000").
 */
export function orderBody(extra: Record<string, unknown> = {}): Record<string, any> {
  const id = uid();
  return {
    orderNumber: `O-${id}`,
    orderDate: "2025-03-31T14:05:00+02:00",
    orderStatus: "new",
    paymentStatus: "authorized",
    shippingStatus: "unshipped",
    currency: "SEK",
    customer: { customerNumber: "C-42", email: "asa@example.se", billingAddress: { name: "Åsa Öberg", city: "Stockholm", countryCode: "SE" } },
    rows: [
      { sku: "SHIRT-M", name: "T-shirt", quantity: "3", pricePerUnitExclVat: "79.2000", pricePerUnitInclVat: "99.00", vatRatePercent: "25", vatAmount: "59.40", totalExclVat: "237.60", totalInclVat: "297.00" },
      { sku: "BOOK-1", name: "Book", quantity: "1.5", pricePerUnitExclVat: "10.00", vatRatePercent: "6", vatAmount: "0.90" },
    ],
    shippingRows: [{ name: "PostNord", quantity: "1", pricePerUnitExclVat: "39.20", vatRatePercent: "25", vatAmount: "9.80" }],
    totals: { totalExclVat: "291.80", totalVat: "70.10", totalInclVat: "361.90" },
    paymentMethod: "card",
    note: "Leave at the door",
    ...extra,
  };
}
