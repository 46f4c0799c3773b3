import { expect, login, makeWorld, PASSWORD, snap, test } from "./fixtures";

test("login: good password lands in the console, wrong password shows an error", async ({ page }) => {
  const w = await makeWorld();
  await page.goto("/login");
  await snap(page, "login");
  await page.getByLabel("Email").fill(w.admin.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("form-error")).toHaveText("Wrong email or password.");
  await expect(page).toHaveURL(/\/login/);

  await login(page, w.admin.email, PASSWORD);
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByTestId("current-user")).toHaveText(w.admin.email);
  await snap(page, "admin-resellers");
});

test("anonymous visitors of a console are sent to login", async ({ page }) => {
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/login/);
});

test("repeated wrong passwords lock the account, even for the right password", async ({ page }) => {
  const w = await makeWorld();
  await page.goto("/login");
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("Email").fill(w.ownerEmail);
    await page.getByLabel("Password").fill(`wrong-${i}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("form-error")).toHaveText("Wrong email or password.");
  }
  await page.getByLabel("Email").fill(w.ownerEmail);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("form-error")).toContainText("Too many failed sign-in attempts. Try again in");
  await expect(page).toHaveURL(/\/login/);
});
