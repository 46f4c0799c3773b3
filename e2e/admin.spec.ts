import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { resellers, resellerUsers, users } from "@/db/schema";
import { expect, login, makeWorld, snap, test } from "./fixtures";

test("admin creates a reseller, adds a partner user and deactivates the reseller", async ({ page }) => {
  const w = await makeWorld();
  await login(page, w.admin.email);
  await expect(page).toHaveURL(/\/admin$/);

  const form = page.getByTestId("create-reseller-form");
  const submit = async (name: string, codeName: string) => {
    await form.getByLabel("Name", { exact: true }).fill(name);
    await form.getByLabel("Code name").fill(codeName);
    await form.getByRole("button", { name: "Create reseller" }).click();
  };

  // A code name with spaces and punctuation is refused next to the field.
  await submit("E2E Partners", "Bad Code!");
  await expect(form.getByTestId("field-error")).toHaveText("Lowercase letters, digits and single dashes only.");
  await expect(page).toHaveURL(/\/admin$/);

  // A code name that is taken: the same, with the database's answer.
  await submit("E2E Partners", w.reseller.codeName);
  await expect(form.getByTestId("field-error")).toHaveText("Already taken.");
  await expect(page).toHaveURL(/\/admin$/);

  const code = `new-${w.id}`;
  await submit(`Partners ${w.id}`, code);
  await expect(page).toHaveURL(new RegExp(`/admin/resellers/${code}$`));
  await expect(page.getByRole("heading", { name: `Partners ${w.id}` })).toBeVisible();
  await expect(page.getByText("No partner users yet")).toBeVisible();

  // Add a partner user with the default view permissions plus "Create tenants".
  const userForm = page.getByTestId("reseller-user-form");
  const email = `new-partner-${w.id}@e2e.local`;
  await userForm.getByLabel("Name", { exact: true }).fill("Nina Newpartner");
  await userForm.getByLabel("Email").fill(email);
  await userForm.getByLabel("Initial password").fill("e2e-partner-pass-1");
  await userForm.getByLabel("Create tenants").check();
  await userForm.getByRole("button", { name: "Add user" }).click();
  await expect(userForm.getByTestId("form-success")).toBeVisible();
  const row = page.getByTestId("reseller-users-table").getByRole("row").filter({ hasText: email });
  await expect(row).toContainText("Nina Newpartner");
  await expect(row).toContainText("5 of 16");
  await snap(page, "admin-reseller");

  const db = await getDb();
  const [created] = await db.select({ permissions: resellerUsers.permissions }).from(resellerUsers).innerJoin(users, eq(users.id, resellerUsers.userId)).where(eq(users.email, email));
  expect(created.permissions.sort()).toEqual(["reseller_users.view", "stats.view", "templates.view", "tenants.create", "tenants.view"]);

  // Cancel leaves it active; confirming deactivates it.
  await page.getByTestId("deactivate-reseller").click();
  const dialog = page.locator("dialog[open]");
  await expect(dialog).toContainText(`Deactivate Partners ${w.id}?`);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toHaveCount(0);
  const [stillActive] = await db.select({ active: resellers.active }).from(resellers).where(eq(resellers.codeName, code));
  expect(stillActive.active).toBe(true);

  await page.getByTestId("deactivate-reseller").click();
  await page.locator("dialog[open]").getByTestId("confirm-button").click();
  await expect(page.locator("dialog[open]")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Reactivate" })).toBeVisible();
  await expect(page.getByTestId("deactivate-reseller")).toHaveCount(0);
  await expect(page.locator("dl")).toContainText("Inactive");
  const [deactivated] = await db.select({ active: resellers.active }).from(resellers).where(eq(resellers.codeName, code));
  expect(deactivated.active).toBe(false);

  // Back on the list, the new reseller shows as inactive.
  await page.goto("/admin");
  const listRow = page.getByTestId("resellers-table").getByRole("row").filter({ hasText: code });
  await expect(listRow).toContainText("Inactive");
});

test("non-admins get a 404 for /admin", async ({ page }) => {
  const w = await makeWorld();
  await login(page, w.ownerEmail);
  const res = await page.goto("/admin");
  expect(res?.status()).toBe(404);
});
