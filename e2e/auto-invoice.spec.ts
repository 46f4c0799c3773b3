import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { tenants } from "@/db/schema";
import { authorizeTenant } from "@/lib/auth/guard";
import { createRecord } from "@/lib/services/records/create";
import { tenantUserAdminForTenant } from "@/lib/services/tenant-users/access";
import { createTenantUser } from "@/lib/services/tenant-users/create";
import { orderBody } from "@/test/factories";
import { expect, login, makeWorld, ownerActor, PASSWORD, snapBoth, test } from "./fixtures";

// The queue worker picks the job up within a second or two; generous for CI running specs side by side.
const INVOICE_TIMEOUT = 60_000;

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

  // Enable the rule and the master switch.
  await page.getByTestId("toggle-rule").click();
  await expect(page.getByTestId("rule-enabled")).toHaveText("Enabled");
  await page.getByRole("link", { name: "Auto Invoice" }).first().click();
  await expect(page.getByTestId("rule-row")).toHaveCount(1);
  await expect(page.getByTestId("rule-row").getByTestId("rule-enabled")).toHaveText("Enabled");
  await expect(page.getByTestId("rule-row").getByTestId("rule-conditions")).toContainText("paymentStatus = paid");
  await page.getByTestId("master-on").click();
  await page.getByTestId("confirm-button").click();
  await expect(page.getByTestId("master-state")).toHaveText("On");

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
