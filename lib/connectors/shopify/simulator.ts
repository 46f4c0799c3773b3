/**
 * A local Shopify Admin REST API (2025-01) for tests and the demo: the endpoints the connector uses,
 * with Shopify's paths, X-Shopify-Access-Token auth and 401 body, cursor pagination (page_info +
 * Link header, 400 when other filters accompany page_info), the leaky-bucket rate limit with
 * X-Shopify-Shop-Api-Call-Limit and 429 + Retry-After, and Shopify's error bodies.
 *
 * Webhooks: subscriptions through webhooks.json; every order change is POSTed as JSON to the
 * subscribed addresses with Shopify's headers and X-Shopify-Hmac-Sha256 (base64 HMAC-SHA256 of the
 * body with the app's API secret key). One delivery attempt (Shopify retries for 48 hours).
 *
 * Simplifications: orders are always sorted by updated_at ascending (the only order the connector
 * asks for; other `order` values get a 400 naming the simulator); timestamps use a fixed +01:00.
 */
import { createHmac, randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { prng } from "../simulator-random";
import { decodeToken, linkHeader, slice, type Window } from "./simulator-paging";
import { Catalog, LOCATIONS, OrderTimeline, UnprocessableError, type ProductInput } from "./simulator-store";
import type { ShopifyOrder } from "./shopify-types";

export type ShopifySimulatorOptions = {
  /** 0 (default) = any free port. */
  port?: number;
  /** Seeded orders (default 100), generated lazily: 100,000 cost nothing up front. */
  orders?: number;
  /** Seed of the generated data (default 1). */
  seed?: number;
  accessToken?: string;
  /** The custom app's API secret key: signs webhooks. */
  apiSecretKey?: string;
  shopName?: string;
  /** Every Nth order's total_price disagrees with its lines by 100.00, as a faulty app can leave it. */
  badOrderEvery?: number;
  /** Keeps adding an order and changing another one every `everyMs` (the embedded demo). */
  live?: { everyMs: number };
  /** Shopify's standard leaky bucket is 40 calls, leaking 2 per second; false turns it off (benchmarks). */
  rateLimit?: { bucketSize: number; leakPerSecond: number } | false;
};

export type WebhookDelivery = { topic: string; address: string; orderId: number; status: number | "error" };

export type LoggedRequest = { method: string; path: string; query: Record<string, string> };

export const INVALID_TOKEN_BODY = { errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" };
export const THROTTLED_BODY = { errors: "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service." };
const NOT_FOUND = { errors: "Not Found" };
const REQUEST_LOG_LIMIT = 10_000;
const MAX_LIMIT = 250;
const DEFAULT_LIMIT = 50;
const PATH = /^\/admin\/api\/(\d{4}-\d{2}|unstable)\/(.+)\.json$/;

class HttpAnswer extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(`HTTP ${status}`);
  }
}

type Req = { method: string; resource: string; query: URLSearchParams; body: unknown; origin: string; version: string };
type Answer = { status?: number; body: unknown; headers?: Record<string, string> };

export async function startShopifySimulator(options: ShopifySimulatorOptions = {}) {
  const accessToken = options.accessToken ?? "shpat_simulator_0123456789abcdef";
  const apiSecretKey = options.apiSecretKey ?? "shpss_simulator_0123456789abcdef";
  const shopDomain = "crossdock-demo.myshopify.com";
  const orders = new OrderTimeline(options.seed ?? 1, options.orders ?? 100, options.badOrderEvery);
  const catalog = new Catalog();
  const requests: LoggedRequest[] = [];
  const injected: { status: number; headers: Record<string, string> }[] = [];
  const webhooks = new Webhooks(shopDomain, apiSecretKey);
  orders.onSave = (topic, order) => webhooks.deliver(topic, order);
  const bucket = leakyBucket(options.rateLimit === undefined ? { bucketSize: 40, leakPerSecond: 2 } : options.rateLimit);

  const routes: [string, RegExp, (req: Req, m: RegExpMatchArray) => Answer][] = [
    ["GET", /^shop$/, () => ({ body: { shop: shopJson(options.shopName ?? "Fika & Co", shopDomain) } })],
    ["GET", /^orders$/, (req) => listOrders(orders, req)],
    ["GET", /^orders\/(\d+)$/, (req, m) => found("order", pickFields(orderById(orders, m[1]), req.query.get("fields")))],
    ["GET", /^products$/, (req) => listProducts(catalog, req)],
    ["POST", /^products$/, (req) => ({ status: 201, body: { product: catalog.create(rootObject<ProductInput>(req.body, "product")) } })],
    ["GET", /^products\/(\d+)$/, (req, m) => found("product", pickFields(catalog.product(m[1]), req.query.get("fields")))],
    ["PUT", /^products\/(\d+)$/, (req, m) => found("product", catalog.update(m[1], rootObject<ProductInput>(req.body, "product")))],
    ["GET", /^variants\/(\d+)$/, (_req, m) => found("variant", catalog.variant(m[1]))],
    ["PUT", /^variants\/(\d+)$/, (req, m) => found("variant", catalog.updateVariant(m[1], rootObject(req.body, "variant")))],
    ["GET", /^webhooks$/, (req) => ({ body: { webhooks: webhooks.list(req.query) } })],
    ["POST", /^webhooks$/, (req) => ({ status: 201, body: { webhook: webhooks.create(rootObject(req.body, "webhook"), req.version) } })],
    ["DELETE", /^webhooks\/(\d+)$/, (_req, m) => ({ body: webhooks.remove(m[1]) })],
    ["GET", /^locations$/, () => ({ body: { locations: LOCATIONS } })],
    ["GET", /^inventory_levels$/, (req) => ({ body: { inventory_levels: listLevels(catalog, req.query) } })],
    ["POST", /^inventory_levels\/set$/, (req) => ({ body: { inventory_level: setLevel(catalog, req.body) } })],
  ];

  function route(req: Req): Answer {
    for (const [method, pattern, handler] of routes) {
      const m = req.resource.match(pattern);
      if (m && method === req.method) return handler(req, m);
    }
    throw new HttpAnswer(404, NOT_FOUND);
  }

  /** Checks in Shopify's order: injected faults, auth, the rate limit, then the endpoint. */
  function answer(req: Req, token: string | undefined): Answer & { callLimit?: string } {
    const fault = injected.shift();
    if (fault) throw new HttpAnswer(fault.status, faultBody(fault.status), fault.status === 429 ? { "Retry-After": "2.0", ...fault.headers } : fault.headers);
    if (token !== accessToken) throw new HttpAnswer(401, INVALID_TOKEN_BODY);
    const callLimit = bucket.take();
    if (callLimit === undefined) throw new HttpAnswer(429, THROTTLED_BODY, { "Retry-After": "2.0" });
    return { ...route(req), callLimit };
  }

  const server = http.createServer((request, response) => {
    readBody(request)
      .then((raw) => {
        const url = new URL(request.url ?? "/", "http://simulator");
        requests.push({ method: request.method ?? "GET", path: url.pathname, query: Object.fromEntries(url.searchParams) });
        if (requests.length > REQUEST_LOG_LIMIT) requests.shift();
        const m = url.pathname.match(PATH);
        if (!m) throw new HttpAnswer(404, NOT_FOUND);
        const req: Req = { method: request.method ?? "GET", resource: m[2], query: url.searchParams, body: parseJson(raw), origin: `http://${request.headers.host}`, version: m[1] };
        const token = request.headers["x-shopify-access-token"];
        const a = answer(req, Array.isArray(token) ? token[0] : token);
        send(response, a.status ?? 200, a.body, { ...a.headers, "X-Shopify-API-Version": m[1], ...(a.callLimit ? { "X-Shopify-Shop-Api-Call-Limit": a.callLimit } : {}) });
      })
      .catch((e) => {
        if (e instanceof HttpAnswer) return send(response, e.status, e.body, e.headers);
        if (e instanceof UnprocessableError) return send(response, 422, { errors: e.errors });
        send(response, 500, { errors: "Internal Server Error" });
      });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const timer = options.live ? startLive(orders, options.live.everyMs, options.seed ?? 1) : undefined;

  return {
    url: `http://127.0.0.1:${port}`,
    accessToken,
    apiVersion: "2025-01",
    shopDomain,
    store: {
      orders,
      catalog,
      locations: LOCATIONS,
    },
    requests,
    apiSecretKey,
    /** Webhook subscriptions and every delivery attempt (newest last). */
    webhooks,
    /** The next `times` requests answer `status` (before auth and rate limiting) with Shopify's body for it. */
    failNext(status: number, times = 1, headers: Record<string, string> = {}) {
      for (let i = 0; i < times; i++) injected.push({ status, headers });
    },
    async stop() {
      if (timer) clearInterval(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type ShopifySimulator = Awaited<ReturnType<typeof startShopifySimulator>>;

// ---------- webhooks ----------

type Subscription = { id: number; address: string; topic: string; format: "json"; api_version: string; created_at: string; updated_at: string; fields: string[] };
const WEBHOOK_TOPICS = new Set(["orders/create", "orders/updated"]);

class Webhooks {
  readonly subscriptions: Subscription[] = [];
  readonly deliveries: WebhookDelivery[] = [];
  private nextId = 1_100_000_001;

  constructor(
    private readonly shopDomain: string,
    private readonly secret: string,
  ) {}

  list(q: URLSearchParams): Subscription[] {
    return this.subscriptions.filter((w) => (!q.get("address") || w.address === q.get("address")) && (!q.get("topic") || w.topic === q.get("topic")));
  }

  create(input: Record<string, unknown>, version: string): Subscription {
    const { topic, address } = input as { topic?: unknown; address?: unknown };
    if (typeof topic !== "string" || !WEBHOOK_TOPICS.has(topic)) throw new UnprocessableError({ topic: ["Invalid topic specified. The simulator knows orders/create and orders/updated."] });
    if (typeof address !== "string" || !/^https?:\/\//.test(address)) throw new UnprocessableError({ address: ["is invalid"] });
    if (this.subscriptions.some((w) => w.topic === topic && w.address === address)) throw new UnprocessableError({ address: ["for this topic has already been taken"] });
    const now = new Date().toISOString();
    const w: Subscription = { id: this.nextId++, address, topic, format: "json", api_version: version, created_at: now, updated_at: now, fields: [] };
    this.subscriptions.push(w);
    return w;
  }

  remove(id: string): Record<string, never> {
    const at = this.subscriptions.findIndex((w) => String(w.id) === id);
    if (at < 0) throw new HttpAnswer(404, NOT_FOUND);
    this.subscriptions.splice(at, 1);
    return {};
  }

  deliver(topic: string, order: ShopifyOrder): void {
    for (const w of this.subscriptions.filter((s) => s.topic === topic)) {
      const body = JSON.stringify(order);
      const headers = {
        "Content-Type": "application/json",
        "X-Shopify-Topic": topic,
        "X-Shopify-Hmac-Sha256": createHmac("sha256", this.secret).update(body, "utf8").digest("base64"),
        "X-Shopify-Shop-Domain": this.shopDomain,
        "X-Shopify-API-Version": w.api_version,
        "X-Shopify-Webhook-Id": randomUUID(),
        "X-Shopify-Event-Id": randomUUID(),
        "X-Shopify-Triggered-At": new Date().toISOString(),
      };
      const delivery: WebhookDelivery = { topic, address: w.address, orderId: order.id as number, status: "error" };
      this.deliveries.push(delivery);
      if (this.deliveries.length > REQUEST_LOG_LIMIT) this.deliveries.shift();
      fetch(w.address, { method: "POST", headers, body, signal: AbortSignal.timeout(5000) })
        .then((res) => {
          delivery.status = res.status;
          return res.body?.cancel();
        })
        .catch(() => {});
    }
  }
}

// ---------- endpoints ----------

type OrderFilters = { uMin?: number; uMax?: number; cMin?: number; cMax?: number; status: string; financial: string };

function orderById(orders: OrderTimeline, id: string): ShopifyOrder | undefined {
  const index = orders.indexOf(id);
  return index === undefined ? undefined : orders.order(index);
}

function listOrders(orders: OrderTimeline, req: Req): Answer {
  const { token, limit } = pagingParams<OrderFilters>(req.query);
  const filters = token?.filters ?? orderFilters(req.query);
  const w: Window = {
    lo: filters.uMin === undefined ? 0 : orders.lowerBound(filters.uMin),
    hi: filters.uMax === undefined ? orders.length : orders.lowerBound(filters.uMax + 1),
    matches: (pos) => orders.isCurrent(pos) && orderMatches(orders, orders.entry(pos).index, filters),
  };
  const page = slice(w, token, limit);
  const fields = req.query.get("fields");
  const link = linkHeader(`${req.origin}/admin/api/${req.version}/orders.json`, page, filters, pageQuery(req.query));
  return {
    body: { orders: page.positions.map((pos) => pickFields(orders.order(orders.entry(pos).index), fields)) },
    headers: link ? { Link: link } : {},
  };
}

function orderFilters(q: URLSearchParams): OrderFilters {
  const order = q.get("order");
  if (order && order.replace(/\s+/g, " ").toLowerCase() !== "updated_at asc") {
    throw new HttpAnswer(400, { errors: { order: "The simulator sorts orders by updated_at asc only." } });
  }
  return {
    uMin: time(q, "updated_at_min"),
    uMax: time(q, "updated_at_max"),
    cMin: time(q, "created_at_min"),
    cMax: time(q, "created_at_max"),
    status: q.get("status") ?? "open",
    financial: q.get("financial_status") ?? "any",
  };
}

function orderMatches(orders: OrderTimeline, index: number, f: OrderFilters): boolean {
  if (f.cMin === undefined && f.cMax === undefined && f.status === "any" && f.financial === "any") return true;
  const o = orders.order(index);
  const created = Date.parse(o.created_at);
  if ((f.cMin !== undefined && created < f.cMin) || (f.cMax !== undefined && created > f.cMax)) return false;
  if (f.financial !== "any" && f.financial !== o.financial_status && !(f.financial === "unpaid" && ["pending", "authorized"].includes(o.financial_status))) return false;
  if (f.status === "open") return !o.closed_at && !o.cancelled_at;
  if (f.status === "closed") return !!o.closed_at;
  if (f.status === "cancelled") return !!o.cancelled_at;
  return true;
}

function listProducts(catalog: Catalog, req: Req): Answer {
  const { token, limit } = pagingParams<{ ids?: string[] }>(req.query);
  const filters = token?.filters ?? { ids: req.query.get("ids")?.split(",") };
  const w: Window = {
    lo: 0,
    hi: catalog.products.length,
    matches: (pos) => !filters.ids || filters.ids.includes(String(catalog.products[pos].id)),
  };
  const page = slice(w, token, limit);
  const link = linkHeader(`${req.origin}/admin/api/${req.version}/products.json`, page, filters, pageQuery(req.query));
  return {
    body: { products: page.positions.map((pos) => pickFields(catalog.products[pos], req.query.get("fields"))) },
    headers: link ? { Link: link } : {},
  };
}

function listLevels(catalog: Catalog, q: URLSearchParams) {
  const items = q.get("inventory_item_ids")?.split(",") ?? [];
  const locations = q.get("location_ids")?.split(",") ?? LOCATIONS.map((l) => String(l.id));
  return items.flatMap((item) =>
    locations.flatMap((location) => {
      const available = catalog.level(item, location);
      return available === undefined ? [] : [{ inventory_item_id: Number(item), location_id: Number(location), available }];
    }),
  );
}

function setLevel(catalog: Catalog, body: unknown) {
  const { location_id, inventory_item_id, available } = (body ?? {}) as Record<string, unknown>;
  if (location_id === undefined || inventory_item_id === undefined || available === undefined) {
    throw new HttpAnswer(400, { errors: { location_id: "Required parameter missing or invalid" } });
  }
  const variant = catalog.variantByInventoryItem(inventory_item_id as number);
  if (!variant || !LOCATIONS.some((l) => String(l.id) === String(location_id))) throw new HttpAnswer(404, NOT_FOUND);
  if (!Number.isInteger(available)) throw new UnprocessableError({ available: ["must be an integer"] });
  if (!variant.inventory_management) throw new UnprocessableError(["Inventory item does not have inventory tracking enabled"]);
  catalog.setLevel(inventory_item_id as number, location_id as number, available as number);
  return { inventory_item_id: variant.inventory_item_id, location_id: Number(location_id), available, updated_at: new Date().toISOString() };
}

function shopJson(name: string, domain: string) {
  return {
    id: 60_000_000_001, name, domain: "fika.example.se", myshopify_domain: domain, email: "hej@fika.example.se",
    currency: "SEK", taxes_included: true, iana_timezone: "Europe/Stockholm", country_code: "SE", plan_name: "basic",
  };
}

// ---------- HTTP plumbing ----------

/** limit and page_info; only limit and fields may accompany page_info, as Shopify enforces. */
function pagingParams<F>(q: URLSearchParams) {
  const raw = q.get("limit");
  const limit = raw === null ? DEFAULT_LIMIT : Math.min(MAX_LIMIT, Number(raw));
  if (!Number.isInteger(limit) || limit < 1) throw new HttpAnswer(400, { errors: { limit: "Invalid value." } });
  const pageInfo = q.get("page_info");
  if (pageInfo === null) return { token: undefined, limit };
  const extra = [...q.keys()].find((k) => k !== "page_info" && k !== "limit" && k !== "fields");
  if (extra) {
    throw new HttpAnswer(400, { errors: { [extra]: `${extra} cannot be passed when page_info is present. See https://shopify.dev/api/usage/pagination-rest for more information.` } });
  }
  const token = decodeToken<F>(pageInfo);
  if (!token) throw new HttpAnswer(400, { errors: { page_info: "Invalid value." } });
  return { token, limit };
}

const pageQuery = (q: URLSearchParams) => ({ limit: q.get("limit") ?? undefined, fields: q.get("fields") ?? undefined });

function time(q: URLSearchParams, key: string): number | undefined {
  const v = q.get(key);
  if (v === null) return undefined;
  const ms = Date.parse(v);
  if (Number.isNaN(ms)) throw new HttpAnswer(400, { errors: { [key]: "Invalid value." } });
  return ms;
}

function pickFields<T extends object>(item: T | undefined, fields: string | null): Partial<T> | undefined {
  if (!item || !fields) return item;
  const wanted = new Set(fields.split(",").map((f) => f.trim()));
  return Object.fromEntries(Object.entries(item).filter(([k]) => wanted.has(k))) as Partial<T>;
}

function found(root: string, item: unknown): Answer {
  if (item === undefined) throw new HttpAnswer(404, NOT_FOUND);
  return { body: { [root]: item } };
}

function rootObject<T>(body: unknown, root: string): T {
  const value = (body as Record<string, unknown> | undefined)?.[root];
  if (!value || typeof value !== "object") throw new HttpAnswer(400, { errors: { [root]: "Required parameter missing or invalid" } });
  return value as T;
}

function faultBody(status: number): unknown {
  if (status === 401) return INVALID_TOKEN_BODY;
  if (status === 429) return THROTTLED_BODY;
  return { errors: http.STATUS_CODES[status] ?? "Error" };
}

function parseJson(raw: string): unknown {
  if (!raw) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    throw new HttpAnswer(400, { errors: "Bad Request" });
  }
}

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (c: Buffer) => chunks.push(c));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

function send(response: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  response.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "X-Request-Id": randomUUID(), ...headers });
  response.end(JSON.stringify(body));
}

/** Shopify's leaky bucket: each call adds one, the bucket drains at a fixed rate; a full bucket answers 429. */
function leakyBucket(limit: { bucketSize: number; leakPerSecond: number } | false) {
  let level = 0;
  let at = Date.now();
  return {
    /** The X-Shopify-Shop-Api-Call-Limit value after taking a call, or undefined when the bucket is full. */
    take(): string | undefined {
      if (!limit) return "1/40";
      const now = Date.now();
      level = Math.max(0, level - ((now - at) / 1000) * limit.leakPerSecond);
      at = now;
      if (level + 1 > limit.bucketSize) return undefined;
      level += 1;
      return `${Math.ceil(level)}/${limit.bucketSize}`;
    },
  };
}

/** The demo's heartbeat: a new order, and an older one paid or fulfilled. */
function startLive(orders: OrderTimeline, everyMs: number, seed: number): NodeJS.Timeout {
  const r = prng(seed * 31 + 7);
  const timer = setInterval(() => {
    orders.add();
    orders.update(orders.order(1 + Math.floor(r() * orders.count())).id, progress);
  }, everyMs);
  timer.unref();
  return timer;
}

function progress(o: ShopifyOrder): void {
  if (o.cancelled_at) return;
  if (o.financial_status === "pending" || o.financial_status === "authorized") o.financial_status = "paid";
  else if (o.fulfillment_status !== "fulfilled") o.fulfillment_status = "fulfilled";
}
