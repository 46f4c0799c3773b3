import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RemoteError } from "../errors";
import { getShop, listOrders, type ShopifyConnection } from "./client";
import { shopifyConnector } from "./index";
import { startShopifySimulator, type ShopifySimulator } from "./simulator";

process.env.CROSSDOCK_ALLOW_LOCAL_REMOTES = "1";

const io = { signal: new AbortController().signal, updateSettings: async () => {} };
let sim: ShopifySimulator;
let conn: ShopifyConnection;

beforeAll(async () => {
  sim = await startShopifySimulator({ orders: 120, rateLimit: false });
  conn = { shopUrl: sim.url, accessToken: sim.accessToken, apiVersion: "2025-01" };
});
afterAll(() => sim.stop());

async function failure(call: () => Promise<unknown>): Promise<RemoteError> {
  const e = await call().then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(RemoteError);
  return e as RemoteError;
}

describe("Shopify client against the simulator", () => {
  it("tests the connection with shop.json through the settings schema", async () => {
    const settings = shopifyConnector.settings.parse({ shopUrl: `${sim.url}/`, accessToken: sim.accessToken });
    expect(settings.apiVersion).toBe("2025-01");
    expect(await shopifyConnector.test(settings, io)).toEqual({ message: "Shop: Fika & Co (fika.example.se)" });
    expect(sim.requests.at(-1)).toMatchObject({ method: "GET", path: "/admin/api/2025-01/shop.json" });
  });

  it("follows page_info cursors across pages: every order once, in updated_at order, filters only on the first request", async () => {
    const seen: string[] = [];
    const stamps: number[] = [];
    let pageInfo: string | null = null;
    for (let pages = 0; pages < 10; pages++) {
      const page = await listOrders(conn, io, pageInfo ? { pageInfo, limit: 50 } : { limit: 50 });
      seen.push(...page.orders.map((o) => String(o.id)));
      stamps.push(...page.orders.map((o) => Date.parse(o.updated_at)));
      pageInfo = page.nextPageInfo;
      if (!pageInfo) break;
    }
    expect(seen).toHaveLength(120);
    expect(new Set(seen).size).toBe(120);
    expect(stamps).toEqual([...stamps].sort((a, b) => a - b));
    const calls = sim.requests.filter((r) => r.path.endsWith("/orders.json")).slice(-3);
    expect(calls[0].query).toMatchObject({ status: "any", order: "updated_at asc", limit: "50" });
    expect(Object.keys(calls[1].query).sort()).toEqual(["limit", "page_info"]);
  });

  it("answers 400 like Shopify when a filter accompanies page_info (a permanent error)", async () => {
    const first = await listOrders(conn, io, { limit: 10 });
    const res = await fetch(`${sim.url}/admin/api/2025-01/orders.json?page_info=${first.nextPageInfo}&status=any`, { headers: { "X-Shopify-Access-Token": sim.accessToken } });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ errors: { status: "status cannot be passed when page_info is present. See https://shopify.dev/api/usage/pagination-rest for more information." } });
  });

  it("turns 429 into a transient RemoteError with Retry-After", async () => {
    sim.failNext(429);
    const e = await failure(() => getShop(conn));
    expect(e).toMatchObject({ kind: "transient", status: 429, retryAfterSeconds: 2 });
    expect(e.message).toContain("Exceeded 2 calls per second");
  });

  it("turns 401 into a permanent RemoteError with Shopify's message", async () => {
    const e = await failure(() => getShop({ ...conn, accessToken: "shpat_wrong" }));
    expect(e).toMatchObject({ kind: "permanent", status: 401 });
    expect(e.message).toContain("Invalid API key or access token");
  });

  it("turns 5xx into transient RemoteErrors", async () => {
    sim.failNext(503, 1, { "Retry-After": "5" });
    expect(await failure(() => getShop(conn))).toMatchObject({ kind: "transient", status: 503, retryAfterSeconds: 5 });
    sim.failNext(500);
    expect(await failure(() => getShop(conn))).toMatchObject({ kind: "transient", status: 500 });
  });

  it("treats an unreachable shop as transient", async () => {
    const other = await startShopifySimulator({ orders: 0 });
    await other.stop();
    expect(await failure(() => getShop({ ...conn, shopUrl: other.url }))).toMatchObject({ kind: "transient" });
  });
});

describe("the simulator's leaky bucket", () => {
  it("answers 429 with Retry-After 2.0 once the bucket is full, with the call-limit header before that", async () => {
    const strict = await startShopifySimulator({ orders: 1, rateLimit: { bucketSize: 3, leakPerSecond: 0.001 } });
    try {
      const call = () => fetch(`${strict.url}/admin/api/2025-01/shop.json`, { headers: { "X-Shopify-Access-Token": strict.accessToken } });
      const ok = [await call(), await call(), await call()];
      expect(ok.map((r) => r.headers.get("x-shopify-shop-api-call-limit"))).toEqual(["1/3", "2/3", "3/3"]);
      const limited = await call();
      expect(limited.status).toBe(429);
      expect(limited.headers.get("retry-after")).toBe("2.0");
      const e = await failure(() => getShop({ shopUrl: strict.url, accessToken: strict.accessToken, apiVersion: "2025-01" }));
      expect(e).toMatchObject({ kind: "transient", status: 429, retryAfterSeconds: 2 });
    } finally {
      await strict.stop();
    }
  });
});
