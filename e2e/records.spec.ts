import type { Page } from "@playwright/test";
import { getDb } from "@/db/client";
import { createApiConnection } from "@/lib/services/connections/create-api-connection";
import type { RecordCtx } from "@/lib/services/records/context";
import { createRecord } from "@/lib/services/records/create";
import { updateRecord } from "@/lib/services/records/update";
import { expect, login, makeWorld, ownerActor, snapBoth, test } from "./fixtures";

type World = Awaited<ReturnType<typeof makeWorld>>;



/** An API connection of the world's tenant and the record scope it writes with. */
async function apiConnection(w: World, name: string): Promise<{ id: string; ctx: RecordCtx }> {
  const db = await getDb();
  const conn = await createApiConnection({ db, actor: await ownerActor(w), tenantId: w.tenant.id, input: { name } });
  return {
    id: conn.connectionId,
    ctx: { db, tenantId: w.tenant.id, writer: { kind: "connection", connection: { id: conn.connectionId, name: conn.name, connector: "api" } }, connectionId: conn.connectionId },
  };
}

/** A balanced SEK order: two of one shirt at 100.00 + 25 % VAT. */
function order(orderNumber: string, extra: Record<string, unknown> = {}) {
  return {
    orderNumber,
    orderDate: "2026-03-02T10:15:00Z",
    orderStatus: "new",
    paymentStatus: "unpaid",
    shippingStatus: "unshipped",
    currency: "SEK",
    customer: { customerNumber: `C-${orderNumber}`, email: "asa@example.se", billingAddress: { name: `Åsa ${orderNumber}`, city: "Stockholm", countryCode: "SE" } },
    rows: [
      { sku: "SHIRT-M", name: "T-shirt, medium", quantity: "2", pricePerUnitExclVat: "100.00", vatRatePercent: "25", vatAmount: "50.00", pricePerUnitInclVat: "125.00" },
    ],
    totals: { totalExclVat: "200.00", totalVat: "50.00", totalInclVat: "250.00" },
    paymentMethod: "card",
    ...extra,
  };
}

const rows = (page: Page) => page.getByTestId("records-table").locator("tbody tr");

test("records: counts per type, list, search, filters, and a detail page with rows, remote ids and history", async ({ page }) => {
  const [a, b] = await Promise.all([makeWorld(), makeWorld()]);
  const A = a.tenant.codeName;
  const shop = await apiConnection(a, "Webshop SE");
  const erp = await apiConnection(a, "Visma ERP");

  const o1 = await createRecord({ ctx: shop.ctx, type: "order", body: { ...order("1001"), remoteId: "WS-1001", remoteRef: "#1001", source: { code: "webshop-se" }, customData: { "x-shop|channel": "mobile" } } });
  await createRecord({ ctx: shop.ctx, type: "order", body: { ...order("1002", { orderStatus: "completed", paymentStatus: "paid", shippingStatus: "delivered" }), remoteId: "WS-1002" } });
  await createRecord({ ctx: shop.ctx, type: "order", body: { ...order("1003"), remoteId: "WS-1003" } });
  await createRecord({ ctx: erp.ctx, type: "order", body: { ...order("1004", { orderStatus: "cancelled" }), remoteId: "ERP-77" } });
  await updateRecord({ ctx: shop.ctx, type: "order", localId: String(o1.localId), body: { orderStatus: "processing", paymentStatus: "paid" } });
  await createRecord({ ctx: shop.ctx, type: "product", body: { sku: "SHIRT-M", title: "T-shirt, medium", vatRatePercent: "25", priceInclVat: "125.00", currency: "SEK", stock: "12", remoteId: "P-1" } });
  await createRecord({ ctx: shop.ctx, type: "customer", body: { customerNumber: "C-42", name: "Åsa Öberg", email: "asa@example.se", remoteId: "CU-42" } });

  // Another tenant's order, to be looked up under A's address.
  const bShop = await apiConnection(b, "B shop");
  const foreign = await createRecord({ ctx: bShop.ctx, type: "order", body: { ...order("9001"), remoteId: "B-9001" } });

  await login(page, a.ownerEmail);
  await page.getByRole("link", { name: "Records", exact: true }).first().click();
  await expect(page).toHaveURL(new RegExp(`/t/${A}/records$`));
  await expect(page.getByTestId("record-type-order").getByTestId("record-count")).toHaveText("4");
  await expect(page.getByTestId("record-type-product").getByTestId("record-count")).toHaveText("1");
  await expect(page.getByTestId("record-type-customer").getByTestId("record-count")).toHaveText("1");
  await expect(page.getByTestId("record-type-invoice").getByTestId("record-count")).toHaveText("0");
  await expect(page.getByTestId("record-type-attributeValue")).toContainText("Attribute values");
  await snapBoth(page, "records-index");

  // The order list: newest change first (1001 was updated last).
  await page.getByTestId("record-type-order").click();
  await expect(page).toHaveURL(new RegExp(`/t/${A}/records/order$`));
  await expect(rows(page)).toHaveCount(4);
  await expect(rows(page).first()).toContainText("1001");
  await expect(rows(page).first()).toContainText("250.00 SEK");
  await expect(rows(page).first()).toContainText("Åsa 1001");
  await expect(rows(page).first()).toContainText("Processing");
  await expect(page.getByTestId("record-pager")).toHaveCount(0);
  await snapBoth(page, "records-list");

  const filters = page.getByTestId("record-filters");
  // Search by order number.
  await filters.getByLabel("Search").fill("1002");
  await filters.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/[?&]q=1002/);
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText("1002");

  // …by the id the order has in a connected system (any case), and by a reference.
  await filters.getByLabel("Search").fill("ws-1003");
  await filters.getByRole("button", { name: "Search" }).click();
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText("1003");
  await filters.getByLabel("Search").fill("#1001");
  await filters.getByRole("button", { name: "Search" }).click();
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText("1001");

  // Pattern characters are taken literally.
  await filters.getByLabel("Search").fill("10_2");
  await filters.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText("No orders match")).toBeVisible();

  // Filter by status: the select offers the statuses present.
  await filters.getByLabel("Search").fill("");
  await expect(filters.getByLabel("Status").locator("option")).toHaveText(["Any status", "Cancelled", "Completed", "New", "Processing"]);
  await filters.getByLabel("Status").selectOption("completed");
  await filters.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/[?&]status=completed/);
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText("1002");
  await snapBoth(page, "records-list-filtered");

  // Filter by source connection; the URL is shareable.
  await page.goto(`/t/${A}/records/order?connection=${erp.id}`);
  await expect(page.getByTestId("record-filters").getByLabel("Source")).toHaveValue(erp.id);
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText("1004");

  // Modified range: nothing was modified in 2020, everything today.
  const today = new Date().toISOString().slice(0, 10);
  await page.goto(`/t/${A}/records/order?to=2020-12-31`);
  await expect(page.getByText("No orders match")).toBeVisible();
  await page.goto(`/t/${A}/records/order?from=${today}&to=${today}`);
  await expect(rows(page)).toHaveCount(4);
  await page.goto(`/t/${A}/records/order?from=2026-02-01&to=2026-01-01`);
  await expect(page.getByTestId("search-error")).toHaveText("The end date is before the start date.");

  // Detail: rows with exact amounts, the remote id per connection, source and the update in the history.
  await page.goto(`/t/${A}/records/order`);
  await rows(page).filter({ hasText: "1001" }).getByTestId("record-link").click();
  await expect(page).toHaveURL(new RegExp(`/t/${A}/records/order/${o1.localId}$`));
  await expect(page.getByTestId("record-title")).toHaveText("Order 1001");
  await expect(page.getByTestId("record-status")).toHaveText(["Processing", "Paid", "Unshipped"]);
  const itemRows = page.getByTestId("record-rows").locator("tbody tr");
  await expect(itemRows).toHaveCount(1);
  for (const v of ["SHIRT-M", "T-shirt, medium", "2", "100.00", "25", "50.00", "125.00"]) await expect(itemRows.first()).toContainText(v);
  await expect(page.getByTestId("record-totals")).toContainText("250.00 SEK");
  await expect(page.getByTestId("record-fields")).toContainText("card");
  const remote = page.getByTestId("remote-id");
  await expect(remote).toHaveCount(1);
  await expect(remote.first()).toContainText("Webshop SE");
  await expect(remote.first()).toContainText("WS-1001");
  await expect(remote.first()).toContainText("#1001");
  await expect(page.getByTestId("record-origin")).toContainText("Webshop SE");
  await expect(page.getByTestId("record-origin")).toContainText("webshop-se");
  await expect(page.getByTestId("record-custom-data")).toContainText("x-shop");
  await expect(page.getByTestId("record-custom-data")).toContainText("mobile");
  const history = page.getByTestId("history-entry");
  await expect(history).toHaveCount(2);
  await expect(history.first()).toContainText("Updated");
  await expect(history.first()).toContainText("Webshop SE");
  const statusChange = history.first().getByTestId("history-change").filter({ hasText: "Order status" });
  await expect(statusChange).toContainText("new");
  await expect(statusChange).toContainText("processing");
  await expect(history.first().getByTestId("history-change").filter({ hasText: "Payment status" })).toContainText("paid");
  await expect(history.last()).toContainText("Created");
  await snapBoth(page, "records-detail");

  // Product and customer lists show their own columns.
  await page.goto(`/t/${A}/records/product`);
  await expect(rows(page).first()).toContainText("SHIRT-M");
  await expect(rows(page).first()).toContainText("125.00 SEK");
  await expect(rows(page).first()).toContainText("12");
  await page.goto(`/t/${A}/records/customer`);
  await expect(rows(page).first()).toContainText("C-42");
  await expect(rows(page).first()).toContainText("Åsa Öberg");

  // Another tenant's record, a missing one and an unknown type all answer the same real 404.
  const missing = await page.goto(`/t/${A}/records/order/${"0".repeat(32)}`);
  await expect(page.getByTestId("not-found")).toBeVisible();
  expect(missing?.status()).toBe(404);
  const missingText = await page.locator("body").innerText();
  for (const path of [`/t/${A}/records/order/${foreign.localId}`, `/t/${A}/records/widget`, `/t/${A}/records/logEvent`, `/t/${A}/records/product/${o1.localId}`, `/t/${A}/records/order/not-a-local-id`]) {
    const res = await page.goto(path);
    await expect(page.getByTestId("not-found"), path).toBeVisible();
    expect(await page.locator("body").innerText(), path).toBe(missingText);
    expect(res?.status(), path).toBe(missing?.status());
  }
  await expect(page.locator("body")).not.toContainText("9001");
  const otherTenant = await page.goto(`/t/${b.tenant.codeName}/records/order/${foreign.localId}`);
  await expect(page.getByTestId("not-found")).toBeVisible();
  expect(otherTenant?.status()).toBe(404);
  // …and B's order is not in A's search either.
  await page.goto(`/t/${A}/records/order?q=9001`);
  await expect(page.getByText("No orders match")).toBeVisible();
});

test("records: empty states, and Newer/Older paging 50 at a time", async ({ page }) => {
  const w = await makeWorld();
  const code = w.tenant.codeName;
  await login(page, w.ownerEmail);
  await page.goto(`/t/${code}/records`);
  await expect(page.getByTestId("record-type-order").getByTestId("record-count")).toHaveText("0");
  await expect(page.getByText("No records yet")).toBeVisible();
  await page.goto(`/t/${code}/records/order`);
  await expect(page.getByText("No orders yet")).toBeVisible();
  await expect(page.getByText(/arrive from your connections/)).toBeVisible();
  await snapBoth(page, "records-list-empty");

  const api = await apiConnection(w, "Bulk import");
  for (let i = 1; i <= 55; i++) {
    const n = String(i).padStart(3, "0");
    await createRecord({ ctx: api.ctx, type: "customer", body: { customerNumber: `K-${n}`, name: `Customer ${n}`, remoteId: `k${n}` } });
  }
  await page.goto(`/t/${code}/records/customer`);
  await expect(rows(page)).toHaveCount(50);
  await expect(rows(page).first()).toContainText("K-055");
  await expect(rows(page).last()).toContainText("K-006");
  const pager = page.getByTestId("record-pager");
  await expect(pager.getByRole("link", { name: /Newer/ })).toHaveCount(0);
  await pager.getByRole("link", { name: /Older/ }).click();
  await expect(rows(page)).toHaveCount(5);
  await expect(rows(page).first()).toContainText("K-005");
  await expect(rows(page).last()).toContainText("K-001");
  await expect(pager.getByRole("link", { name: /Older/ })).toHaveCount(0);
  await pager.getByRole("link", { name: /Newer/ }).click();
  await expect(rows(page)).toHaveCount(50);
  await expect(rows(page).first()).toContainText("K-055");
  await expect(rows(page).last()).toContainText("K-006");
  await expect(pager.getByRole("link", { name: /Newer/ })).toHaveCount(0);

  // Paging keeps the search.
  await page.goto(`/t/${code}/records/customer?q=customer`);
  await expect(rows(page)).toHaveCount(50);
  await pager.getByRole("link", { name: /Older/ }).click();
  await expect(page).toHaveURL(/[?&]q=customer/);
  await expect(rows(page)).toHaveCount(5);

  // A tampered cursor is a clear message, not an error page.
  await page.goto(`/t/${code}/records/customer?cursor=not-a-cursor`);
  await expect(page.getByTestId("search-error")).toContainText("no longer valid");
});
