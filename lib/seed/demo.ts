import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { connections, resellerApiCredentials, tenants, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { authorizeReseller } from "@/lib/auth/guard";
import { allResellerPermissions } from "@/lib/auth/permissions";
import { sha256 } from "@/lib/auth/passwords";
import { newId } from "@/lib/ids";
import { createResellerUser } from "@/lib/services/reseller-users";
import { createReseller } from "@/lib/services/resellers/create";
import { createTemplate } from "@/lib/services/templates";
import { createTenant } from "@/lib/services/tenants/create";
import { tenantUserAdminForPartner } from "@/lib/services/tenant-users/access";
import { createTenantUser } from "@/lib/services/tenant-users/create";
import { insertUser } from "@/lib/services/users/internal";
import { seedDemoRecords } from "./demo-records";

export const demoLogins = [
  { who: "Platform admin", email: "admin@crossdock.local", password: "crossdock-admin", lands: "/admin" },
  { who: "Partner (reseller demo)", email: "partner@demo.local", password: "crossdock-demo", lands: "/partner/demo" },
  { who: "Tenant owner (acme)", email: "owner@acme.local", password: "crossdock-demo", lands: "/t/acme" },
  { who: "Tenant owner (globex)", email: "owner@globex.local", password: "crossdock-demo", lands: "/t/globex" },
];
export const demoResellerApi = { login: "demo-reseller-api", password: "demo-reseller-secret" };
export const demoTenantApi = { tenant: "acme", login: "api@acme.local", password: "crossdock-api-demo" };

/** The demo integration's connection id (random per install), for the start banner. */
export async function demoApiConnectionId(db: Db): Promise<string | undefined> {
  const [row] = await db
    .select({ id: connections.id })
    .from(connections)
    .innerJoin(tenants, eq(tenants.id, connections.tenantId))
    .where(and(eq(tenants.codeName, demoTenantApi.tenant), eq(connections.connector, "api")))
    .orderBy(asc(connections.createdAt))
    .limit(1);
  return row?.id;
}

/**
 * The demo: only for the embedded default or `npm run db:seed`. Built through the same service verbs
 * the consoles use, so the audit log tells the story. Runs once; later calls change nothing.
 */
export async function seedDemo(db: Db): Promise<boolean> {
  const [existing] = await db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = 'admin@crossdock.local'`);
  if (existing) return false;

  const admin = await db.transaction((tx) => insertUser(tx, { email: "admin@crossdock.local", name: "Platform Admin", password: "crossdock-admin", kind: "admin" }));
  const actor: Actor = { type: "user", userId: admin.id, email: admin.email, name: admin.name, kind: "admin" };

  const reseller = await createReseller({ ctx: { db, actor }, input: { name: "Demo Partner AB", codeName: "demo" } });
  const ctx = await authorizeReseller(db, actor, reseller.codeName);
  await createResellerUser({ ctx, input: { email: "partner@demo.local", name: "Petra Partner", password: "crossdock-demo", permissions: allResellerPermissions } });
  await db.insert(resellerApiCredentials).values({
    id: newId("resellerCredential"),
    resellerId: reseller.id,
    login: demoResellerApi.login,
    secretHash: sha256(demoResellerApi.password),
    name: "Demo Reseller API",
    permissions: allResellerPermissions,
  });

  const nordic = await createTemplate({
    ctx,
    input: { name: "Nordic webshop", description: "Swedish storefront with English fallback; Auto Invoice and the Tenant API switched on.", defaultLanguage: "swe", languages: ["swe", "eng", "nor"], options: ["auto_invoice", "manipulators", "api_access"] },
  });
  await createTemplate({ ctx, input: { name: "Basic", description: "English only, no extras.", defaultLanguage: "eng", languages: ["eng"], options: [] } });

  const acme = await createTenant({
    ctx,
    input: { customerReference: "ACME", fullName: "Acme Outdoor AB", email: "it@acme.local", templateId: nordic.id, owner: { name: "Olivia Owner", email: "owner@acme.local", password: "crossdock-demo" } },
  });
  const acmeAdmin = await tenantUserAdminForPartner(ctx, acme.id);
  await createTenantUser({ admin: acmeAdmin, input: { name: "Max Member", email: "member@acme.local", role: "member", password: "crossdock-demo" } });
  await createTenantUser({ admin: acmeAdmin, input: { name: "Rita Reader", email: "reader@acme.local", role: "read-only", password: "crossdock-demo" } });
  await createTenantUser({ admin: acmeAdmin, input: { name: "Storefront integration", email: demoTenantApi.login, role: "member", password: demoTenantApi.password, apiAccess: true } });
  await seedDemoRecords(db, actor, acme.id);

  await createTenant({
    ctx,
    input: { customerReference: "GLOBEX", fullName: "Globex Trading Ltd", email: "ops@globex.local", defaultLanguage: "eng", languages: ["eng", "deu"], options: ["api_access"], owner: { name: "Gus Globex", email: "owner@globex.local", password: "crossdock-demo" } },
  });
  return true;
}
