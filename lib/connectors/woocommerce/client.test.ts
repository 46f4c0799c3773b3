import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RemoteError } from "../errors";
import { WooClient } from "./client";
import { startWooCommerceSimulator, type WooCommerceSimulator } from "./simulator";
import { io, settingsFor } from "./test-support";
import type { WcOrder } from "./wc-types";

process.env.CROSSDOCK_ALLOW_LOCAL_REMOTES = "1";

let sim: WooCommerceSimulator;
const client = () => new WooClient(settingsFor(sim), io);

async function remoteErrorOf(p: Promise<unknown>): Promise<RemoteError> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(RemoteError);
  return e as RemoteError;
}

beforeAll(async () => {
  sim = await startWooCommerceSimulator({ orders: 250 });
});
afterAll(async () => {
  await sim.stop();
});

describe("WooCommerce client against the simulator", () => {
  it("signs with OAuth 1.0a over http and pages with X-WP-Total / X-WP-TotalPages", async () => {
    const ids = new Set<number>();
    for (let page = 1; page <= 3; page++) {
      const res = await client().list<WcOrder>("orders", { per_page: 100, page, orderby: "id", order: "asc" });
      expect(res.total).toBe(250);
      expect(res.totalPages).toBe(3);
      res.items.forEach((o) => ids.add(o.id));
    }
    expect(ids.size).toBe(250);
    const last = sim.requests.at(-1);
    expect(last?.query).toMatchObject({ oauth_signature_method: "HMAC-SHA256", per_page: "100", page: "3" });
    expect(last?.query.oauth_signature).toBeTruthy();
  });

  it("sends WordPress's Link header with the next and previous pages", async () => {
    const res = await fetch(`${sim.url}/wp-json/wc/v3/orders?per_page=100&page=2&consumer_key=${sim.consumerKey}&consumer_secret=${sim.consumerSecret}`);
    expect(res.headers.get("link")).toMatch(/^<http:\/\/127\.0\.0\.1:\d+\/wp-json\/wc\/v3\/orders\?per_page=100&page=1>; rel="prev", <[^>]*page=3>; rel="next"$/);
  });

  it("refuses a wrong secret with WooCommerce's 401 body: a permanent RemoteError", async () => {
    const wrong = new WooClient({ ...settingsFor(sim), consumerSecret: "cs_wrong" }, io);
    const e = await remoteErrorOf(wrong.list("orders", {}));
    expect(e).toMatchObject({ kind: "permanent", status: 401 });
    expect(e.message).toContain("Invalid signature - provided signature does not match.");
  });

  it("refuses an unknown consumer key and a replayed nonce", async () => {
    const unknown = await remoteErrorOf(new WooClient({ ...settingsFor(sim), consumerKey: "ck_other" }, io).list("orders", {}));
    expect(unknown.message).toContain("Consumer key is invalid.");

    await client().get("orders/1000");
    const signed = sim.requests.at(-1)!;
    const replay = await fetch(`${sim.url}${signed.path}?${new URLSearchParams(signed.query)}`);
    expect(replay.status).toBe(401);
    expect(await replay.json()).toMatchObject({ code: "woocommerce_rest_authentication_error", message: "Invalid nonce - nonce has already been used." });
  });

  it("answers 401 without credentials and accepts HTTP Basic", async () => {
    const none = await fetch(`${sim.url}/wp-json/wc/v3/orders`);
    expect(none.status).toBe(401);
    expect((await none.json()).code).toBe("woocommerce_rest_cannot_view");
    const basic = await fetch(`${sim.url}/wp-json/wc/v3/orders/1000`, {
      headers: { Authorization: `Basic ${Buffer.from(`${sim.consumerKey}:${sim.consumerSecret}`).toString("base64")}` },
    });
    expect(basic.status).toBe(200);
  });

  it("turns 429 + Retry-After into a transient RemoteError with retryAfterSeconds", async () => {
    sim.failNext(429, 1, { "Retry-After": "7" });
    const e = await remoteErrorOf(client().list("orders", {}));
    expect(e).toMatchObject({ kind: "transient", status: 429, retryAfterSeconds: 7 });
  });

  it("turns 5xx into a transient RemoteError and 401 into a permanent one", async () => {
    sim.failNext(503);
    expect(await remoteErrorOf(client().get("system_status"))).toMatchObject({ kind: "transient", status: 503 });
    sim.failNext(401);
    expect(await remoteErrorOf(client().get("system_status"))).toMatchObject({ kind: "permanent", status: 401 });
  });

  it("reports WordPress parameter errors as permanent", async () => {
    const e = await remoteErrorOf(client().list("orders", { per_page: 101 }));
    expect(e).toMatchObject({ kind: "permanent", status: 400 });
    expect(e.message).toContain("rest_invalid_param");
  });

  it("is rate limited by a strict host limiter", async () => {
    const strict = await startWooCommerceSimulator({ orders: 5, rateLimit: { perSecond: 1 } });
    try {
      const c = new WooClient(settingsFor(strict), io);
      const outcomes = [];
      for (let i = 0; i < 10; i++) outcomes.push(await c.get("orders/1000").then(() => "ok", (e: RemoteError) => e));
      const limited = outcomes.find((o) => o instanceof RemoteError) as RemoteError;
      expect(limited).toMatchObject({ kind: "transient", status: 429, retryAfterSeconds: 1 });
    } finally {
      await strict.stop();
    }
  });

  it("treats an unreachable store as transient", async () => {
    const gone = await startWooCommerceSimulator({ orders: 1 });
    await gone.stop();
    const e = await remoteErrorOf(new WooClient(settingsFor(gone), io).get("system_status"));
    expect(e.kind).toBe("transient");
  });
});
