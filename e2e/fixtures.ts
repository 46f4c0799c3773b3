import { test as base, expect, type Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { getDb } from "@/db/client";
import { resellerApiCredentials } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { authorizeReseller } from "@/lib/auth/guard";
import { sha256 } from "@/lib/auth/passwords";
import { allResellerPermissions, type ResellerPermission } from "@/lib/auth/permissions";
import { newId } from "@/lib/ids";
import { createResellerUser } from "@/lib/services/reseller-users";
import { createReseller } from "@/lib/services/resellers/create";
import { createTemplate } from "@/lib/services/templates";
import { createTenant } from "@/lib/services/tenants/create";
import { listTenantUsers } from "@/lib/services/tenant-users/list";
import { insertUser } from "@/lib/services/users/internal";

// Factories write straight to the test database; refuse anything that is not local.
const url = process.env.DATABASE_URL ?? "";
if (!/^postgres(ql)?:\/\/[^@]*@(127\.0\.0\.1|localhost)(:\d+)?\/crossdock_e2e_/.test(url)) {
  throw new Error(`e2e fixtures refuse DATABASE_URL=${url || "(unset)"}: run through npm run test:e2e`);
}

export const PASSWORD = "e2e-password-123";
const uid = () => randomBytes(4).toString("hex");

/** A fresh platform admin, reseller with an all-permission partner, a template and a tenant with an owner. */
export async function makeWorld() {
  const db = await getDb();
  const id = uid();
  const adminUser = await db.transaction((tx) => insertUser(tx, { email: `admin-${id}@e2e.local`, name: `Admin ${id}`, password: PASSWORD, kind: "admin" }));
  const actor: Actor = { type: "user", userId: adminUser.id, email: adminUser.email, name: adminUser.name, kind: "admin" };
  const reseller = await createReseller({ ctx: { db, actor }, input: { name: `Reseller ${id}`, codeName: `r-${id}` } });
  const ctx = await authorizeReseller(db, actor, reseller.codeName);
  const partner = await createResellerUser({ ctx, input: { email: `partner-${id}@e2e.local`, name: `Partner ${id}`, password: PASSWORD, permissions: allResellerPermissions } });
  const template = await createTemplate({ ctx, input: { name: `Template ${id}`, description: "E2E template", defaultLanguage: "swe", languages: ["swe", "eng"], options: ["auto_invoice", "api_access"] } });
  const tenant = await createTenant({
    ctx,
    input: { customerReference: `T-${id}`, fullName: `Tenant ${id} AB`, email: `t-${id}@e2e.local`, defaultLanguage: "eng", languages: ["eng"], owner: { name: `Owner ${id}`, email: `owner-${id}@e2e.local`, password: PASSWORD } },
  });
  return { id, admin: adminUser, reseller, partner, template, tenant, ownerEmail: `owner-${id}@e2e.local` };
}

/**
 * A Reseller API credential of `reseller` (secret stored as its SHA-256, as the platform does), with
 * the headers that authenticate with it: `Authorization: Basic login:secret` and `X-Reseller`.
 */
export async function makeResellerApiCredential(reseller: { id: string; codeName: string }, permissions: readonly ResellerPermission[] = allResellerPermissions) {
  const db = await getDb();
  const id = uid();
  const login = `api-${id}`;
  const secret = randomBytes(24).toString("base64url");
  await db.insert(resellerApiCredentials).values({ id: newId("resellerCredential"), resellerId: reseller.id, login, secretHash: sha256(secret), name: `E2E API ${id}`, permissions: [...permissions] });
  const authorization = `Basic ${Buffer.from(`${login}:${secret}`).toString("base64")}`;
  return { login, secret, headers: { authorization, "x-reseller": reseller.codeName } };
}

export async function login(page: Page, email: string, password = PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

/** Screenshots at desktop and phone width, then back to desktop. */
export async function snapBoth(page: Page, name: string) {
  await page.setViewportSize({ width: 1280, height: 900 });
  await snap(page, `${name}-1280`);
  await page.setViewportSize({ width: 390, height: 844 });
  await snap(page, `${name}-390`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** The world's tenant owner as an Actor, for services a test calls directly. */
export async function ownerActor(w: Awaited<ReturnType<typeof makeWorld>>): Promise<Actor> {
  const members = await listTenantUsers({ db: await getDb(), tenantId: w.tenant.id });
  const owner = members.find((m) => m.email === w.ownerEmail)!;
  return { type: "user", userId: owner.id, email: owner.email, name: owner.name, kind: "tenant" };
}

/** Saves a screenshot for humans to look at (e2e/screenshots, git-ignored). */
export async function snap(page: Page, name: string) {
  await page.screenshot({ path: `e2e/screenshots/${name}.png`, fullPage: true });
}

export const test = base;
export { expect };
