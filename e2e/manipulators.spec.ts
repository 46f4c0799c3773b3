import type { Locator, Page } from "@playwright/test";
import { getDb } from "@/db/client";
import { authorizeTenant } from "@/lib/auth/guard";
import { startShopifySimulator } from "@/lib/connectors/shopify/simulator";
import { createApiConnection } from "@/lib/services/connections/create-api-connection";
import { createConnection } from "@/lib/services/connections/create-connection";
import { chainTarget } from "@/lib/services/manipulators/internal";
import { recentRecords } from "@/lib/services/manipulators/recent-records";
import { createRecord } from "@/lib/services/records/create";
import { tenantUserAdminForTenant } from "@/lib/services/tenant-users/access";
import { createTenantUser } from "@/lib/services/tenant-users/create";
import { orderBody } from "@/test/factories";
import { expect, login, makeWorld, ownerActor, PASSWORD, snapBoth, test } from "./fixtures";

// Generous: CI runs two spec files at once next to the embedded smoke server, whose demo imports too.
const RUN_TIMEOUT = 150_000;

const links = (page: Page) => page.getByTestId("chain-link");
const keysInOrder = (page: Page) => links(page).evaluateAll((els) => els.map((e) => e.getAttribute("data-key")));
/** Settings inputs by their label; required ones carry a "*" after it. */
const setting = (link: Locator, label: string) => link.getByTestId("link-settings").getByRole("textbox", { name: new RegExp(`^${label}\\b(?! type)`) });

test("manipulators: build an order import chain, reorder it, preview it on a real order, and import with it", async ({ page }) => {
  test.setTimeout(360_000);
  const sim = await startShopifySimulator({ orders: 5, rateLimit: false });
  try {
    const w = await makeWorld();
    const code = w.tenant.codeName;
    const ctx = await authorizeTenant(await getDb(), await ownerActor(w), code);
    const { connectionId } = await createConnection({ ctx, input: { connector: "shopify", name: "Fika shop", settings: { shopUrl: sim.url, accessToken: sim.accessToken } } });
    // An order this connection imported before the chain existed: the real record the preview offers.
    const writer = { kind: "connection" as const, connection: { id: connectionId, name: "Fika shop", connector: "shopify" } };
    const earlier = await createRecord({ ctx: { db: ctx.db, tenantId: ctx.tenant.id, connectionId, writer }, type: "order", body: orderBody({ orderNumber: "900", remoteId: "900001", paymentMethod: "klarna" }) });

    await login(page, w.ownerEmail);
    await page.goto(`/t/${code}/connections/${connectionId}`);
    await page.getByTestId("manipulators-link").click();
    await expect(page).toHaveURL(new RegExp(`/connections/${connectionId}/manipulators$`));
    const orderChain = page.getByTestId("chain-import-order");
    await expect(orderChain).toContainText("Import · Orders");
    await expect(orderChain.getByTestId("chain-summary")).toHaveText("No manipulators: records pass unchanged.");
    await expect(page.getByTestId("chain-export-product")).toBeVisible();
    await snapBoth(page, "manipulators-index");

    await orderChain.getByTestId("edit-chain").click();
    await expect(page).toHaveURL(/\/manipulators\/import\/order$/);
    await expect(page.getByTestId("empty-chain")).toBeVisible();
    // The recent record list is rendered by the server; the dialog needs the page hydrated, so retry the click.
    await expect(async () => {
      await page.getByTestId("add-manipulator").click();
      await expect(page.getByTestId("library")).toBeVisible({ timeout: 1000 });
    }).toPass();
    await expect(page.getByTestId("library-set-field")).toContainText("Sets a field to a fixed value");
    await expect(page.getByTestId("library-map-values")).toContainText("Translates the values of a field");
    await snapBoth(page, "manipulators-library");
    await page.getByTestId("library-set-field").click();
    await expect(links(page)).toHaveCount(1);
    await expect(page.getByTestId("unsaved")).toBeVisible();

    // A typo in the field path: refused on save, shown at the link's field.
    const setField = links(page).nth(0);
    await setting(setField, "Field").fill("orderStaus");
    await setting(setField, "Value").fill("Shopify order {{orderNumber}}");
    await page.getByTestId("save-chain").click();
    await expect(page.getByTestId("form-error")).toContainText("The links concerned are marked below.");
    await expect(setField.getByTestId("field-error")).toContainText("orderStaus");
    await expect(setField).toHaveAttribute("data-invalid", "true");
    await snapBoth(page, "manipulators-invalid");
    await setting(setField, "Field").fill("note");

    await page.getByTestId("add-manipulator").click();
    await page.getByTestId("library-map-values").click();
    await expect(links(page)).toHaveCount(2);
    const mapValues = links(page).nth(1);
    await setting(mapValues, "Field").fill("paymentMethod");
    const table = mapValues.getByTestId("pairs-table");
    const pairs: [string, string][] = [["klarna", "invoice"], ["shopify_payments", "card"], ["manual", "bank transfer"], ["gift_card", "gift card"]];
    for (const [i, [from, to]] of pairs.entries()) {
      if (i > 0) await table.getByRole("button", { name: "Add row" }).click();
      await table.getByLabel(`From, row ${i + 1}`).fill(from);
      await table.getByLabel(`To, row ${i + 1}`).fill(to);
    }
    await mapValues.getByTestId("add-condition").click();
    await mapValues.getByLabel("Field, condition 1").fill("paymentMethod");
    await mapValues.getByLabel("Operator, condition 1").selectOption("isNotEmpty");

    // Reorder: drag map-values to the top, then the arrows move set-field up and down again.
    expect(await keysInOrder(page)).toEqual(["set-field", "map-values"]);
    // Both cards on screen: a drag that has to scroll the page first is lost.
    await page.setViewportSize({ width: 1280, height: 2000 });
    await links(page).nth(1).getByTestId("drag-handle").dragTo(links(page).nth(0), { targetPosition: { x: 120, y: 40 } });
    await expect.poll(() => keysInOrder(page)).toEqual(["map-values", "set-field"]);
    await links(page).nth(1).getByTestId("move-up").click();
    await expect.poll(() => keysInOrder(page)).toEqual(["set-field", "map-values"]);
    await links(page).nth(0).getByTestId("move-down").click();
    await expect.poll(() => keysInOrder(page)).toEqual(["map-values", "set-field"]);

    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByTestId("save-chain").click();
    await expect(page.getByTestId("form-success")).toHaveText("Saved as version 1.");
    await expect(page.getByTestId("chain-version")).toHaveText("Version 1");
    await expect(page.getByTestId("unsaved")).toHaveCount(0);

    // Discard goes back to the saved chain, its fields included.
    await setting(links(page).nth(1), "Value").fill("something else");
    await expect(page.getByTestId("unsaved")).toBeVisible();
    await page.getByTestId("discard").click();
    await expect(page.getByTestId("unsaved")).toHaveCount(0);
    await expect(setting(links(page).nth(1), "Value")).toHaveValue("Shopify order {{orderNumber}}");
    await expect(links(page).nth(0).getByTestId("pairs-table").getByLabel("To, row 4")).toHaveValue("gift card");

    // Preview on the real order, as edited: an extra disabled link shows as skipped, nothing is saved.
    await page.getByTestId("add-manipulator").click();
    await page.getByTestId("library-ignore").click();
    await links(page).nth(2).getByTestId("link-enabled").uncheck();
    await expect(page.getByTestId("preview-record")).toContainText("900");
    await page.getByTestId("run-preview").click();
    const result = page.getByTestId("preview-result");
    await expect(result.getByTestId("preview-outcome")).toHaveAttribute("data-outcome", "ok");
    const diff = result.getByTestId("preview-diff");
    await expect(diff.locator('[data-path="paymentMethod"] [data-testid="diff-before"]')).toHaveText('"klarna"');
    await expect(diff.locator('[data-path="paymentMethod"] [data-testid="diff-after"]')).toHaveText('"invoice"');
    await expect(diff.locator('[data-path="note"] [data-testid="diff-after"]')).toHaveText('"Shopify order 900"');
    await expect(result.getByTestId("preview-step")).toHaveCount(3);
    await expect(result.getByTestId("preview-step").nth(2)).toContainText("Skipped: disabled");
    await expect(links(page).nth(0).getByTestId("step-badges")).toContainText("Changed");
    await snapBoth(page, "manipulators-preview");
    await links(page).nth(2).getByTestId("remove-link").click();
    await expect(page.getByTestId("unsaved")).toHaveCount(0);

    // The saved chain runs in the order import.
    await page.goto(`/t/${code}/connections/${connectionId}/manipulators`);
    await expect(orderChain.getByTestId("chain-summary")).toHaveText("2 manipulators");
    await expect(orderChain).toContainText("Version 1");
    // The plugs poll their progress once hydrated: only then does Run now respond.
    const hydrated = page.waitForResponse((r) => r.url().includes(`/connections/${connectionId}/progress`));
    await page.goto(`/t/${code}/connections/${connectionId}`);
    await hydrated;
    const queued = page.waitForResponse((r) => r.request().method() === "POST" && (r.request().postData() ?? "").includes('"OrderImport"'));
    await page.getByTestId("run-now-OrderImport").click();
    expect((await queued).ok()).toBe(true);
    const run = page.getByTestId("run-history").locator("tbody tr").filter({ has: page.locator('[data-status="succeeded"]') }).filter({ hasText: "5 ok" });
    await expect(run.first()).toBeVisible({ timeout: RUN_TIMEOUT });

    const imported = (await recentRecords({ ctx, target: chainTarget(connectionId, "import", "order") })).filter((r) => r.localId !== earlier.localId);
    expect(imported).toHaveLength(5);
    for (const { record } of imported) {
      expect(record.note).toBe(`Shopify order ${record.orderNumber}`);
      expect(["invoice", "card", "bank transfer", "gift card"]).toContain(record.paymentMethod);
    }
    await run.first().getByRole("link").first().click();
    await expect(page).toHaveURL(/\/transfers\/[^/]+$/);
    await expect(page.getByText("Version 1", { exact: true })).toBeVisible();
  } finally {
    await sim.stop();
  }
});

test("the built server runs expression and script links: preview over the Tenant API, with the sandbox's limits", async ({ request }) => {
  const w = await makeWorld();
  const ctx = await authorizeTenant(await getDb(), await ownerActor(w), w.tenant.codeName);
  // A native connection to chain on (preview never calls the shop), and the Tenant API's own credentials.
  const { connectionId } = await createConnection({ ctx, input: { connector: "shopify", name: "Shop", settings: { shopUrl: "https://fika.myshopify.com", accessToken: "shpat_x" } } });
  const api = await createApiConnection({ db: ctx.db, actor: ctx.actor, tenantId: ctx.tenant.id, input: { name: "Preview client" } });
  const apiUser = `integration-${w.id}@e2e.local`;
  await createTenantUser({ admin: tenantUserAdminForTenant(ctx), input: { name: "Integration", email: apiUser, role: "admin", password: PASSWORD, apiAccess: true } });
  const headers = { authorization: `Basic ${Buffer.from(`${apiUser}:${PASSWORD}`).toString("base64")}`, "x-tenant": w.tenant.codeName, "x-connectionid": api.connectionId };
  const preview = (chain: unknown[]) =>
    request.post(`/api/connection/${connectionId}/manipulators/import/order/preview`, { headers, data: { record: orderBody({ orderNumber: "1001", paymentMethod: "klarna" }), chain } });
  const link = (key: string, settings: Record<string, unknown>) => ({ key, enabled: true, settings, conditions: [], match: "all" });

  const ok = await preview([
    link("expression", { expression: '{ "note": "Order " & orderNumber }' }),
    link("script", { source: "record.paymentMethod = record.paymentMethod.toUpperCase();" }),
  ]);
  expect(ok.status()).toBe(200);
  const body = await ok.json();
  expect(body.outcome).toBe("ok");
  expect(body.after).toMatchObject({ note: "Order 1001", paymentMethod: "KLARNA" });
  expect(body.steps).toEqual([
    { key: "expression", matched: true, changed: true },
    { key: "script", matched: true, changed: true },
  ]);

  // An endless loop is stopped by the time limit: that record fails, the server answers.
  const loop = await (await preview([link("script", { source: "while (true) {}", timeoutMs: 50 })])).json();
  expect(loop.outcome).toBe("fail");
  expect(loop.message).toBe("Step 1 (script): The script ran longer than its limit of 50 ms and was stopped");
  // The host is out of reach.
  const escape = await (await preview([link("script", { source: "record.note = typeof process + '/' + typeof require + '/' + typeof fetch;" })])).json();
  expect(escape.after.note).toBe("undefined/undefined/undefined");
  // A bad expression is refused with the link and field it concerns.
  const bad = await preview([link("expression", { expression: "{ note: " })]);
  expect(bad.status()).toBe(422);
  expect(JSON.stringify(await bad.json())).toContain("chain.0.settings.expression");
});
