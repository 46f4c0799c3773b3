import type { Browser, Page } from "@playwright/test";
import { getDb } from "@/db/client";
import { tenantUsers } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { authorizeReseller, authorizeTenant } from "@/lib/auth/guard";
import type { TenantRole } from "@/lib/auth/permissions";
import { tenantUserAdminForTenant } from "@/lib/services/tenant-users/access";
import { createTenantUser } from "@/lib/services/tenant-users/create";
import { startLoginAs } from "@/lib/services/tenant-users/login-as";
import { setTenantUserActive } from "@/lib/services/tenant-users/set-active";
import { setTenantActive } from "@/lib/services/tenants/update";
import { expect, login, makeWorld, ownerActor, PASSWORD, snapBoth, test } from "./fixtures";

type World = Awaited<ReturnType<typeof makeWorld>>;



/** Adds a user to the tenant through the service, as its owner would. */
async function addMember(w: World, role: TenantRole, label: string = role) {
  const db = await getDb();
  const ctx = await authorizeTenant(db, await ownerActor(w), w.tenant.codeName);
  const email = `${label}-${w.id}@e2e.local`;
  const user = await createTenantUser({ admin: tenantUserAdminForTenant(ctx), input: { name: `${label} ${w.id}`, email, role, password: PASSWORD } });
  return { ...user, email };
}

async function signedInPage(browser: Browser, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, email);
  return { page, close: () => context.close() };
}

async function fillAddUser(page: Page, v: { name: string; email: string; password: string; role?: string }) {
  const form = page.getByTestId("add-user-form");
  await form.getByLabel("Name").fill(v.name);
  await form.getByLabel("Email").fill(v.email);
  if (v.role) await form.getByLabel("Role").selectOption(v.role);
  await form.getByLabel("Initial password").fill(v.password);
  await form.getByRole("button", { name: "Add user" }).click();
}

const userRows = (page: Page) => page.getByTestId("users-table").locator("tbody tr");

test("the owner adds a user; bad input changes nothing; the new member signs in without management controls", async ({ page, browser }) => {
  const w = await makeWorld();
  const code = w.tenant.codeName;
  await login(page, w.ownerEmail);
  await expect(page).toHaveURL(new RegExp(`/t/${code}$`));
  await expect(page.getByRole("heading", { name: /^Welcome, Owner/ })).toBeVisible();
  await expect(page.getByTestId("getting-started")).toContainText("No connections yet");
  await expect(page.getByTestId("team-counts")).toContainText("Owner1");
  await snapBoth(page, "tenant-dashboard");

  await page.getByRole("link", { name: "Users" }).first().click();
  await expect(page).toHaveURL(new RegExp(`/t/${code}/users$`));
  await expect(userRows(page)).toHaveCount(1);
  await snapBoth(page, "tenant-users-owner");

  const form = page.getByTestId("add-user-form");
  const memberEmail = `member-${w.id}@e2e.local`;

  await fillAddUser(page, { name: "Mia Member", email: "not-an-email", password: "long-enough-password" });
  await expect(form.getByTestId("field-error")).toHaveText(["Enter a valid email address."]);
  await snapBoth(page, "tenant-users-add-error");

  await fillAddUser(page, { name: "Mia Member", email: memberEmail, password: "short" });
  await expect(form.getByTestId("field-error")).toHaveText(["Use at least 10 characters."]);

  await fillAddUser(page, { name: "Mia Member", email: w.ownerEmail, password: "long-enough-password" });
  await expect(form.getByTestId("field-error")).toHaveText(["This email is already in use."]);

  await page.reload();
  await expect(userRows(page)).toHaveCount(1);

  await fillAddUser(page, { name: "Mia Member", email: memberEmail, password: "long-enough-password", role: "member" });
  await expect(form.getByTestId("form-success")).toBeVisible();
  await expect(userRows(page)).toHaveCount(2);
  const row = userRows(page).filter({ hasText: memberEmail });
  await expect(row.getByTestId("user-role")).toContainText("Member");
  await expect(row).toContainText("Never");

  // The new member signs in on their own and sees the dashboard but cannot manage anyone.
  const ctx2 = await browser.newContext();
  const mp = await ctx2.newPage();
  await login(mp, memberEmail, "long-enough-password");
  await expect(mp).toHaveURL(new RegExp(`/t/${code}$`));
  await expect(mp.getByRole("heading", { name: /^Welcome, Mia/ })).toBeVisible();
  await mp.goto(`/t/${code}/users`);
  await expect(userRows(mp)).toHaveCount(2);
  await expect(mp.getByTestId("add-user-form")).toHaveCount(0);
  await expect(mp.getByRole("button", { name: "Change role" })).toHaveCount(0);
  await expect(mp.getByRole("link", { name: "Audit log" })).toHaveCount(0);

  // The owner manages the member: change role, reset password, deactivate (asks first).
  await expect(row.getByRole("button", { name: "Change role" })).toBeVisible();
  await expect(userRows(page).filter({ hasText: w.ownerEmail })).toContainText("This is you");
  await row.getByRole("button", { name: "Change role" }).click();
  const roleDialog = page.getByRole("dialog", { name: /Change the role/ });
  await roleDialog.getByLabel("Role").selectOption("admin");
  await snapBoth(page, "tenant-users-change-role");
  await roleDialog.getByRole("button", { name: "Save role" }).click();
  await expect(roleDialog).toBeHidden();
  await expect(row.getByTestId("user-role")).toContainText("Admin");

  await row.getByRole("button", { name: "Reset password" }).click();
  const pwDialog = page.getByRole("dialog", { name: /Reset the password/ });
  await pwDialog.getByLabel("New password").fill("short");
  await pwDialog.getByRole("button", { name: "Set password" }).click();
  await expect(pwDialog.getByTestId("field-error")).toHaveText("Use at least 10 characters.");
  await pwDialog.getByLabel("New password").fill("a-brand-new-password");
  await pwDialog.getByRole("button", { name: "Set password" }).click();
  await expect(pwDialog.getByTestId("form-success")).toContainText("Password changed");
  await pwDialog.getByRole("button", { name: "Close" }).click();

  await row.getByRole("button", { name: "Deactivate" }).click();
  await expect(page.getByRole("dialog", { name: /Deactivate/ })).toBeVisible();
  await snapBoth(page, "tenant-users-deactivate-confirm");
  await page.getByRole("dialog", { name: /Deactivate/ }).getByTestId("confirm-button").click();
  await expect(row).toContainText("Deactivated");
  await expect(row.getByRole("button", { name: "Reactivate" })).toBeVisible();

  // The password reset ended the member's session.
  await mp.goto(`/t/${code}`);
  await expect(mp).toHaveURL(/\/login/);
  await ctx2.close();
});

test("isolation: another tenant's pages answer 404 like a missing one, and its data cannot be changed", async ({ page, browser }) => {
  const [a, b] = await Promise.all([makeWorld(), makeWorld()]);
  const A = a.tenant.codeName;
  const B = b.tenant.codeName;
  await login(page, a.ownerEmail);

  const missing = await page.goto("/t/does-not-exist");
  await expect(page.getByTestId("not-found")).toBeVisible();
  expect(missing?.status()).toBe(404);
  const missingText = await page.locator("body").innerText();
  for (const path of [`/t/${B}`, `/t/${B}/users`, `/t/${B}/settings`, `/t/${B}/audit`, `/t/${B}/connections`]) {
    const res = await page.goto(path);
    await expect(page.getByTestId("not-found"), path).toBeVisible();
    expect(res?.status(), path).toBe(missing?.status());
    expect(await page.locator("body").innerText(), path).toBe(missingText);
  }
  await snapBoth(page, "tenant-not-found");

  // A's own forms, with the bound tenant code swapped for B's in the request: the guard refuses.
  let tampered = 0;
  await page.route(`**/t/${A}/**`, async (route) => {
    const req = route.request();
    const body = req.postDataBuffer();
    if (req.method() !== "POST" || !body) return route.continue();
    const raw = body.toString("latin1");
    if (raw.includes(`"${A}"`)) tampered++;
    await route.continue({ postData: Buffer.from(raw.split(`"${A}"`).join(`"${B}"`), "latin1") });
  });

  await page.goto(`/t/${A}/settings`);
  const settings = page.getByTestId("language-settings-form");
  await settings.getByLabel("German").check();
  await settings.getByRole("button", { name: "Save settings" }).click();
  await expect(settings.getByTestId("form-error")).toHaveText("Page not found.");

  await page.goto(`/t/${A}/users`);
  await fillAddUser(page, { name: "Intruder", email: `intruder-${a.id}@e2e.local`, password: "long-enough-password" });
  await expect(page.getByTestId("add-user-form").getByTestId("form-error")).toHaveText("Page not found.");
  expect(tampered, "the tenant code travels in the action request").toBeGreaterThanOrEqual(2);
  await page.unroute(`**/t/${A}/**`);

  // B, seen by its own owner, is unchanged.
  const bOwner = await browser.newContext();
  const bp = await bOwner.newPage();
  await login(bp, b.ownerEmail);
  await bp.goto(`/t/${B}/settings`);
  await expect(bp.getByTestId("language-settings-form").getByLabel("German")).not.toBeChecked();
  await expect(bp.getByTestId("language-settings-form").getByLabel("English")).toBeChecked();
  await bp.goto(`/t/${B}/users`);
  await expect(userRows(bp)).toHaveCount(1);
  await expect(bp.getByTestId("users-table")).not.toContainText("intruder-");
  await bOwner.close();

  // …and so is A: nothing was written anywhere.
  await page.goto(`/t/${A}/settings`);
  await expect(page.getByTestId("language-settings-form").getByLabel("German")).not.toBeChecked();
});

test("a read-only user sees users without controls and gets 403 on the audit log", async ({ page }) => {
  const w = await makeWorld();
  const code = w.tenant.codeName;
  const ro = await addMember(w, "read-only", "readonly");
  await login(page, ro.email);
  await expect(page).toHaveURL(new RegExp(`/t/${code}$`));
  await expect(page.getByRole("link", { name: "Audit log" })).toHaveCount(0);

  await page.goto(`/t/${code}/users`);
  await expect(userRows(page)).toHaveCount(2);
  await expect(page.getByTestId("add-user-form")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Change role|Reset password|Deactivate/ })).toHaveCount(0);
  await expect(page.getByTestId("users-table").locator("thead")).not.toContainText("Actions");
  await snapBoth(page, "tenant-users-readonly");

  await page.goto(`/t/${code}/settings`);
  await expect(page.getByTestId("language-settings-form")).toHaveCount(0);
  await expect(page.getByText("Only owners and admins can change languages.")).toBeVisible();
  await snapBoth(page, "tenant-settings-readonly");

  const res = await page.goto(`/t/${code}/audit`);
  expect(res?.status()).toBe(403);
  await expect(page.getByTestId("forbidden")).toBeVisible();
  await snapBoth(page, "tenant-audit-forbidden");
});

test("the owner changes languages; a default outside them is refused inline", async ({ page }) => {
  const w = await makeWorld();
  const code = w.tenant.codeName;
  await login(page, w.ownerEmail);
  await page.goto(`/t/${code}/settings`);
  const form = page.getByTestId("language-settings-form");
  await expect(page.getByTestId("tenant-details")).toContainText(w.tenant.customerReference);
  await snapBoth(page, "tenant-settings");

  await form.getByLabel("Swedish").check();
  await form.getByLabel("German").check();
  await form.getByLabel("Default language").selectOption("deu");
  await form.getByRole("button", { name: "Save settings" }).click();
  await expect(form.getByTestId("form-success")).toHaveText("Settings saved.");

  await page.reload();
  for (const l of ["Swedish", "English", "German"]) await expect(form.getByLabel(l)).toBeChecked();
  await expect(form.getByLabel("French")).not.toBeChecked();
  await expect(form.getByLabel("Default language")).toHaveValue("deu");

  await form.getByLabel("Default language").selectOption("fra");
  await form.getByRole("button", { name: "Save settings" }).click();
  await expect(form.getByTestId("field-error")).toHaveText("The default language must be one of the tenant's languages.");
  await snapBoth(page, "tenant-settings-error");

  await form.getByLabel("Swedish").uncheck();
  await form.getByLabel("English").uncheck();
  await form.getByLabel("German").uncheck();
  await form.getByRole("button", { name: "Save settings" }).click();
  await expect(form.getByTestId("field-error").first()).toHaveText("Pick at least one language.");

  await page.reload();
  await expect(form.getByLabel("Default language")).toHaveValue("deu");
  await expect(form.getByLabel("German")).toBeChecked();

  // The change is in the tenant's audit log, and the dashboard shows it.
  await page.getByRole("link", { name: "Audit log" }).first().click();
  await expect(page.getByTestId("audit-log")).toContainText("tenant.update_settings");
  await snapBoth(page, "tenant-audit");
  await page.goto(`/t/${code}`);
  await expect(page.getByText("German (deu)")).toBeVisible();
});

test("section pages explain themselves and show an empty state", async ({ page }) => {
  const w = await makeWorld();
  const code = w.tenant.codeName;
  await login(page, w.ownerEmail);
  for (const [path, heading, empty] of [
    ["connections", "Connections", "No connections yet"],
    ["records", "Records", "No records yet"],
    ["auto-invoice", "Auto Invoice", "No rules yet"],
    ["logs", "Logs", "No activity yet"],
  ]) {
    await page.goto(`/t/${code}/${path}`);
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expect(page.getByText(empty)).toBeVisible();
    await snapBoth(page, `tenant-${path}`);
  }
  // The world's tenant was created without the auto_invoice option: the page says so.
  await page.goto(`/t/${code}/auto-invoice`);
  await expect(page.getByTestId("option-missing")).toBeVisible();
});

test("banners: a partner logged in as the owner sees who they are, a paused tenant says so", async ({ page }) => {
  const w = await makeWorld();
  const code = w.tenant.codeName;
  const db = await getDb();
  const partner: Actor = { type: "user", userId: w.partner.id, email: w.partner.email, name: w.partner.name, kind: "reseller" };
  const rctx = await authorizeReseller(db, partner, w.reseller.codeName);
  await setTenantActive({ ctx: rctx, input: { id: w.tenant.id, active: false } });
  const owner = await ownerActor(w);
  const { token } = await startLoginAs({ ctx: rctx, input: { tenantId: w.tenant.id, userId: owner.userId } });

  // Redeem the single-use token the way the partner console's "Log in as" does.
  const { csrfToken } = await (await page.request.get("/api/auth/csrf")).json();
  await page.request.post("/api/auth/callback/token", { form: { token, csrfToken } });
  await page.goto(`/t/${code}`);
  const banner = page.getByTestId("impersonation-banner");
  await expect(banner).toContainText(`You are signed in as ${w.ownerEmail} on behalf of ${w.partner.email}`);
  await expect(page.getByTestId("paused-banner")).toContainText("This tenant is paused by your partner: no plugs run and the API answers 403.");
  await snapBoth(page, "tenant-banners");

  await banner.getByRole("button", { name: "Return to partner console" }).click();
  await expect(page).toHaveURL(new RegExp(`/partner/${w.reseller.codeName}/`));
});

test("choose-tenant lists several tenants; no-access offers sign out", async ({ page, browser }) => {
  const [a, b] = await Promise.all([makeWorld(), makeWorld()]);
  const db = await getDb();
  const owner = await ownerActor(a);
  // No service adds an existing login to a second tenant yet; set the membership up directly.
  await db.insert(tenantUsers).values({ tenantId: b.tenant.id, userId: owner.userId, role: "member" });
  await login(page, a.ownerEmail);
  await expect(page).toHaveURL(/\/choose-tenant$/);
  const choices = page.getByTestId("tenant-choices");
  await expect(choices.getByRole("link")).toHaveCount(2);
  await snapBoth(page, "choose-tenant");
  await choices.getByRole("link", { name: new RegExp(b.tenant.fullName) }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${b.tenant.codeName}$`));
  await expect(page.getByText("you are a member here")).toBeVisible();

  const gone = await addMember(a, "member", "gone");
  const ctx = await authorizeTenant(db, owner, a.tenant.codeName);
  await setTenantUserActive({ admin: tenantUserAdminForTenant(ctx), input: { userId: gone.id, active: false } });
  const { page: gp, close } = await signedInPage(browser, gone.email);
  await expect(gp).toHaveURL(/\/no-access$/);
  await snapBoth(gp, "no-access");
  await gp.getByRole("button", { name: "Sign out" }).click();
  await expect(gp).toHaveURL(/\/login/);
  await close();
});
