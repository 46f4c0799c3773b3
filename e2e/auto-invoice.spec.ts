import type { Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { tenants } from "@/db/schema";
import { authorizeTenant } from "@/lib/auth/guard";
import { startQuickBooksSimulator } from "@/lib/connectors/quickbooks/simulator";
import { startShopifySimulator } from "@/lib/connectors/shopify/simulator";
import type { ShopifyFinancialStatus } from "@/lib/connectors/shopify/shopify-types";
import { createConnection } from "@/lib/services/connections/create-connection";
import { updatePlug } from "@/lib/services/plugs/update-plug";
import { createRecord } from "@/lib/services/records/create";
import { tenantUserAdminForTenant } from "@/lib/services/tenant-users/access";
import { createTenantUser } from "@/lib/services/tenant-users/create";
import { orderBody } from "@/test/factories";
import { expect, login, makeWorld, ownerActor, PASSWORD, snapBoth, test } from "./fixtures";

// The queue worker picks the job up within a second or two; generous for CI running specs side by side.
const INVOICE_TIMEOUT = 60_000;
// An import or export run: queued, picked up by the app's worker and finished (generous, as in connectors.spec.ts).
const RUN_TIMEOUT = 120_000;

test("auto invoice: create a rule, preview it, enable it and see an order invoiced", async ({ page, browser }) => {
  test.setTimeout(240_000);
  const w = await makeWorld();
  const code = w.tenant.codeName;
  const db = await getDb();
  // The plan must include Auto Invoice for the switch to turn on.
  await db.update(tenants).set({ options: ["auto_invoice"] }).where(eq(tenants.id, w.tenant.id));
  const ctx = await authorizeTenant(db, await ownerActor(w), code);
  const records = { db: ctx.db, tenantId: ctx.tenant.id, writer: { kind: "user" as const, login: w.ownerEmail } };
  const paid = await createRecord({ ctx: records, type: "order", body: orderBody({ orderNumber: "PAID-1", paymentStatus: "paid", orderDate: new Date().toISOString() }) });
  await createRecord({ ctx: records, type: "order", body: orderBody({ orderNumber: "UNPAID-1", paymentStatus: "unpaid", orderDate: new Date().toISOString() }) });

  await login(page, w.ownerEmail);
  await page.goto(`/t/${code}/auto-invoice`);
  await expect(page.getByTestId("master-state")).toHaveText("Off");
  await snapBoth(page, "auto-invoice-empty");

  // New rule: created disabled, straight into its editor.
  await expect(async () => {
    await page.getByTestId("new-rule").click();
    await expect(page.getByRole("dialog", { name: "New invoice rule" })).toBeVisible({ timeout: 1000 });
  }).toPass();
  const dialog = page.getByRole("dialog", { name: "New invoice rule" });
  await dialog.getByLabel("Name").fill("Paid orders");
  await dialog.getByLabel("Number series prefix").fill("");
  await dialog.getByRole("button", { name: "Create rule" }).click();
  // An empty number series is refused at its field.
  await expect(dialog.getByTestId("field-error")).toContainText("prefix");
  await dialog.getByLabel("Number series prefix").fill("E2E-");
  await dialog.getByRole("button", { name: "Create rule" }).click();
  await expect(page).toHaveURL(/\/auto-invoice\/air_/);
  await expect(page.getByTestId("rule-title")).toHaveText("Paid orders");
  await expect(page.getByTestId("rule-enabled")).toHaveText("Disabled");

  // Condition: paymentStatus equals paid.
  await page.getByTestId("add-condition").click();
  await page.getByLabel("Field, condition 1").fill("paymentStatus");
  await page.getByLabel("Operator, condition 1").selectOption("equals");
  await page.getByLabel("Value, condition 1").fill("paid");
  // A contradiction is refused, shown at the condition.
  await page.getByTestId("add-condition").click();
  await page.getByLabel("Field, condition 2").fill("paymentStatus");
  await page.getByLabel("Operator, condition 2").selectOption("equals");
  await page.getByLabel("Value, condition 2").fill("unpaid");
  await page.getByTestId("save-rule").click();
  await expect(page.getByTestId("form-error")).toBeVisible();
  await expect(page.getByTestId("condition-row").nth(1).getByTestId("field-error")).toContainText("Contradicts condition 1");
  await page.getByRole("button", { name: "Remove condition 2" }).click();
  await page.getByTestId("due-days").fill("14");
  await page.getByTestId("save-rule").click();
  await expect(page.getByTestId("form-success")).toHaveText("Rule saved.");
  await expect(page.getByTestId("unsaved")).toHaveCount(0);

  // Preview: the paid order matches, the unpaid one does not; nothing is written.
  await page.getByTestId("run-preview").click();
  const paidRow = page.locator('[data-testid="preview-order"][data-order="PAID-1"]');
  await expect(paidRow).toHaveAttribute("data-outcome", "invoice");
  await expect(page.locator('[data-testid="preview-order"][data-order="UNPAID-1"]')).toHaveAttribute("data-outcome", "noMatch");
  await expect(page.getByTestId("preview-invoice-number")).toContainText("E2E-");
  await expect(page.getByTestId("preview-invoice-total")).toContainText("361.90");
  await expect(page.getByTestId("history-invoices")).toHaveText("0");
  await snapBoth(page, "auto-invoice-editor");

  // Enable the rule: the message says nothing is invoiced while the master switch is off.
  await page.getByTestId("toggle-rule").click();
  await expect(page.getByTestId("rule-enabled")).toHaveText("Enabled");
  await expect(page.getByTestId("form-success")).toContainText("Auto Invoice is switched off");
  // Then the master switch.
  await page.getByRole("link", { name: "Auto Invoice" }).first().click();
  await expect(page.getByTestId("rule-row")).toHaveCount(1);
  await expect(page.getByTestId("rule-row").getByTestId("rule-enabled")).toHaveText("Enabled");
  await expect(page.getByTestId("rule-row").getByTestId("rule-conditions")).toContainText("paymentStatus = paid");
  await expect(page.getByTestId("recheck-form")).toHaveCount(0);
  await page.getByTestId("master-on").click();
  await page.getByTestId("confirm-button").click();
  await expect(page.getByTestId("master-state")).toHaveText("On");

  // Re-check, offered while on: at most the cut-off, then the orders changed in those days are read again.
  const recheck = page.getByTestId("recheck-form");
  const cutoff = Number(await page.getByTestId("cutoff-form").getByLabel("Cut-off (days)").inputValue());
  const recheckDays = recheck.getByLabel("Re-check orders changed in the last (days)");
  await recheckDays.fill(String(cutoff + 1));
  await recheck.getByRole("button", { name: "Re-check" }).click();
  await expect(recheck.getByTestId("field-error")).toContainText(`At most ${cutoff} days`);
  await recheckDays.fill("7");
  await recheck.getByRole("button", { name: "Re-check" }).click();
  // PAID-1 and UNPAID-1, made above.
  await expect(recheck.getByTestId("form-success")).toHaveText(/^2 orders changed since \d{4}-\d{2}-\d{2} are being checked again/);
  await expect(recheck.getByTestId("field-error")).toHaveCount(0);

  // A new paid order after switching on: invoiced too.
  await createRecord({ ctx: records, type: "order", body: orderBody({ orderNumber: "PAID-2", paymentStatus: "paid", orderDate: new Date().toISOString() }) });

  // Both paid orders get their invoice within a bounded wait; the history shows them.
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("rule-stats")).toContainText("2 invoices created", { timeout: 1000 });
  }).toPass({ timeout: INVOICE_TIMEOUT, intervals: [1000] });
  await snapBoth(page, "auto-invoice-section");

  await page.getByTestId("rule-link").click();
  await expect(page.getByTestId("history-invoices")).toHaveText("2");
  const links = page.getByTestId("history-invoice-link");
  await expect(links).toHaveCount(2);
  await expect(links.first()).toContainText("E2E-");

  // Enabled again while the switch is on: the message points to Re-check for orders already passed.
  await page.getByTestId("toggle-rule").click();
  await expect(page.getByTestId("form-success")).toHaveText("Rule disabled.");
  await page.getByTestId("toggle-rule").click();
  await expect(page.getByTestId("rule-enabled")).toHaveText("Enabled");
  await expect(page.getByTestId("form-success")).toContainText("“Re-check” on the Auto Invoice page");
  await snapBoth(page, "auto-invoice-history");

  // The invoice is a record: it opens in Records, for the paid order.
  await links.first().click();
  await expect(page).toHaveURL(/\/records\/invoice\/[0-9a-f]{32}$/);
  await expect(page.locator("h1")).toContainText("E2E-");
  expect(paid.localId).toMatch(/^[0-9a-f]{32}$/);

  // A read-only user sees the rules, their history and the preview, and can change nothing.
  const reader = `readonly-${w.id}@e2e.local`;
  await createTenantUser({ admin: tenantUserAdminForTenant(ctx), input: { name: `Reader ${w.id}`, email: reader, role: "read-only", password: PASSWORD } });
  const context = await browser.newContext();
  const rp = await context.newPage();
  await login(rp, reader);
  await rp.goto(`/t/${code}/auto-invoice`);
  await expect(rp.getByTestId("master-state")).toHaveText("On");
  await expect(rp.getByTestId("rule-row")).toHaveCount(1);
  await expect(rp.getByTestId("new-rule")).toHaveCount(0);
  await expect(rp.getByTestId("master-off")).toHaveCount(0);
  await expect(rp.getByTestId("cutoff-form")).toHaveCount(0);
  await expect(rp.getByTestId("recheck-form")).toHaveCount(0);
  await expect(rp.getByTestId("toggle-rule")).toHaveCount(0);
  await rp.getByTestId("rule-link").click();
  await expect(rp.getByTestId("read-only-note")).toBeVisible();
  await expect(rp.getByTestId("save-rule")).toHaveCount(0);
  await expect(rp.getByTestId("rule-name")).toBeDisabled();
  await expect(rp.getByTestId("history-invoices")).toHaveText("2");
  await rp.getByTestId("run-preview").click();
  await expect(rp.locator('[data-testid="preview-order"][data-order="PAID-1"]')).toHaveAttribute("data-outcome", "alreadyInvoiced");
  await context.close();
});

/** The Swedish company's tax codes for the shop's VAT rates (the QuickBooks simulator's SE profile, mapped as the demo seed does). */
const SE_TAX_CODES = [
  { vatRatePercent: "25", taxCodeId: "2" },
  { vatRatePercent: "12", taxCodeId: "3" },
  { vatRatePercent: "6", taxCodeId: "4" },
  { vatRatePercent: "0", taxCodeId: "5" },
];

const runRows = (page: Page) => page.getByTestId("run-history").locator("tbody tr");

/**
 * Run now on a plug of the open connection page, then wait until the connection's history shows
 * `nth` runs, the newest succeeded. A click before hydration does nothing, so it is repeated until
 * the server action answers (the button stays disabled while that run is queued).
 */
async function runNowAndWait(page: Page, plugKey: string, nth: number) {
  await expect(runRows(page)).toHaveCount(nth - 1);
  await expect(async () => {
    const answered = page.waitForResponse((r) => r.request().method() === "POST" && (r.request().postData() ?? "").includes(`"${plugKey}"`), { timeout: 5000 });
    await page.getByTestId(`run-now-${plugKey}`).click({ timeout: 5000 });
    expect((await answered).ok()).toBe(true);
  }).toPass({ timeout: 30_000 });
  await expect(async () => {
    await page.reload();
    await expect(runRows(page)).toHaveCount(nth, { timeout: 1000 });
    await expect(runRows(page).first().getByTestId("transfer-status")).toHaveAttribute("data-status", "succeeded", { timeout: 1000 });
  }).toPass({ timeout: RUN_TIMEOUT, intervals: [1000] });
  return runRows(page).first();
}

/** Reloads the rule page until its history shows these counts. */
async function waitForHistory(page: Page, counts: { invoices: number; credits: number }) {
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("history-invoices")).toHaveText(String(counts.invoices), { timeout: 1000 });
    await expect(page.getByTestId("history-credits")).toHaveText(String(counts.credits), { timeout: 1000 });
  }).toPass({ timeout: INVOICE_TIMEOUT, intervals: [1000] });
}

test("auto invoice from Shopify to QuickBooks: imported paid orders are invoiced by a rule made in the console and booked in QuickBooks; a cancelled one gets a credit memo", async ({ page }) => {
  test.setTimeout(480_000);
  const shop = await startShopifySimulator({ orders: 0, rateLimit: false });
  const books = await startQuickBooksSimulator({ throttle: false, company: "SE" });
  try {
    const w = await makeWorld();
    const code = w.tenant.codeName;
    const db = await getDb();
    await db.update(tenants).set({ options: ["auto_invoice"] }).where(eq(tenants.id, w.tenant.id));
    const ctx = await authorizeTenant(db, await ownerActor(w), code);

    // The two connections through services, as the demo seed makes them (the connector UI has its own specs).
    const shopConnection = await createConnection({ ctx, input: { connector: "shopify", name: "Fika shop", settings: { shopUrl: shop.url, accessToken: shop.accessToken } } });
    const booksConnection = await createConnection({
      ctx,
      input: {
        connector: "quickbooks",
        name: "Fika books",
        settings: { realmId: books.realmId, clientId: books.clientId, clientSecret: books.clientSecret, refreshToken: books.refreshToken, environment: "sandbox", apiBaseUrl: books.url, tokenUrl: books.tokenUrl },
      },
    });
    // Auto Invoice exports through an enabled invoice export. Hourly: its first scheduled run (at once,
    // nothing to export yet) is its only one here, so every export below is Auto Invoice's own.
    await updatePlug({ ctx, connectionId: booksConnection.connectionId, plugKey: "InvoiceExport", input: { enabled: true, schedule: { kind: "interval", minutes: 60 }, settings: { taxCodes: SE_TAX_CODES } } });

    // Orders placed now, inside the 30-day cut-off: #1001 and #1003 paid, #1002 not yet.
    const place = (financial: ShopifyFinancialStatus) => shop.store.orders.add({ financial, cancelReason: null, closed: false });
    const firstBatch = [place("paid"), place("pending"), place("paid")];
    expect(firstBatch.map((o) => o.name)).toEqual(["#1001", "#1002", "#1003"]);
    const docNumbers = (entity: "Invoice" | "CreditMemo") => books.store.all(entity).map((d) => String(d.DocNumber)).sort();
    const amounts = (values: unknown[]) => values.map((v) => Number(v).toFixed(2)).sort();

    // 1. Import the shop's orders with Run now (the plug stays disabled: no scheduled import interferes).
    await login(page, w.ownerEmail);
    const shopPage = `/t/${code}/connections/${shopConnection.connectionId}`;
    await page.goto(shopPage);
    const firstImport = await runNowAndWait(page, "OrderImport", 1);
    await expect(firstImport.getByTestId("num-succeeded")).toHaveText("3");
    await expect(firstImport.getByTestId("num-failed")).toHaveText("0");

    // 2. A rule in the console: paid orders of this shop, exported to QuickBooks at once, credited on cancel.
    await page.goto(`/t/${code}/auto-invoice`);
    await expect(page.getByTestId("master-state")).toHaveText("Off");
    await expect(async () => {
      await page.getByTestId("new-rule").click();
      await expect(page.getByRole("dialog", { name: "New invoice rule" })).toBeVisible({ timeout: 1000 });
    }).toPass();
    const dialog = page.getByRole("dialog", { name: "New invoice rule" });
    await dialog.getByLabel("Name").fill("Paid Shopify orders");
    await dialog.getByLabel("Number series prefix").fill("SHOP-");
    await dialog.getByRole("button", { name: "Create rule" }).click();
    await expect(page).toHaveURL(/\/auto-invoice\/air_/);
    const rulePage = page.url();
    await expect(page.getByTestId("rule-title")).toHaveText("Paid Shopify orders");
    await page.getByTestId("add-condition").click();
    await page.getByLabel("Field, condition 1").fill("paymentStatus");
    await page.getByLabel("Operator, condition 1").selectOption("equals");
    await page.getByLabel("Value, condition 1").fill("paid");
    // The source connection is picked by name. A value that is no connection's id (typed before the
    // field, as a deleted connection's would be) still shows, as unknown, until another is picked.
    await page.getByTestId("add-condition").click();
    await page.getByLabel("Value, condition 2").fill("con_gone");
    await page.getByLabel("Field, condition 2").fill("source.connectionId");
    await page.getByLabel("Operator, condition 2").selectOption("equals");
    const connectionPick = page.getByLabel("Value, condition 2");
    await expect(connectionPick).toHaveValue("con_gone");
    await expect(connectionPick.locator("option:checked")).toHaveText("Unknown connection con_gone");
    // A list operator picks several, the unknown one among them until it is unticked.
    await page.getByLabel("Operator, condition 2").selectOption("in");
    const connectionPicks = page.getByRole("group", { name: "Value, condition 2" });
    await expect(connectionPicks.getByRole("checkbox", { name: "Unknown connection con_gone" })).toBeChecked();
    await expect(connectionPicks.getByRole("checkbox", { name: "Fika books (QuickBooks Online)" })).not.toBeChecked();
    await connectionPicks.getByRole("checkbox", { name: "Fika shop (Shopify)" }).check();
    await page.evaluate(() => window.scrollTo(0, 0));
    await snapBoth(page, "auto-invoice-connection-picks");
    // Unticked, it is no longer in the value, so no longer offered (as a select drops it once another is picked).
    await connectionPicks.getByRole("checkbox", { name: "Unknown connection con_gone" }).click();
    await expect(connectionPicks.getByRole("checkbox")).toHaveCount(2);
    // Back to one: the connection picked stays.
    await page.getByLabel("Operator, condition 2").selectOption("equals");
    await expect(connectionPick).toHaveValue(shopConnection.connectionId);
    await expect(connectionPick.locator("option:checked")).toHaveText("Fika shop (Shopify)");
    await page.getByTestId("export-connection").selectOption({ label: "Fika books" });
    await page.getByTestId("credit-note").check();
    await page.getByTestId("save-rule").click();
    await expect(page.getByTestId("form-success")).toHaveText("Rule saved.");
    await expect(page.getByTestId("unsaved")).toHaveCount(0);
    await expect(page.getByTestId("export-connection")).toHaveValue(booksConnection.connectionId);
    await expect(page.getByTestId("credit-note")).toBeChecked();
    await expect(page.getByLabel("Value, condition 2")).toHaveValue(shopConnection.connectionId);

    // 3. Preview on the imported orders: the paid ones would be invoiced, from SHOP-00001; nothing is written.
    await page.getByTestId("run-preview").click();
    const previewOf = (orderNumber: string) => page.locator(`[data-testid="preview-order"][data-order="${orderNumber}"]`);
    await expect(previewOf("1001")).toHaveAttribute("data-outcome", "invoice");
    await expect(previewOf("1002")).toHaveAttribute("data-outcome", "noMatch");
    await expect(previewOf("1003")).toHaveAttribute("data-outcome", "invoice");
    await expect(page.getByTestId("preview-count")).toContainText("2 of the last 3 orders");
    // Numbered in the engine's order (oldest change, then localId: one import page shares its time),
    // so which of #1001 and #1003 gets SHOP-00001 is not known here; each order's number is.
    const previewNumber = async (orderNumber: string) => {
      await previewOf(orderNumber).getByTestId("pick-order").click();
      await expect(page.getByTestId("preview-invoice")).toContainText(`for order ${orderNumber}`);
      return page.getByTestId("preview-invoice-number").innerText();
    };
    const previewed = { "1001": await previewNumber("1001"), "1003": await previewNumber("1003") };
    expect(Object.values(previewed).sort()).toEqual(["SHOP-00001", "SHOP-00002"]);
    await expect(page.getByTestId("history-invoices")).toHaveText("0");
    // Back to the top first: sticky bars land mid-page in a full-page screenshot of a scrolled page.
    await page.evaluate(() => window.scrollTo(0, 0));
    await snapBoth(page, "auto-invoice-shopify-editor");

    // 4. Enable the rule and switch Auto Invoice on.
    await page.getByTestId("toggle-rule").click();
    await expect(page.getByTestId("rule-enabled")).toHaveText("Enabled");
    await page.getByRole("link", { name: "Auto Invoice" }).first().click();
    const ruleRow = page.getByTestId("rule-row");
    await expect(ruleRow).toHaveCount(1);
    await expect(ruleRow.getByTestId("rule-conditions")).toContainText("paymentStatus = paid and source.connectionId = Fika shop");
    await expect(ruleRow.getByTestId("rule-actions")).toContainText("exported through Fika books");
    await expect(ruleRow.getByTestId("rule-actions")).toContainText("credit note on cancel or refund");
    expect(books.store.all("Invoice")).toHaveLength(0);
    await page.getByTestId("master-on").click();
    await page.getByTestId("confirm-button").click();
    await expect(page.getByTestId("master-state")).toHaveText("On");

    // The paid orders already imported are invoiced once it is on, and booked in QuickBooks with the same numbers.
    await page.goto(rulePage);
    await waitForHistory(page, { invoices: 2, credits: 0 });
    await expect.poll(() => docNumbers("Invoice"), { timeout: RUN_TIMEOUT }).toEqual(["SHOP-00001", "SHOP-00002"]);
    // Each order got the number its preview showed (the seeded orders' totals differ, so the total finds it).
    const bookedFor = (o: { total_price: unknown }) => books.store.all("Invoice").filter((i) => amounts([i.TotalAmt])[0] === amounts([o.total_price])[0]).map((i) => String(i.DocNumber));
    expect({ "1001": bookedFor(firstBatch[0]), "1003": bookedFor(firstBatch[2]) }).toEqual({ "1001": [previewed["1001"]], "1003": [previewed["1003"]] });

    // 5. More orders at the shop, imported with Run now: the paid one (#1004) is invoiced and booked too.
    const secondBatch = [place("paid"), place("authorized")];
    expect(secondBatch.map((o) => o.name)).toEqual(["#1004", "#1005"]);
    await page.goto(shopPage);
    const secondImport = await runNowAndWait(page, "OrderImport", 2);
    await expect(secondImport.getByTestId("num-failed")).toHaveText("0");
    await page.goto(rulePage);
    await waitForHistory(page, { invoices: 3, credits: 0 });
    await expect.poll(() => docNumbers("Invoice"), { timeout: RUN_TIMEOUT }).toEqual(["SHOP-00001", "SHOP-00002", "SHOP-00003"]);
    const paid = [firstBatch[0], firstBatch[2], secondBatch[0]];
    // One booked invoice per paid order, each for the order's total.
    expect(amounts(books.store.all("Invoice").map((i) => i.TotalAmt))).toEqual(amounts(paid.map((o) => o.total_price)));
    // The history lists the same numbers QuickBooks holds.
    await expect(page.getByTestId("history-invoice-link")).toHaveCount(3);
    expect((await page.getByTestId("history-invoice-link").allInnerTexts()).sort()).toEqual(docNumbers("Invoice"));

    // 6. #1001 is cancelled and refunded at the shop; the next import brings the change and a credit note follows.
    const cancelled = shop.store.orders.update(firstBatch[0].id, (o) => {
      o.financial_status = "refunded";
      o.cancelled_at = new Date().toISOString();
      o.cancel_reason = "customer";
    });
    await page.goto(shopPage);
    const thirdImport = await runNowAndWait(page, "OrderImport", 3);
    await expect(thirdImport.getByTestId("num-failed")).toHaveText("0");
    await page.goto(rulePage);
    await waitForHistory(page, { invoices: 3, credits: 1 });
    const creditRow = page.getByTestId("history-recent").locator("tbody tr").filter({ hasText: "Credit note" });
    await expect(creditRow).toHaveCount(1);
    await expect(creditRow.getByTestId("history-invoice-link")).toHaveText("SHOP-00004");
    await expect.poll(() => docNumbers("CreditMemo"), { timeout: RUN_TIMEOUT }).toEqual(["SHOP-00004"]);
    const [memo] = books.store.all("CreditMemo");
    expect(amounts([memo.TotalAmt])).toEqual(amounts([cancelled.total_price]));
    // Booked to the customer of #1001's invoice (the seeded orders' totals differ, so the total finds it).
    const creditedInvoice = books.store.all("Invoice").filter((i) => amounts([i.TotalAmt])[0] === amounts([cancelled.total_price])[0]);
    expect(creditedInvoice).toHaveLength(1);
    expect(memo.CustomerRef.value).toBe(creditedInvoice[0].CustomerRef.value);
    // The credited invoice is updated in QuickBooks, not booked a second time.
    expect(docNumbers("Invoice")).toEqual(["SHOP-00001", "SHOP-00002", "SHOP-00003"]);
    await snapBoth(page, "auto-invoice-shopify-history");

    // 7. The QuickBooks connection's history: the exports were started by Auto Invoice and succeeded.
    await page.goto(`/t/${code}/connections/${booksConnection.connectionId}`);
    const autoRuns = runRows(page).filter({ hasText: "Auto Invoice" });
    await expect(autoRuns.first()).toBeVisible();
    const autoRunCount = await autoRuns.count();
    // At least one run per batch that created documents (invoices ×2, credit note).
    expect(autoRunCount).toBeGreaterThanOrEqual(3);
    await expect(autoRuns.locator('[data-testid="transfer-status"][data-status="succeeded"]')).toHaveCount(autoRunCount);
    await expect(autoRuns.first()).toContainText("Invoice export");
    await snapBoth(page, "auto-invoice-shopify-quickbooks-runs");
  } finally {
    await Promise.all([shop.stop(), books.stop()]);
  }
});
