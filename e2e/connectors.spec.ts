import type { Page } from "@playwright/test";
import { getDb } from "@/db/client";
import { authorizeTenant } from "@/lib/auth/guard";
import { startQuickBooksSimulator } from "@/lib/connectors/quickbooks/simulator";
import { ukInvoice } from "@/lib/connectors/quickbooks/test-support";
import { startShopifySimulator } from "@/lib/connectors/shopify/simulator";
import { startWooCommerceSimulator } from "@/lib/connectors/woocommerce/simulator";
import { Dec } from "@/lib/money";
import { listErrors } from "@/lib/services/error-queue/list";
import { createRecord } from "@/lib/services/records/create";
import { searchRecords } from "@/lib/services/records/search";
import { tenantUserAdminForTenant } from "@/lib/services/tenant-users/access";
import { createTenantUser } from "@/lib/services/tenant-users/create";
import { expect, login, makeWorld, ownerActor, PASSWORD, snapBoth, test } from "./fixtures";

type World = Awaited<ReturnType<typeof makeWorld>>;

// Generous: CI runs two spec files at once next to the embedded smoke server, whose demo imports too.
const RUN_TIMEOUT = 150_000;

async function addReadOnly(w: World) {
  const ctx = await authorizeTenant(await getDb(), await ownerActor(w), w.tenant.codeName);
  const email = `readonly-${w.id}@e2e.local`;
  await createTenantUser({ admin: tenantUserAdminForTenant(ctx), input: { name: `Reader ${w.id}`, email, role: "read-only", password: PASSWORD } });
  return email;
}

async function openErrors(w: World) {
  const ctx = await authorizeTenant(await getDb(), await ownerActor(w), w.tenant.codeName);
  return (await listErrors({ ctx, input: { status: "all" } })).items;
}

const historyRows = (page: Page) => page.getByTestId("run-history").locator("tbody tr");
const errorRow = (page: Page, displayId: string) => page.getByTestId("error-queue").locator("tbody tr").filter({ has: page.getByTestId("error-record").getByText(displayId, { exact: true }) });

test("Shopify: connect from the catalogue, test, run an order import, read its report, and work the error queue", async ({ page, browser }) => {
  test.setTimeout(480_000);
  const sim = await startShopifySimulator({ orders: 30, badOrderEvery: 10, rateLimit: false });
  try {
    const w = await makeWorld();
    const code = w.tenant.codeName;
    await login(page, w.ownerEmail);

    // The empty list points to the catalogue.
    await page.goto(`/t/${code}/connections`);
    await expect(page.getByText("No connections yet")).toBeVisible();
    await page.getByTestId("add-connection").click();
    await expect(page).toHaveURL(new RegExp(`/t/${code}/connections/new$`));
    const catalogue = page.getByTestId("connector-catalogue");
    await expect(catalogue.getByRole("heading", { name: "E-commerce" })).toBeVisible();
    await expect(catalogue.getByRole("heading", { name: "ERP & Accounting" })).toBeVisible();
    await expect(page.getByTestId("connector-shopify")).toContainText("Order import");
    await expect(page.getByTestId("connector-api")).toContainText("External integration (Tenant API)");
    await snapBoth(page, "connectors-catalogue");

    // Bad settings: the URL rule refuses plain http to a public host; nothing is created, input stays.
    await page.getByRole("link", { name: "Connect Shopify" }).click();
    await expect(page).toHaveURL(new RegExp(`/connections/new/shopify$`));
    const form = page.getByTestId("new-connection-form");
    await form.getByLabel("Name").fill("Fika shop");
    await form.getByLabel("Shop URL").fill("http://example.com");
    await form.getByLabel("Access token").fill(sim.accessToken);
    await form.getByRole("button", { name: "Create connection" }).click();
    await expect(form.getByTestId("field-error")).toHaveText(["Use an https:// address."]);
    await expect(form.getByLabel("Shop URL")).toHaveValue("http://example.com");
    await expect(form.getByLabel("Name")).toHaveValue("Fika shop");
    await expect(page).toHaveURL(new RegExp(`/connections/new/shopify$`));
    await snapBoth(page, "connectors-new-error");

    await form.getByLabel("Shop URL").fill(sim.url);
    await form.getByLabel("Access token").fill(sim.accessToken);
    await form.getByRole("button", { name: "Create connection" }).click();
    await expect(page).toHaveURL(new RegExp(`/t/${code}/connections/con_[0-9a-z]+$`));
    const connectionUrl = page.url();
    await expect(page.getByTestId("connection-name")).toHaveText("Fika shop");
    await expect(page.getByTestId("connection-status")).toHaveText("Active");
    // The secret is never sent back: the settings form only says it is saved.
    await expect(page.getByTestId("connection-settings-form").getByLabel("Access token")).toHaveValue("");
    await expect(page.getByTestId("connection-settings-form").getByLabel("Access token")).toHaveAttribute("placeholder", "Saved — leave empty to keep");
    expect(await page.content()).not.toContain(sim.accessToken);

    await page.getByTestId("test-connection").click();
    await expect(page.getByTestId("test-result")).toContainText("Shop: Fika & Co");
    await expect(page.getByTestId("test-result")).toHaveAttribute("data-ok", "true");

    // Enable the order import and run it now; enabling also schedules a run at once, so the
    // first run is the full import (27 good orders, 3 whose totals are 100.00 off).
    const plug = page.getByTestId("plug-OrderImport");
    await page.getByTestId("toggle-OrderImport").click();
    await expect(page.getByTestId("toggle-OrderImport")).toHaveText("Disable");
    await page.getByTestId("run-now-OrderImport").click();
    // The enabled plug's own first scheduled run may follow and re-read the newest order: pick the full one.
    const fullRun = historyRows(page).filter({ has: page.locator('[data-status="completedWithErrors"]') }).filter({ hasText: "27 ok" });
    await expect(fullRun).toHaveCount(1, { timeout: RUN_TIMEOUT });
    await expect(fullRun.getByTestId("num-succeeded")).toHaveText("27");
    await expect(fullRun.getByTestId("num-failed")).toHaveText("3");
    // Idle again: Run now is offered, the watermark is set.
    await expect(page.getByTestId("run-now-OrderImport")).toHaveText("Run now", { timeout: RUN_TIMEOUT });
    await expect(plug.getByTestId("latest-transfer").getByTestId("transfer-status")).not.toHaveAttribute("data-status", "running", { timeout: RUN_TIMEOUT });
    await expect(plug.getByTestId("watermark")).not.toContainText("Not set");
    await snapBoth(page, "connectors-connection");
    await plug.getByText("Schedule and settings").click();
    const plugForm = plug.getByTestId("plug-settings-form");
    await expect(plugForm.getByLabel("Minutes between runs")).toHaveValue("5");
    await expect(plugForm.getByLabel("Paid", { exact: true })).not.toBeChecked();
    await plugForm.getByLabel("Minutes between runs").fill("0");
    await plugForm.getByRole("button", { name: "Save plug" }).click();
    await expect(plugForm.getByTestId("field-error")).toHaveText(["At least every minute."]);
    await snapBoth(page, "connectors-plug-settings");
    await plugForm.getByLabel("Minutes between runs").fill("15");
    await plugForm.getByRole("button", { name: "Save plug" }).click();
    await expect(plugForm.getByTestId("form-success")).toHaveText("Plug saved.");
    await expect(plug.getByText("every 15 min")).toBeVisible();
    // Saving the schedule leaves the watermark the run set alone.
    await page.reload();
    await expect(plug.getByTestId("watermark")).not.toContainText("Not set");
    await plug.getByText("Schedule and settings").click();

    // The report: counts, and the failed records with their message.
    await fullRun.getByRole("link").first().click();
    await expect(page).toHaveURL(/\/transfers\/[^/]+$/);
    await expect(page.getByTestId("transfer-status").first()).toHaveAttribute("data-status", "completedWithErrors");
    await expect(page.getByTestId("num-succeeded").first()).toHaveText("27");
    await page.getByTestId("outcome-filter").getByRole("button", { name: "Failed" }).click();
    const failedRows = page.getByTestId("transfer-records").locator("tbody tr");
    await expect(failedRows).toHaveCount(3);
    await expect(failedRows.first()).toContainText("does not add up");
    await snapBoth(page, "connectors-report");
    // A succeeded record links to the imported order.
    await page.getByTestId("outcome-filter").getByRole("button", { name: "Succeeded" }).click();
    await expect(page.getByTestId("transfer-records").locator("tbody tr")).toHaveCount(27);
    await page.getByTestId("transfer-records").locator("tbody tr").first().getByRole("link").click();
    await expect(page).toHaveURL(new RegExp(`/t/${code}/records/order/[^/]+$`));

    // The error queue holds the three failures.
    await page.goto(`/t/${code}/errors`);
    await expect(page.getByRole("heading", { level: 1, name: "Error queue" })).toBeVisible();
    await expect(page.getByTestId("error-queue").locator("tbody tr")).toHaveCount(3);
    await snapBoth(page, "connectors-error-queue");
    // Not the newest order: a scheduled run re-reads that one (inclusive watermark) and counts attempts too.
    const [failure] = (await openErrors(w)).sort((a, b) => Number(a.remoteId) - Number(b.remoteId));
    const displayId = failure.displayId ?? failure.remoteId!;

    // Fixed at the shop; a retry re-maps the saved payload, so it fails again with the same message.
    sim.store.orders.update(Number(failure.remoteId), (o) => {
      o.total_price = new Dec(o.total_price).minus(100).toFixed(2);
    });
    const row = errorRow(page, displayId);
    await row.getByRole("checkbox").check();
    await page.getByTestId("retry-selected").click();
    await expect(page.getByTestId("error-queue-flash")).toHaveText("Queued 1 record for a retry (1 run).");
    // The row stays in the default view while it is retried, then shows the new attempt.
    await expect(row.getByTestId("error-attempts")).toHaveText(String(failure.attempts + 1), { timeout: RUN_TIMEOUT });
    expect(failure.attempts + 1).toBe(2);
    await expect(row.getByTestId("error-status")).toHaveAttribute("data-status", "open");
    await expect(row.getByTestId("error-message")).toContainText("does not add up");

    // A new run reads the corrected order from the shop and resolves the entry.
    await page.goto(connectionUrl);
    // The run history is fetched by the browser: once it shows, the page is hydrated and Run now
    // responds (a click before hydration does nothing).
    await expect(historyRows(page).first()).toBeVisible();
    await expect(page.getByTestId("run-now-OrderImport")).toBeEnabled();
    // Wait for Run now's own answer: navigating away at once would abort it before the run is queued.
    const queued = page.waitForResponse((r) => r.request().method() === "POST" && (r.request().postData() ?? "").includes('"OrderImport"'));
    await page.getByTestId("run-now-OrderImport").click();
    expect((await queued).ok()).toBe(true);
    await expect(async () => {
      await page.goto(`/t/${code}/errors?status=resolved`);
      await expect(errorRow(page, displayId).getByTestId("error-status")).toHaveAttribute("data-status", "resolved", { timeout: 1000 });
    }).toPass({ timeout: RUN_TIMEOUT });
    await page.goto(`/t/${code}/errors`);
    await expect(page.getByTestId("error-queue").locator("tbody tr")).toHaveCount(2);

    // The list shows the connection with its plugs and latest transfer.
    await page.goto(`/t/${code}/connections`);
    await expect(page.getByTestId("connections-table").locator("tbody tr")).toHaveCount(1);
    await expect(page.getByTestId("plugs-enabled")).toHaveText("1 of 3 enabled");
    await snapBoth(page, "connectors-list");

    // A read-only user sees everything and can change nothing.
    const reader = await addReadOnly(w);
    const context = await browser.newContext();
    const rp = await context.newPage();
    await login(rp, reader);
    await rp.goto(connectionUrl);
    await expect(rp.getByTestId("connection-name")).toHaveText("Fika shop");
    await expect(rp.getByTestId("plug-OrderImport")).toBeVisible();
    await expect(rp.getByTestId("run-now-OrderImport")).toHaveCount(0);
    await expect(rp.getByTestId("toggle-OrderImport")).toHaveCount(0);
    await expect(rp.getByTestId("test-connection")).toHaveCount(0);
    await expect(rp.getByTestId("connection-settings-form")).toHaveCount(0);
    await expect(rp.getByTestId("plug-settings-form")).toHaveCount(0);
    await expect(rp.getByText("Saved (hidden)")).toBeVisible();
    await rp.goto(`/t/${code}/errors`);
    await expect(rp.getByTestId("error-queue").locator("tbody tr")).toHaveCount(2);
    await expect(rp.getByTestId("retry-one")).toHaveCount(0);
    await rp.goto(`/t/${code}/connections/new`);
    await expect(rp.getByRole("link", { name: "Connect Shopify" })).toHaveCount(0);
    await context.close();

    // A connection that moved data is archived, not deleted; the dialog says so up front.
    await page.goto(connectionUrl);
    await page.getByTestId("delete-connection").click();
    await expect(page.getByText("it will be archived instead")).toBeVisible();
    await page.getByRole("button", { name: "Archive connection" }).click();
    await expect(page.getByTestId("archived-note")).toBeVisible();
    await expect(page.getByTestId("connection-status")).toHaveText("Archived");
    await expect(page.getByTestId("run-now-OrderImport")).toHaveCount(0);
    await expect(page.getByTestId("delete-connection")).toHaveCount(0);
    await expect(page.getByTestId("plug-OrderImport").getByTestId("next-run")).toHaveText("Not scheduled (disabled)");
    await snapBoth(page, "connectors-archived");
  } finally {
    await sim.stop();
  }
});

test("QuickBooks: an invoice whose VAT rate the plug does not map fails; fixing the plug's tax codes and retrying books it", async ({ page }) => {
  test.setTimeout(480_000);
  const sim = await startQuickBooksSimulator({ throttle: false });
  try {
    const w = await makeWorld();
    const code = w.tenant.codeName;
    // Two booked invoices: one at 20 % only, one with 20, 5 and 0 % rows.
    const ctx = await authorizeTenant(await getDb(), await ownerActor(w), w.tenant.codeName);
    const user = { db: ctx.db, tenantId: ctx.tenant.id, writer: { kind: "user" as const, login: w.ownerEmail } };
    await createRecord({ ctx: user, type: "invoice", body: { ...ukInvoice(), invoiceNumber: "INV-E2E-1", rows: [{ sku: "SHIRT-M", quantity: "2", pricePerUnitExclVat: "100.00", vatRatePercent: "20", vatAmount: "40.00" }], shippingRows: null, feeRows: null, totals: { totalExclVat: "200.00", totalVat: "40.00", totalInclVat: "240.00" } } });
    await createRecord({ ctx: user, type: "invoice", body: { ...ukInvoice(), invoiceNumber: "INV-E2E-2" } });

    await login(page, w.ownerEmail);
    await page.goto(`/t/${code}/connections/new/quickbooks`);
    const form = page.getByTestId("new-connection-form");
    await form.getByLabel("Name").fill("Books");
    await form.getByLabel("Realm ID").fill(sim.realmId);
    await form.getByLabel("Client ID").fill(sim.clientId);
    await form.getByLabel("Client secret").fill(sim.clientSecret);
    await form.getByLabel("Refresh token").fill(sim.refreshToken);
    await form.getByLabel("Environment").selectOption("sandbox");
    await form.getByLabel("API base URL").fill(sim.url);
    await form.getByLabel("Token URL").fill(sim.tokenUrl);
    await form.getByRole("button", { name: "Create connection" }).click();
    await expect(page).toHaveURL(new RegExp(`/t/${code}/connections/con_[0-9a-z]+$`));
    await page.getByTestId("test-connection").click();
    await expect(page.getByTestId("test-result")).toContainText("Company: Crossdock Demo Ltd");

    // The plug maps only 20 % (a setup mistake): the mixed-rate invoice fails, the other is booked.
    const plug = page.getByTestId("plug-InvoiceExport");
    await plug.getByText("Schedule and settings").click();
    const plugForm = plug.getByTestId("plug-settings-form");
    await plugForm.getByLabel("Tax codes").fill(JSON.stringify([{ vatRatePercent: "20", taxCodeId: "2" }]));
    await plugForm.getByRole("button", { name: "Save plug" }).click();
    await expect(plugForm.getByTestId("form-success")).toHaveText("Plug saved.");
    await page.getByTestId("run-now-InvoiceExport").click();
    const run = historyRows(page).filter({ has: page.locator('[data-status="completedWithErrors"]') });
    await expect(run).toHaveCount(1, { timeout: RUN_TIMEOUT });
    await expect(run.getByTestId("num-succeeded")).toHaveText("1");
    await expect(run.getByTestId("num-failed")).toHaveText("1");

    await page.goto(`/t/${code}/errors`);
    const row = errorRow(page, "INV-E2E-2");
    await expect(row.getByTestId("error-message")).toContainText("No QuickBooks tax code");

    // Map 5 % and 0 % too, then retry with the plug's current settings: the invoice is booked and the entry resolves.
    await page.goBack();
    await plug.getByText("Schedule and settings").click();
    await plugForm.getByLabel("Tax codes").fill(JSON.stringify([{ vatRatePercent: "20", taxCodeId: "2" }, { vatRatePercent: "5", taxCodeId: "3" }, { vatRatePercent: "0", taxCodeId: "4" }]));
    await plugForm.getByRole("button", { name: "Save plug" }).click();
    await expect(plugForm.getByTestId("form-success")).toHaveText("Plug saved.");
    await page.goto(`/t/${code}/errors`);
    await row.getByRole("checkbox").check();
    await page.getByTestId("retry-selected").click();
    await expect(page.getByTestId("error-queue-flash")).toHaveText("Queued 1 record for a retry (1 run).");
    await expect(async () => {
      await page.goto(`/t/${code}/errors?status=resolved`);
      await expect(errorRow(page, "INV-E2E-2").getByTestId("error-status")).toHaveAttribute("data-status", "resolved", { timeout: 1000 });
    }).toPass({ timeout: RUN_TIMEOUT });
    expect(sim.store.all("Invoice").map((i) => i.DocNumber).sort()).toEqual(["INV-E2E-1", "INV-E2E-2"]);
  } finally {
    await sim.stop();
  }
});

test("WooCommerce: a wrong key is caught by Test connection; a product whose tax class the plug does not map fails, and a retry with the fixed mapping imports it", async ({ page }) => {
  test.setTimeout(480_000);
  const sim = await startWooCommerceSimulator({ orders: 5, products: 12 });
  try {
    const w = await makeWorld();
    const code = w.tenant.codeName;
    await login(page, w.ownerEmail);
    await page.goto(`/t/${code}/connections/new`);
    await page.getByRole("link", { name: "Connect WooCommerce" }).click();
    const form = page.getByTestId("new-connection-form");
    await form.getByLabel("Name").fill("Outlet");
    await form.getByLabel("Store URL").fill(sim.url);
    await form.getByLabel("Consumer key").fill(sim.consumerKey);
    await form.getByLabel("Consumer secret").fill("cs_not_the_right_secret");
    await form.getByRole("button", { name: "Create connection" }).click();
    await expect(page).toHaveURL(new RegExp(`/t/${code}/connections/con_[0-9a-z]+$`));

    // Test connection shows what WooCommerce answered; fixing the secret and testing again succeeds.
    await page.getByTestId("test-connection").click();
    await expect(page.getByTestId("test-result")).toHaveAttribute("data-ok", "false");
    await expect(page.getByTestId("test-result")).toContainText("401");
    const settings = page.getByTestId("connection-settings-form");
    await settings.getByLabel("Consumer secret").fill(sim.consumerSecret);
    await settings.getByRole("button", { name: /Save/ }).click();
    await expect(settings.getByTestId("form-success")).toBeVisible();
    await page.getByTestId("test-connection").click();
    await expect(page.getByTestId("test-result")).toHaveAttribute("data-ok", "true");
    await expect(page.getByTestId("test-result")).toContainText("WooCommerce");

    // The default tax class rates have no "books": that product fails, the others are imported.
    const plug = page.getByTestId("plug-ProductImport");
    await plug.getByText("Schedule and settings").click();
    const plugForm = plug.getByTestId("plug-settings-form");
    await plugForm.getByLabel("Currency").selectOption("SEK");
    await plugForm.getByRole("button", { name: "Save plug" }).click();
    await expect(plugForm.getByTestId("form-success")).toHaveText("Plug saved.");
    await expect(historyRows(page)).toHaveCount(0);
    await page.getByTestId("run-now-ProductImport").click();
    const run = historyRows(page).filter({ has: page.locator('[data-status="completedWithErrors"]') });
    await expect(run).toHaveCount(1, { timeout: RUN_TIMEOUT });
    await expect(run.getByTestId("num-failed")).toHaveText("1");

    await page.goto(`/t/${code}/errors`);
    const row = page.getByTestId("error-queue").locator("tbody tr").filter({ hasText: 'Tax class "books"' });
    await expect(row).toHaveCount(1);
    await expect(row.getByTestId("error-status")).toHaveAttribute("data-status", "open");

    // Map books to 6 % and retry with the plug's current settings: the product is imported and the entry resolves.
    await page.goBack();
    await plug.getByText("Schedule and settings").click();
    await plugForm.getByLabel("Tax class rates").fill("standard=25, reduced-rate=12, zero-rate=0, books=6");
    await plugForm.getByRole("button", { name: "Save plug" }).click();
    await expect(plugForm.getByTestId("form-success")).toHaveText("Plug saved.");
    await page.goto(`/t/${code}/errors`);
    await row.getByTestId("retry-one").click();
    await expect(page.getByTestId("error-queue-flash")).toHaveText("Queued 1 record for a retry (1 run).");
    await expect(async () => {
      await page.goto(`/t/${code}/errors?status=resolved`);
      await expect(page.getByTestId("error-queue").locator("tbody tr").filter({ hasText: 'Tax class "books"' }).getByTestId("error-status")).toHaveAttribute("data-status", "resolved", { timeout: 1000 });
    }).toPass({ timeout: RUN_TIMEOUT });
    await snapBoth(page, "connectors-woocommerce-resolved");
    const ctx = await authorizeTenant(await getDb(), await ownerActor(w), code);
    const books = await searchRecords({ ctx: { db: ctx.db, tenantId: ctx.tenant.id, writer: { kind: "user", login: w.ownerEmail } }, type: "product", query: { q: "SKU-507" } });
    expect(books.records.map((p) => p.vatRatePercent)).toEqual(["6"]);
  } finally {
    await sim.stop();
  }
});

test("an API connection is still created from the catalogue and shows its id", async ({ page }) => {
  const w = await makeWorld();
  const code = w.tenant.codeName;
  await login(page, w.ownerEmail);
  await page.goto(`/t/${code}/connections/new`);
  await page.getByRole("link", { name: "Connect External integration (Tenant API)" }).click();
  const form = page.getByTestId("new-api-connection-form");
  await form.getByLabel("Name").fill("PIM integration");
  await form.getByRole("button", { name: "Create connection" }).click();
  await expect(page.getByTestId("created-connection-id")).toHaveText(/^con_/);
  await page.goto(`/t/${code}/connections`);
  await expect(page.getByTestId("connection-id")).toHaveText(/^con_/);
  await page.getByTestId("connection-link").click();
  await expect(page.getByTestId("connection-name")).toHaveText("PIM integration");
  await expect(page.getByTestId("connection-id")).toHaveText(/^con_/);

  // It never wrote anything, so Delete removes it (after asking).
  await page.getByTestId("delete-connection").click();
  await page.getByRole("button", { name: "Delete connection" }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${code}/connections\\?deleted=1$`));
  await expect(page.getByTestId("flash")).toHaveText("Connection deleted.");
  await expect(page.getByText("No connections yet")).toBeVisible();
});
