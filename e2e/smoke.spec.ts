import { expect, test, type Page } from "@playwright/test";

// Against the embedded server e2e/run.mjs starts on an empty data folder: proves that a fresh
// `npm start` migrates, seeds the demo and lets the printed logins in.
test.use({ baseURL: process.env.E2E_SMOKE_URL });

async function signIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

test("the demo admin sees the demo reseller", async ({ page }) => {
  expect(process.env.E2E_SMOKE_URL, "run through npm run test:e2e").toBeTruthy();
  await signIn(page, "admin@crossdock.local", "crossdock-admin");
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByTestId("current-user")).toHaveText("admin@crossdock.local");
  const demo = page.getByTestId("resellers-table").getByRole("row").filter({ hasText: "Demo Partner AB" });
  await expect(demo.getByRole("link")).toHaveAttribute("href", "/admin/resellers/demo");
  await expect(demo).toContainText("Active");
});

test("the demo tenant owner lands in the acme console", async ({ page }) => {
  await signIn(page, "owner@acme.local", "crossdock-demo");
  await expect(page).toHaveURL(/\/t\/acme$/);
  await expect(page.getByTestId("current-user")).toHaveText("owner@acme.local");
  await expect(page.getByText("Acme Outdoor AB").first()).toBeVisible();
});

test("the demo Tenant API login reads the demo orders", async ({ page, request }) => {
  await signIn(page, "owner@acme.local", "crossdock-demo");
  await page.goto("/t/acme/connections");
  const connectionId = (await page.getByTestId("connection-id").first().textContent())?.trim() ?? "";
  expect(connectionId).toMatch(/^con_/);
  const res = await request.get("/api/order?limit=100", {
    headers: { authorization: `Basic ${Buffer.from("api@acme.local:crossdock-api-demo").toString("base64")}`, "x-tenant": "acme", "x-connectionid": connectionId },
  });
  expect(res.status()).toBe(200);
  // The storefront integration's own orders carry its remote ids; the demo's shop imports others.
  const orders = (await res.json()) as { orderNumber: string; remoteId: string | null }[];
  expect(orders.filter((o) => o.remoteId).map((o) => o.orderNumber).sort()).toEqual(["1001", "1002", "1003", "1004", "1005"]);
});

test("out of the box, the demo's plugs import orders from the simulated Shopify shop", async ({ page, request }) => {
  await signIn(page, "owner@acme.local", "crossdock-demo");
  await page.goto("/t/acme/connections");
  const api = (await page.getByTestId("connection-id").first().textContent())?.trim() ?? "";
  const auth = { authorization: `Basic ${Buffer.from("api@acme.local:crossdock-api-demo").toString("base64")}`, "x-tenant": "acme" };
  type Listed = { connectionId: string; connector: string; plugs: { key: string; latestTransfer: { numSucceeded: number } | null }[] }[];
  const connections = (await (await request.get("/api/connection", { headers: { ...auth, "x-connectionid": api } })).json()) as Listed;
  expect(connections.map((c) => c.connector).sort()).toEqual(["api", "quickbooks", "shopify", "woocommerce"]);
  // Workers start with the app and the Shopify plug runs every minute: its first transfer comes within a minute or two.
  await expect
    .poll(
      async () => {
        const list = (await (await request.get("/api/connection", { headers: { ...auth, "x-connectionid": api } })).json()) as Listed;
        return list.find((c) => c.connector === "shopify")?.plugs.find((p) => p.key === "OrderImport")?.latestTransfer?.numSucceeded ?? 0;
      },
      { timeout: 150_000, intervals: [2_000] },
    )
    .toBeGreaterThan(0);
});
