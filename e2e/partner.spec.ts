import type { Page } from "@playwright/test";
import { getDb } from "@/db/client";
import { authorizeReseller } from "@/lib/auth/guard";
import { createResellerUser } from "@/lib/services/reseller-users";
import { expect, login, makeWorld, PASSWORD, snapBoth, test } from "./fixtures";


/** The open dialog (closed <dialog> elements are not in the accessibility tree). */
const openDialog = (page: Page) => page.getByRole("dialog");

test("partner creates a tenant from a template; bad email and duplicate reference show inline errors", async ({ page }) => {
  const w = await makeWorld();
  const base = `/partner/${w.reseller.codeName}`;
  await login(page, w.partner.email);
  await expect(page).toHaveURL(new RegExp(`${base}$`));
  await expect(page.getByTestId("stat-tenants")).toContainText("1");
  await snapBoth(page, "partner-overview");

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Tenants" }).click();
  await expect(page.getByTestId("tenants-table")).toContainText(w.tenant.codeName);
  await snapBoth(page, "partner-tenants");

  await page.getByRole("link", { name: "New tenant" }).click();
  await expect(page).toHaveURL(`${base}/tenants/new`);
  await snapBoth(page, "partner-tenant-new");

  // The template prefills languages, default language and options.
  await page.getByLabel("Template").selectOption({ label: w.template.name });
  await expect(page.getByRole("checkbox", { name: "Swedish" })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "English" })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "German" })).not.toBeChecked();
  await expect(page.getByLabel("Default language")).toHaveValue("swe");
  await expect(page.getByRole("checkbox", { name: /Auto Invoice/ })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: /Tenant API/ })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: /^EDI/ })).not.toBeChecked();

  const reference = `Åre-${w.id}`;
  const codeName = `are-${w.id}`;
  await page.getByLabel("Customer reference").fill(reference);
  await expect(page.getByTestId("code-name-preview")).toContainText(codeName);
  await page.getByLabel("Full name").fill(`Åre Sport ${w.id} AB`);
  await page.getByLabel("Email", { exact: true }).fill("not-an-email");
  await page.getByLabel("Owner's name").fill(`Anna ${w.id}`);
  await page.getByLabel("Owner's email").fill(`anna-${w.id}@e2e.local`);
  await page.getByLabel("Initial password").fill(PASSWORD);

  // Bad email: inline error, nothing created, what was typed stays.
  await page.getByRole("button", { name: "Create tenant" }).click();
  await expect(page.getByLabel("Email", { exact: true })).toHaveAccessibleDescription("Enter a valid email address.");
  await expect(page).toHaveURL(`${base}/tenants/new`);
  await expect(page.getByLabel("Full name")).toHaveValue(`Åre Sport ${w.id} AB`);
  await expect(page.getByRole("checkbox", { name: "Swedish" })).toBeChecked();
  await snapBoth(page, "partner-tenant-new-errors");

  await page.getByLabel("Email", { exact: true }).fill(`it-${w.id}@e2e.local`);
  await page.getByLabel("Initial password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create tenant" }).click();
  // Arriving here also proves the bad-email attempt created nothing (the reference would be taken).
  await expect(page).toHaveURL(`${base}/tenants/${codeName}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`Åre Sport ${w.id} AB`);
  await expect(page.getByText(w.template.name)).toBeVisible();
  await expect(page.getByTestId("tenant-users-table")).toContainText(`anna-${w.id}@e2e.local`);

  // Same customer reference again (other case): the service's duplicate error, on that field.
  await page.goto(`${base}/tenants/new`);
  await page.getByLabel("Customer reference").fill(reference.toUpperCase());
  await page.getByLabel("Full name").fill("Someone Else AB");
  await page.getByLabel("Email", { exact: true }).fill(`else-${w.id}@e2e.local`);
  await page.getByRole("button", { name: "Create tenant" }).click();
  await expect(page.getByLabel("Customer reference")).toHaveAccessibleDescription("Another tenant already uses this customer reference.");
  await expect(page).toHaveURL(`${base}/tenants/new`);

  // Search: found by reference, and the "no match" empty state.
  await page.goto(`${base}/tenants?q=${encodeURIComponent(reference)}`);
  await expect(page.getByTestId("tenants-table")).toContainText(codeName);
  await expect(page.getByTestId("tenants-table")).not.toContainText(w.tenant.fullName);
  await page.goto(`${base}/tenants?q=nothing-like-this&status=inactive`);
  await expect(page.getByText("No tenants match")).toBeVisible();
  await snapBoth(page, "partner-tenants-no-match");
});

test("partner logs in as the tenant owner and returns; the audit log shows both", async ({ page }) => {
  const w = await makeWorld();
  const base = `/partner/${w.reseller.codeName}`;
  const tenantPage = `${base}/tenants/${w.tenant.codeName}`;
  await login(page, w.partner.email);
  await page.goto(tenantPage);
  await snapBoth(page, "partner-tenant");

  await page.getByTestId(`tenant-user-actions-${w.ownerEmail}`).getByRole("button", { name: "Log in as" }).click();
  await snapBoth(page, "partner-login-as-confirm");
  await openDialog(page).getByRole("button", { name: "Log in as" }).click();

  await expect(page).toHaveURL(new RegExp(`/t/${w.tenant.codeName}$`));
  await expect(page.getByTestId("current-user")).toHaveText(w.ownerEmail);
  await expect(page.getByTestId("impersonation-banner")).toBeVisible();
  await page.getByRole("button", { name: "Return to partner console" }).click();

  await expect(page).toHaveURL(tenantPage);
  await expect(page.getByTestId("current-user")).toHaveText(w.partner.email);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" }).click();
  const log = page.getByTestId("audit-log");
  await expect(log.getByText("tenant.create", { exact: true })).toBeVisible();
  await expect(log.getByText("tenant_user.login_as", { exact: true })).toBeVisible();
  await snapBoth(page, "partner-audit");
});

test("partner manages tenant users, templates and partner users", async ({ page }) => {
  const w = await makeWorld();
  const base = `/partner/${w.reseller.codeName}`;
  await login(page, w.partner.email);

  // Tenant users: add, change role, reset password, deactivate.
  await page.goto(`${base}/tenants/${w.tenant.codeName}`);
  await page.getByRole("button", { name: "Add user" }).click();
  const add = openDialog(page);
  await add.getByLabel("Role").selectOption("member");
  await expect(add).toContainText("Works with connections, records and rules.");
  await snapBoth(page, "partner-tenant-add-user");
  await add.getByLabel("Name").fill(`Mia ${w.id}`);
  await add.getByLabel("Email").fill(`mia-${w.id}@e2e.local`);
  await add.getByLabel("Initial password").fill("short");
  await add.getByRole("button", { name: "Add user" }).click();
  await expect(add.getByLabel("Initial password")).toHaveAccessibleDescription("Use at least 10 characters.");
  await add.getByLabel("Initial password").fill(PASSWORD);
  await add.getByRole("button", { name: "Add user" }).click();
  const mia = page.getByTestId(`tenant-user-actions-mia-${w.id}@e2e.local`);
  await expect(mia).toBeVisible();

  await mia.getByRole("button", { name: "Change role" }).click();
  await openDialog(page).getByLabel("Role").selectOption("admin");
  await openDialog(page).getByRole("button", { name: "Save role" }).click();
  await expect(openDialog(page)).toHaveCount(0);
  await expect(page.getByTestId(`tenant-user-mia-${w.id}@e2e.local`)).toContainText("Admin");

  await mia.getByRole("button", { name: "Reset password" }).click();
  await openDialog(page).getByLabel("New password").fill("new-password-456");
  await snapBoth(page, "partner-reset-password");
  await openDialog(page).getByRole("button", { name: "Set password" }).click();
  await expect(openDialog(page).getByTestId("form-success")).toContainText("Password changed");
  await openDialog(page).getByRole("button", { name: "Close" }).click();

  await mia.getByRole("button", { name: "Deactivate" }).click();
  await openDialog(page).getByRole("button", { name: "Deactivate" }).click();
  await expect(mia.getByRole("button", { name: "Reactivate" })).toBeVisible();
  await expect(mia.getByRole("button", { name: "Log in as" })).toHaveCount(0);

  // The last owner cannot be deactivated: the service's error shows in the dialog.
  const owner = page.getByTestId(`tenant-user-actions-${w.ownerEmail}`);
  await owner.getByRole("button", { name: "Deactivate" }).click();
  await expect(openDialog(page).getByRole("button", { name: "Deactivate" })).toBeVisible();
  await openDialog(page).getByRole("button", { name: "Deactivate" }).click();
  await expect(openDialog(page).getByTestId("form-error")).toContainText("at least one active owner");
  await openDialog(page).getByRole("button", { name: "Cancel" }).click();

  // Pause and resume the tenant.
  await page.getByTestId("deactivate-tenant").click();
  await expect(openDialog(page)).toContainText("API answers 403");
  await openDialog(page).getByRole("button", { name: "Deactivate tenant" }).click();
  await expect(page.getByTestId("tenant-paused")).toBeVisible();
  await snapBoth(page, "partner-tenant-paused");
  await page.getByTestId("reactivate-tenant").click();
  await openDialog(page).getByRole("button", { name: "Reactivate tenant" }).click();
  await expect(page.getByTestId("tenant-paused")).toHaveCount(0);

  // Edit the tenant: a default language outside its languages is refused inline.
  const edit = page.getByTestId("tenant-edit-form");
  await edit.getByRole("checkbox", { name: "Danish" }).check();
  await edit.getByLabel("Default language").selectOption("dan");
  await edit.getByRole("checkbox", { name: /^Webhooks/ }).check();
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit.getByTestId("form-success")).toContainText("Tenant saved");
  await expect(page.getByText("Danish (default)")).toBeVisible();

  // Templates: create (with an inline error first), edit, delete.
  await page.goto(`${base}/templates`);
  await snapBoth(page, "partner-templates");
  await page.getByRole("link", { name: "New template" }).click();
  const form = page.getByTestId("template-form");
  await form.getByLabel("Name").fill(w.template.name);
  await form.getByRole("button", { name: "Create template" }).click();
  await expect(form.getByLabel("Name")).toHaveAccessibleDescription("Already used by another template.");
  await form.getByLabel("Name").fill(`Marketplace ${w.id}`);
  await form.getByRole("checkbox", { name: "English" }).uncheck();
  await form.getByRole("button", { name: "Create template" }).click();
  await expect(form.getByTestId("field-error").first()).toContainText("Pick at least one language");
  await form.getByRole("checkbox", { name: "Finnish" }).check();
  await form.getByRole("checkbox", { name: /^EDI/ }).check();
  await snapBoth(page, "partner-template-new");
  await form.getByRole("button", { name: "Create template" }).click();
  await expect(page).toHaveURL(`${base}/templates`);
  await page.getByRole("link", { name: `Marketplace ${w.id}` }).click();
  await page.getByTestId("template-form").getByLabel("Description").fill("For marketplace sellers.");
  await page.getByRole("button", { name: "Save template" }).click();
  await expect(page.getByTestId("form-success")).toBeVisible();
  await snapBoth(page, "partner-template-edit");
  await page.getByRole("button", { name: "Delete" }).click();
  await expect(openDialog(page)).toContainText("keep their settings");
  await openDialog(page).getByRole("button", { name: "Delete template" }).click();
  await expect(page).toHaveURL(`${base}/templates`);
  await expect(page.getByTestId("templates-table")).not.toContainText(`Marketplace ${w.id}`);

  // Partner users: add one with view permissions, then edit.
  await page.goto(`${base}/users`);
  await page.getByRole("link", { name: "Add user" }).click();
  await snapBoth(page, "partner-user-new");
  const userForm = page.getByTestId("reseller-user-form");
  await userForm.getByLabel("Name").fill(`Pia ${w.id}`);
  await userForm.getByLabel("Email").fill(`pia-${w.id}@e2e.local`);
  await userForm.getByLabel("Initial password").fill(PASSWORD);
  await userForm.getByRole("button", { name: "Add user" }).click();
  await expect(page).toHaveURL(`${base}/users`);
  await expect(page.getByTestId("reseller-users-table")).toContainText(`pia-${w.id}@e2e.local`);
  await snapBoth(page, "partner-users");
  await page.getByRole("link", { name: new RegExp(`Pia ${w.id}`) }).click();
  await page.getByRole("checkbox", { name: "Create tenants" }).check();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByTestId("form-success")).toContainText("User saved");
  await snapBoth(page, "partner-user-edit");
});

test("another reseller's console and tenants answer 404", async ({ page }) => {
  const [a, b] = await Promise.all([makeWorld(), makeWorld()]);
  await login(page, a.partner.email);
  for (const path of [`/partner/${b.reseller.codeName}`, `/partner/${a.reseller.codeName}/tenants/${b.tenant.codeName}`, `/partner/${a.reseller.codeName}/templates/${b.template.id}`]) {
    await page.goto(path);
    await expect(page.getByTestId("not-found")).toBeVisible();
  }
});

test("a view-only partner sees only what they may use", async ({ page }) => {
  const w = await makeWorld();
  const db = await getDb();
  const ctx = await authorizeReseller(db, { type: "user", userId: w.admin.id, email: w.admin.email, name: w.admin.name, kind: "admin" }, w.reseller.codeName);
  const viewer = await createResellerUser({ ctx, input: { email: `viewer-${w.id}@e2e.local`, name: `Viewer ${w.id}`, password: PASSWORD, permissions: ["tenants.view"] } });
  const base = `/partner/${w.reseller.codeName}`;
  await login(page, viewer.email);

  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Tenants" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Audit log" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Templates" })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "Users" })).toHaveCount(0);
  await expect(page.getByTestId("partner-stats")).toHaveCount(0);

  await page.goto(`${base}/tenants`);
  await expect(page.getByRole("link", { name: "New tenant" })).toHaveCount(0);
  await page.goto(`${base}/tenants/${w.tenant.codeName}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(w.tenant.fullName);
  await expect(page.getByTestId("deactivate-tenant")).toHaveCount(0);
  await expect(page.getByTestId("tenant-users-table")).toHaveCount(0);
  await expect(page.getByTestId("tenant-edit-form")).toHaveCount(0);
  await snapBoth(page, "partner-tenant-view-only");

  for (const path of [`${base}/tenants/new`, `${base}/templates`, `${base}/users`]) {
    await page.goto(path);
    await expect(page.getByTestId("forbidden")).toBeVisible();
  }
});
