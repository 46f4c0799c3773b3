import { ApiClient, basic, nextLink, type CallOptions, type CallResult } from "./api-client";
import { expect, makeResellerApiCredential, makeWorld, PASSWORD, test } from "./fixtures";

/**
 * The contract test: the onboarding flow over real HTTP only (a reseller creates a tenant, an API
 * user and an API connection; the integration writes products and orders, pages them by
 * modifiedAtOrAfter, updates one, reads by remote id, batch-upserts), plus the documented errors.
 * Every request goes through ApiClient.call, which checks each response against /api/openapi.json.
 */

// ── Order bodies with exact totals (integer minor units, rounded half away from zero) ─────────────

const RATES = [25, 12, 6, 0] as const;
const money = (cents: number) => `${cents < 0 ? "-" : ""}${Math.floor(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, "0")}`;
/** round(numerator / 100) for non-negative integers, half away from zero. */
const div100 = (n: number) => Math.floor((n + 50) / 100);

type Product = { sku: string; title: string; priceExclCents: number };

/** A balanced SEK order of 10 item rows over four VAT rates plus a shipping row. */
function orderBody(n: number, products: Product[]) {
  const rows = Array.from({ length: 10 }, (_, i) => {
    const p = products[i] ?? { sku: `ITEM-${i}`, title: `Item ${i}`, priceExclCents: 1999 + 137 * i + 11 * n };
    const quantity = (i % 3) + 1;
    const rate = RATES[(n + i) % RATES.length];
    const exclTotal = quantity * p.priceExclCents;
    const vat = div100(exclTotal * rate);
    return {
      raw: { exclTotal, vat },
      row: {
        sku: p.sku,
        name: p.title,
        quantity: String(quantity),
        pricePerUnitExclVat: money(p.priceExclCents),
        pricePerUnitInclVat: money(div100(p.priceExclCents * (100 + rate))),
        vatRatePercent: String(rate),
        vatAmount: money(vat),
        totalExclVat: money(exclTotal),
        totalInclVat: money(exclTotal + vat),
      },
    };
  });
  const shipping = { excl: 4900, vat: 1225 };
  const excl = rows.reduce((a, r) => a + r.raw.exclTotal, 0) + shipping.excl;
  const vat = rows.reduce((a, r) => a + r.raw.vat, 0) + shipping.vat;
  return {
    remoteId: `O-${n}`,
    remoteRef: `#${1000 + n}`,
    orderNumber: String(1000 + n),
    orderDate: `2026-03-${String(n).padStart(2, "0")}T10:15:00+01:00`,
    orderStatus: "new",
    paymentStatus: "authorized",
    shippingStatus: "unshipped",
    currency: "SEK",
    paymentMethod: "card",
    customer: { customerNumber: `C-${n}`, email: `customer${n}@example.se`, billingAddress: { name: `Kund ${n}`, street: "Storgatan 1", postalCode: "111 22", city: "Stockholm", countryCode: "SE" } },
    rows: rows.map((r) => r.row),
    shippingRows: [{ name: "PostNord", quantity: "1", pricePerUnitExclVat: money(shipping.excl), vatRatePercent: "25", vatAmount: money(shipping.vat) }],
    totals: { totalExclVat: money(excl), totalVat: money(vat), totalInclVat: money(excl + vat) },
  };
}

const MAX_PAGES = 20;

test("API contract: onboarding over the Reseller API, then an integration on the Tenant API, every response as documented", async ({ request }) => {
  test.setTimeout(120_000);
  const api = await ApiClient.load(request);
  const w = await makeWorld();
  const cred = await makeResellerApiCredential(w.reseller);
  const reseller = (o: CallOptions = {}): CallOptions => ({ ...o, headers: { ...cred.headers, ...o.headers } });

  // ── Reseller API: tenant, API user, API connection ───────────────────────────────────────────
  const badReseller = await api.call("createTenant", { headers: { ...cred.headers, authorization: basic(cred.login, "not-the-secret") }, body: { customerReference: `X-${w.id}`, fullName: "Nope AB", email: `nope-${w.id}@e2e.local` } });
  expect(badReseller.status).toBe(401);

  const created = await api.call("createTenant", reseller({ body: { customerReference: `CT-${w.id}`, fullName: `Contract ${w.id} AB`, email: `contract-${w.id}@e2e.local`, template: w.template.name } }));
  expect(created.status, created.text).toBe(201);
  const tenant = created.body as { codeName: string; template: { name: string } | null; options: string[] };
  expect(tenant.template?.name).toBe(w.template.name);
  expect(tenant.options).toContain("api_access");
  const T = tenant.codeName;

  const got = await api.call("getTenant", reseller({ params: { codeName: T } }));
  expect(got.status).toBe(200);
  expect(got.body.codeName).toBe(T);

  const integrationLogin = `integration-${w.id}@e2e.local`;
  const user = await api.call("createTenantUser", reseller({ params: { codeName: T }, body: { login: integrationLogin, password: PASSWORD, name: "Webshop integration", role: "member", api: true } }));
  expect(user.status, user.text).toBe(201);
  expect(user.body).toMatchObject({ login: integrationLogin, role: "member", api: true, active: true });

  const conn = await api.call("createTenantConnection", reseller({ params: { codeName: T }, body: { connector: "api", name: "Webshop" } }));
  expect(conn.status, conn.text).toBe(201);
  expect(conn.body).toMatchObject({ connector: "api", name: "Webshop", active: true });
  const connectionId = conn.body.connectionId as string;

  const loginUrl = await api.call("createLoginUrl", reseller({ params: { codeName: T }, body: { login: integrationLogin } }));
  expect(loginUrl.status, loginUrl.text).toBe(200);
  expect(new URL(loginUrl.body.url).pathname).toBe("/login/token");
  const expiresIn = Date.parse(loginUrl.body.expiresAt) - Date.now();
  expect(expiresIn).toBeGreaterThan(0);
  expect(expiresIn).toBeLessThanOrEqual(10 * 60_000);

  const noSuchTenant = await api.call("getTenant", reseller({ params: { codeName: `no-such-${w.id}` } }));
  expect(noSuchTenant.status).toBe(404);

  // ── Tenant API as the integration ────────────────────────────────────────────────────────────
  const auth = { authorization: basic(integrationLogin, PASSWORD), "x-tenant": T, "x-connectionid": connectionId };
  /** A Tenant API call as the integration; an authenticated answer carries the rate-limit headers. */
  async function tenantCall<B = any>(operationId: string, o: CallOptions = {}): Promise<CallResult<B>> {
    const res = await api.call<B>(operationId, { ...o, headers: { ...auth, ...o.headers } });
    if (res.status !== 400 && res.status !== 401) {
      const limit = res.headers["ratelimit-limit"];
      const remaining = res.headers["ratelimit-remaining"];
      expect.soft(limit, `${operationId} → ${res.status}: RateLimit-Limit`).toMatch(/^\d+$/);
      expect.soft(remaining, `${operationId} → ${res.status}: RateLimit-Remaining`).toMatch(/^\d+$/);
      expect.soft(Number(remaining), `${operationId}: RateLimit-Remaining ≤ RateLimit-Limit`).toBeLessThanOrEqual(Number(limit));
    }
    return res;
  }
  type Rec = { localId: string; remoteId: string | null; lastModified: string; created: string; [k: string]: any };

  /** Every page of listOrder from `modifiedAtOrAfter`, following Link rel="next"; no record twice. */
  async function listAllOrders(modifiedAtOrAfter: string, limit: number) {
    const seen: Rec[] = [];
    let query: Record<string, string | number> = { modifiedAtOrAfter, limit };
    for (let page = 1; ; page++) {
      expect(page, "paging ends within a bounded number of pages").toBeLessThanOrEqual(MAX_PAGES);
      const res = await tenantCall<Rec[]>("listOrder", { query });
      expect(res.status, res.text).toBe(200);
      expect(res.body.length).toBeLessThanOrEqual(limit);
      seen.push(...res.body);
      const next = nextLink(res.headers["link"]);
      if (!next) break;
      expect(next.path).toBe("/api/order");
      query = next.query;
    }
    const ids = seen.map((r) => r.localId);
    expect(new Set(ids).size, `no record repeated across pages: ${ids.join(", ")}`).toBe(ids.length);
    const keys = seen.map((r) => `${r.lastModified} ${r.localId}`);
    expect(keys, "pages come in (lastModified, localId) order").toEqual([...keys].sort());
    return seen;
  }

  const root = await tenantCall("getApiRoot");
  expect(root.status, root.text).toBe(200);
  expect(root.body).toMatchObject({ tenant: T, connectionId });

  const connections = await tenantCall<{ connectionId: string; connector: string }[]>("listConnections");
  expect(connections.status).toBe(200);
  expect(connections.body.map((c) => c.connectionId)).toContain(connectionId);
  expect(connections.body.find((c) => c.connectionId === connectionId)?.connector).toBe("api");

  // Products: three distinct SKUs, every number a string.
  const products: Product[] = [
    { sku: "TENT-2P", title: "Trail tent, 2 person", priceExclCents: 199_600 },
    { sku: "BAG-30L", title: "Day pack 30 l", priceExclCents: 71_920 },
    { sku: "MUG-TI", title: "Titanium mug", priceExclCents: 19_920 },
  ];
  const productIds: string[] = [];
  for (const [i, p] of products.entries()) {
    const res = await tenantCall<Rec>("createProduct", {
      body: { remoteId: `P-${i + 1}`, sku: p.sku, title: p.title, vatRatePercent: "25", priceExclVat: money(p.priceExclCents), priceInclVat: money(div100(p.priceExclCents * 125)), currency: "SEK", stock: String(10 * (i + 1)), active: true },
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ sku: p.sku, remoteId: `P-${i + 1}`, priceExclVat: money(p.priceExclCents) });
    expect(res.headers["location"]).toBe(`/api/product/${res.body.localId}`);
    productIds.push(res.body.localId);
  }
  expect(new Set(productIds).size).toBe(3);

  // Orders: five balanced orders of ten rows each.
  const orders: Rec[] = [];
  for (let n = 1; n <= 5; n++) {
    const res = await tenantCall<Rec>("createOrder", { body: orderBody(n, products) });
    expect(res.status, res.text).toBe(201);
    expect(res.body.remoteId).toBe(`O-${n}`);
    expect(res.body.rows).toHaveLength(10);
    orders.push(res.body);
  }
  const since = orders[0].lastModified;

  // Delta sync: pages of two from the first order's lastModified; each order exactly once.
  const synced = await listAllOrders(since, 2);
  expect(synced.map((r) => r.localId).sort()).toEqual(orders.map((o) => o.localId).sort());
  const previous = synced.reduce((max, r) => (r.lastModified > max ? r.lastModified : max), since);

  // Update one (partial PUT), then read it by remote id.
  const target = orders[1];
  const updated = await tenantCall<Rec>("updateOrder", { params: { localId: target.localId }, body: { orderStatus: "processing" } });
  expect(updated.status, updated.text).toBe(200);
  expect(updated.body).toMatchObject({ localId: target.localId, orderStatus: "processing", paymentStatus: "authorized", orderNumber: target.orderNumber });
  expect(updated.body.rows).toHaveLength(10);

  const byRemote = await tenantCall<Rec>("getOrderByRemoteId", { query: { remoteId: target.remoteId! } });
  expect(byRemote.status, byRemote.text).toBe(200);
  expect(byRemote.body.localId).toBe(target.localId);
  expect(byRemote.body.orderStatus).toBe("processing");
  expect(Date.parse(byRemote.body.lastModified)).toBeGreaterThan(Date.parse(target.lastModified));
  expect(Date.parse(byRemote.body.lastModified)).toBeGreaterThan(Date.parse(previous));
  expect(byRemote.body.created).toBe(target.created);

  const byId = await tenantCall<Rec>("getOrder", { params: { localId: target.localId } });
  expect(byId.status).toBe(200);
  expect(byId.body).toEqual(byRemote.body);

  // Delta sync from the previous high-water mark: the updated order, with its new lastModified.
  const delta = await listAllOrders(previous, 2);
  const again = delta.filter((r) => r.localId === target.localId);
  expect(again).toHaveLength(1);
  expect(again[0].lastModified).toBe(byRemote.body.lastModified);
  for (const r of delta) expect(Date.parse(r.lastModified)).toBeGreaterThanOrEqual(Date.parse(previous));
  const untouchedBefore = orders.filter((o) => o.localId !== target.localId && o.lastModified < previous).map((o) => o.localId);
  expect(delta.map((r) => r.localId).filter((id) => untouchedBefore.includes(id))).toEqual([]);

  // Batch upsert: one item has a JSON number for a price; the others go through.
  const good6 = orderBody(6, products);
  const bad7 = orderBody(7, products);
  (bad7.rows[0] as Record<string, unknown>).pricePerUnitExclVat = 1996;
  const good8 = orderBody(8, products);
  const batch = await tenantCall<{ index: number; status: string; localId?: string; problem?: { status: number; errors?: { path: string; message: string }[] } }[]>("batchUpsertOrder", {
    body: [good6, bad7, good8],
  });
  expect(batch.status, batch.text).toBe(200);
  expect(batch.body.map((r) => [r.index, r.status])).toEqual([
    [0, "created"],
    [1, "error"],
    [2, "created"],
  ]);
  expect(batch.body[1].problem?.status).toBe(422);
  expect(batch.body[1].problem?.errors?.map((e) => e.path)).toContain("rows.0.pricePerUnitExclVat");
  for (const [remoteId, status] of [["O-6", 200], ["O-7", 404], ["O-8", 200]] as const) {
    const res = await tenantCall<Rec>("getOrderByRemoteId", { query: { remoteId } });
    expect(res.status, `${remoteId}: ${res.text}`).toBe(status);
  }

  // ── Documented errors ────────────────────────────────────────────────────────────────────────
  const wrongPassword = await tenantCall("getApiRoot", { headers: { authorization: basic(integrationLogin, "wrong-password-123") } });
  expect(wrongPassword.status).toBe(401);
  expect(wrongPassword.headers["www-authenticate"]).toMatch(/^Basic /);

  const noTenant = await api.call("getApiRoot", { headers: { authorization: auth.authorization, "x-connectionid": connectionId } });
  expect(noTenant.status).toBe(400);
  expect(noTenant.body.errors?.map((e: { path: string }) => e.path)).toContain("X-Tenant");

  const missing = await tenantCall("getOrder", { params: { localId: "0".repeat(32) } });
  expect(missing.status).toBe(404);

  const duplicateSku = await tenantCall("createProduct", { body: { remoteId: "P-dup", sku: products[0].sku, title: "Duplicate", vatRatePercent: "25" } });
  expect(duplicateSku.status, duplicateSku.text).toBe(409);
  expect(duplicateSku.body.errors?.map((e: { path: string }) => e.path)).toContain("sku");

  const unbalanced = orderBody(9, products);
  unbalanced.totals.totalInclVat = money(Math.round(Number(unbalanced.totals.totalInclVat) * 100) + 1);
  const unbalancedRes = await tenantCall("createOrder", { body: unbalanced });
  expect(unbalancedRes.status, unbalancedRes.text).toBe(422);
  expect(unbalancedRes.body.errors?.map((e: { path: string }) => e.path)).toContain("totals.totalInclVat");
  expect((await tenantCall("getOrderByRemoteId", { query: { remoteId: "O-9" } })).status, "a rejected order is not stored").toBe(404);

  // Idempotency-Key: same key + same body replays; same key + another body is refused.
  const key = `contract-${w.id}`;
  const body10 = orderBody(10, products);
  const first = await tenantCall<Rec>("createOrder", { headers: { "idempotency-key": key }, body: body10 });
  expect(first.status, first.text).toBe(201);
  expect(first.headers["idempotent-replayed"]).toBeUndefined();
  const replay = await tenantCall<Rec>("createOrder", { headers: { "idempotency-key": key }, body: body10 });
  expect(replay.status).toBe(first.status);
  expect(replay.text).toBe(first.text);
  expect(replay.headers["idempotent-replayed"]).toBe("true");
  expect(replay.headers["location"]).toBe(first.headers["location"]);
  const reused = await tenantCall("createOrder", { headers: { "idempotency-key": key }, body: { ...body10, orderNumber: "other" } });
  expect(reused.status, reused.text).toBe(422);
  expect(reused.body.errors?.map((e: { path: string }) => e.path)).toContain("Idempotency-Key");
  const tenOrders = await listAllOrders(since, 1000);
  expect(tenOrders.filter((r) => r.remoteId === "O-10"), "the replay created nothing").toHaveLength(1);

  // The tenant's connections once more, now that records exist.
  const finalConnections = await tenantCall("listConnections");
  expect(finalConnections.status).toBe(200);
});
