/**
 * A local WooCommerce REST API (wp-json/wc/v3) for tests and the embedded demo: the endpoints the
 * connector uses with WooCommerce's query parameters, paging headers (X-WP-Total,
 * X-WP-TotalPages, Link), authentication (see simulator-auth.ts) and WordPress error bodies, plus
 * what hosts put in front of it (a requests-per-second limiter answering 429 + Retry-After) and
 * test hooks (failNext, a request log).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { authenticate, NonceCache, wpError, type ApiKey } from "./simulator-auth";
import { WooStore, type OrderQuery } from "./simulator-store";
import { wcOrderStatuses, type WcProduct, type WpError } from "./wc-types";

export type WooCommerceSimulatorOptions = {
  /** 0 (default) = any free port. */
  port?: number;
  /** Seeded orders (default 200); 100,000 is fine. */
  orders?: number;
  /** Seeded products (default 40). */
  products?: number;
  seed?: number;
  /** Every Nth order's total does not add up to its lines (as broken shop plugins produce). */
  badOrderEvery?: number;
  /** A host's limiter in front of WordPress: more than perSecond requests in one second get 429 + Retry-After. Off by default. */
  rateLimit?: { perSecond: number };
  /** Keeps placing new orders and moving existing ones along (the embedded demo). */
  live?: { everyMs: number };
  /** The API key's permissions (default read_write). */
  permissions?: ApiKey["permissions"];
  consumerKey?: string;
  consumerSecret?: string;
};

export type RequestLogEntry = { method: string; path: string; query: Record<string, string> };

export type WooCommerceSimulator = {
  url: string;
  consumerKey: string;
  consumerSecret: string;
  store: WooStore;
  requests: RequestLogEntry[];
  /** The next `times` requests answer `status` (with `headers`, e.g. { "Retry-After": "7" }) before anything else runs. */
  failNext(status: number, times?: number, headers?: Record<string, string>): void;
  stop(): Promise<void>;
};

const PREFIX = "/wp-json/wc/v3";
const ORDER_STATUSES = ["any", "trash", ...wcOrderStatuses, "checkout-draft"];
const ORDER_ORDERBY = ["date", "id", "include", "title", "slug", "modified"];
const PRODUCT_ORDERBY = [...ORDER_ORDERBY, "price", "popularity", "rating", "menu_order"];
/** The simulated site's UTC offset, for dates sent without dates_are_gmt. */
const SITE_OFFSET_SEC = 3600;

class HttpError extends Error {
  constructor(
    readonly body: WpError & { data: { params?: Record<string, string> } },
    readonly headers: Record<string, string> = {},
  ) {
    super(body.message);
  }
}
const invalidParam = (name: string, why: string) =>
  new HttpError({ ...wpError(400, "rest_invalid_param", `Invalid parameter(s): ${name}`), data: { status: 400, params: { [name]: why } } });

type Ctx = { method: string; path: string; query: URLSearchParams; body: unknown; res: ServerResponse; host: string };
type Answer = { status?: number; body: unknown; headers?: Record<string, string> };

export async function startWooCommerceSimulator(options: WooCommerceSimulatorOptions = {}): Promise<WooCommerceSimulator> {
  const key: ApiKey = {
    consumerKey: options.consumerKey ?? "ck_4f9d0c2e8b7a6135d2e1f0a9b8c7d6e5f4a3b2c1",
    consumerSecret: options.consumerSecret ?? "cs_1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b",
    permissions: options.permissions ?? "read_write",
  };
  const store = new WooStore({ seed: options.seed ?? 1, orders: options.orders ?? 200, products: options.products ?? 40, badOrderEvery: options.badOrderEvery });
  const requests: RequestLogEntry[] = [];
  const injected: { status: number; headers: Record<string, string> }[] = [];
  const nonces = new NonceCache();
  const limiter = windowLimiter(options.rateLimit?.perSecond);

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => send(res, { status: 500, body: wpError(500, "internal_server_error", String(e)) }));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://simulator");
    const method = (req.method ?? "GET").toUpperCase();
    requests.push({ method, path: url.pathname, query: Object.fromEntries(url.searchParams) });
    const body = await readJson(req);
    try {
      const ctx: Ctx = { method, path: url.pathname.replace(/\/+$/, ""), query: url.searchParams, body, res, host: req.headers.host ?? "" };
      gate(ctx, req.headers.authorization);
      send(res, route(ctx));
    } catch (e) {
      if (!(e instanceof HttpError)) throw e;
      send(res, { status: e.body.data.status, body: e.body, headers: e.headers });
    }
  }

  /** What runs before any route: injected failures, the host's limiter, then WooCommerce's authentication. */
  function gate(ctx: Ctx, authorization: string | undefined): void {
    const fail = injected.shift();
    if (fail) throw new HttpError(injectedBody(fail.status), fail.headers);
    const wait = limiter();
    if (wait) throw new HttpError(wpError(429, "too_many_requests", "Too many requests. Slow down."), { "Retry-After": String(wait) });
    if (ctx.path === PREFIX || !ctx.path.startsWith(PREFIX)) return; // the namespace index is public
    const auth = authenticate({ method: ctx.method, host: ctx.host, path: ctx.path, query: ctx.query, authorization }, key, nonces, Date.now() / 1000);
    if (auth === null) throw new HttpError(wpError(401, "woocommerce_rest_cannot_view", "Sorry, you cannot list resources."));
    if (auth !== "ok") throw new HttpError(auth);
  }

  function route(ctx: Ctx): Answer {
    const rest = ctx.path.slice(PREFIX.length);
    const one = /^\/(orders|products)\/(\d+)$/.exec(rest);
    if (ctx.method === "GET" && (rest === "" || !ctx.path.startsWith(PREFIX))) return { body: namespaceIndex(ctx.host) };
    if (ctx.method === "GET" && rest === "/system_status") return { body: systemStatus(ctx.host) };
    if (ctx.method === "GET" && rest === "/orders") return listOrders(ctx);
    if (ctx.method === "GET" && rest === "/products") return listProducts(ctx);
    if (ctx.method === "GET" && one) {
      const id = Number(one[2]);
      return { body: (one[1] === "orders" ? store.getOrder(id) : store.getProduct(id)) ?? notFound(one[1]) };
    }
    if (["PUT", "POST", "PATCH"].includes(ctx.method) && one?.[1] === "products") return { body: updateProduct(Number(one[2]), ctx.body) };
    throw new HttpError(wpError(404, "rest_no_route", "No route was found matching the URL and request method."));
  }

  function listOrders(ctx: Ctx): Answer {
    const q = ctx.query;
    const paging = pagingParams(q);
    const gmt = q.get("dates_are_gmt") === "true" || q.get("dates_are_gmt") === "1";
    const query: OrderQuery = {
      ...paging,
      orderby: enumParam(q, "orderby", ORDER_ORDERBY, "date") as OrderQuery["orderby"],
      statuses: statusParam(q),
      modifiedAfterSec: dateParam(q, "modified_after", gmt),
      modifiedBeforeSec: dateParam(q, "modified_before", gmt),
      afterSec: dateParam(q, "after", gmt),
    };
    if (!["date", "id", "modified"].includes(query.orderby)) query.orderby = "date";
    return pagedAnswer(ctx, store.listOrders(query), paging.limit, paging.page);
  }

  function listProducts(ctx: Ctx): Answer {
    const q = ctx.query;
    const paging = pagingParams(q);
    const gmt = q.get("dates_are_gmt") === "true" || q.get("dates_are_gmt") === "1";
    let orderby = enumParam(q, "orderby", PRODUCT_ORDERBY, "date");
    if (!["date", "id", "modified", "title"].includes(orderby)) orderby = "date";
    const page = store.listProducts({ ...paging, orderby: orderby as "date", modifiedAfterSec: dateParam(q, "modified_after", gmt) });
    return pagedAnswer(ctx, page, paging.limit, paging.page);
  }

  function updateProduct(id: number, body: unknown): WcProduct {
    if (!store.getProduct(id)) throw new HttpError(wpError(400, "woocommerce_rest_product_invalid_id", "Invalid ID."));
    if (!body || typeof body !== "object" || Array.isArray(body)) throw new HttpError(wpError(400, "rest_invalid_json", "Invalid JSON body passed."));
    const b = body as Record<string, unknown>;
    const patch: Partial<WcProduct> = {};
    if ("stock_quantity" in b) patch.stock_quantity = b.stock_quantity === null ? null : integerField("stock_quantity", b.stock_quantity);
    if ("manage_stock" in b) patch.manage_stock = booleanField("manage_stock", b.manage_stock);
    for (const f of ["regular_price", "sale_price", "name", "sku"] as const) if (typeof b[f] === "string") patch[f] = b[f] as string;
    return store.updateProduct(id, patch);
  }

  let timer: NodeJS.Timeout | undefined;
  if (options.live) {
    timer = setInterval(() => {
      store.addOrder({ status: "processing" });
      store.advanceRandomOrder();
    }, options.live.everyMs);
    timer.unref();
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    consumerKey: key.consumerKey,
    consumerSecret: key.consumerSecret,
    store,
    requests,
    failNext(status, times = 1, headers = {}) {
      for (let i = 0; i < times; i++) injected.push({ status, headers });
    },
    stop() {
      clearInterval(timer);
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

// ---------- helpers ----------

function send(res: ServerResponse, a: Answer): void {
  const payload = JSON.stringify(a.body);
  res.writeHead(a.status ?? 200, {
    "Content-Type": "application/json; charset=UTF-8",
    "Content-Length": Buffer.byteLength(payload),
    ...a.headers,
  });
  res.end(payload);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  if (!chunks.length) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new HttpError(wpError(400, "rest_invalid_json", "Invalid JSON body passed."));
  }
}

function injectedBody(status: number): WpError {
  if (status === 401) return wpError(401, "woocommerce_rest_authentication_error", "Invalid signature - provided signature does not match.");
  if (status === 429) return wpError(429, "too_many_requests", "Too many requests. Slow down.");
  return wpError(status, "internal_server_error", "There has been a critical error on this website.");
}

/** Fixed one-second windows; returns the seconds to wait, or 0 when the request may pass. */
function windowLimiter(perSecond: number | undefined): () => number {
  let window = 0;
  let count = 0;
  return () => {
    if (!perSecond) return 0;
    const now = Math.floor(Date.now() / 1000);
    if (now !== window) [window, count] = [now, 0];
    return ++count > perSecond ? 1 : 0;
  };
}

function notFound(kind: string): never {
  const what = kind === "orders" ? "shop_order" : "product";
  throw new HttpError(wpError(404, `woocommerce_rest_${what}_invalid_id`, "Invalid ID."));
}

function integerParam(q: URLSearchParams, name: string, def: number, min: number, max: number): number {
  const raw = q.get(name);
  if (raw === null) return def;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw invalidParam(name, `${name} is not of type integer.`);
  if (n < min || n > max) {
    throw invalidParam(name, max === Infinity ? `${name} must be greater than or equal to ${min}` : `${name} must be between ${min} (inclusive) and ${max} (inclusive)`);
  }
  return n;
}

function pagingParams(q: URLSearchParams) {
  const limit = integerParam(q, "per_page", 10, 1, 100);
  const page = integerParam(q, "page", 1, 1, Infinity);
  const offset = q.has("offset") ? integerParam(q, "offset", 0, 0, Infinity) : (page - 1) * limit;
  return { limit, page, offset, desc: enumParam(q, "order", ["asc", "desc"], "desc") === "desc" };
}

function enumParam(q: URLSearchParams, name: string, allowed: string[], def: string): string {
  const v = q.get(name) ?? def;
  if (!allowed.includes(v)) throw invalidParam(name, `${name} is not one of ${allowed.join(", ")}.`);
  return v;
}

/** status=a,b or status[]=a&status[]=b (WordPress parses both into an array). */
function statusParam(q: URLSearchParams): Set<string> | undefined {
  const values = [...q.entries()].filter(([k]) => k === "status" || /^status\[\d*\]$/.test(k)).flatMap(([, v]) => v.split(","));
  values.forEach((v, i) => {
    if (!ORDER_STATUSES.includes(v)) throw invalidParam("status", `status[${i}] is not one of ${ORDER_STATUSES.join(", ")}.`);
  });
  return values.length && !values.includes("any") ? new Set(values) : undefined;
}

const RFC3339 = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}:\d{2})(?:\.\d+)?(Z|[+-]\d{2}(?::?\d{2})?)?$/;

/** A date-time parameter as epoch seconds; without an offset it is UTC when dates_are_gmt, else site time. */
function dateParam(q: URLSearchParams, name: string, gmt: boolean): number | undefined {
  const raw = q.get(name);
  if (raw === null) return undefined;
  const m = RFC3339.exec(raw);
  const ms = m ? Date.parse(`${m[1]}T${m[2]}${m[3] ?? "Z"}`) : NaN;
  if (Number.isNaN(ms)) throw invalidParam(name, "Invalid date.");
  return Math.floor(ms / 1000) - (m?.[3] || gmt ? 0 : SITE_OFFSET_SEC);
}

function integerField(name: string, v: unknown): number {
  const n = typeof v === "string" && v.trim() !== "" ? Number(v) : v;
  if (typeof n !== "number" || !Number.isInteger(n)) throw invalidParam(name, `${name} is not of type integer.`);
  return n;
}

function booleanField(name: string, v: unknown): boolean {
  if (typeof v === "boolean") return v;
  if (v === "true" || v === "1" || v === 1) return true;
  if (v === "false" || v === "0" || v === 0) return false;
  throw invalidParam(name, `${name} is not of type boolean.`);
}

/** The list answer with WordPress's paging headers; Link carries the query without credentials and one-time OAuth parameters. */
function pagedAnswer(ctx: Ctx, page: { items: unknown[]; total: number }, perPage: number, current: number): Answer {
  const totalPages = Math.ceil(page.total / perPage);
  const link = (n: number, rel: string) => {
    const q = new URLSearchParams(Object.entries(Object.fromEntries(ctx.query)).filter(([k]) => !/^(oauth_|consumer_)/.test(k)));
    q.set("page", String(n));
    return `<http://${ctx.host}${ctx.path}?${q}>; rel="${rel}"`;
  };
  const links = [...(current > 1 ? [link(current - 1, "prev")] : []), ...(current < totalPages ? [link(current + 1, "next")] : [])];
  return {
    body: page.items,
    headers: { "X-WP-Total": String(page.total), "X-WP-TotalPages": String(totalPages), ...(links.length ? { Link: links.join(", ") } : {}) },
  };
}

function namespaceIndex(host: string) {
  return {
    namespace: "wc/v3",
    routes: Object.fromEntries(
      ["", "/orders", "/orders/(?P<id>[\\d]+)", "/products", "/products/(?P<id>[\\d]+)", "/system_status"].map((r) => [
        `/wc/v3${r}`,
        { namespace: "wc/v3", methods: r.includes("products/") ? ["GET", "POST", "PUT", "PATCH", "DELETE"] : ["GET"], _links: { self: `http://${host}${PREFIX}${r}` } },
      ]),
    ),
  };
}

function systemStatus(host: string) {
  return {
    environment: { home_url: `http://${host}`, site_url: `http://${host}`, version: "9.8.5", wp_version: "6.8.1", default_timezone: "UTC" },
    database: { wc_database_version: "9.8.5" },
    active_plugins: [{ plugin: "woocommerce/woocommerce.php", name: "WooCommerce", version: "9.8.5" }],
    settings: { api_enabled: true, currency: "SEK", currency_symbol: "kr", currency_position: "right_space", thousand_separator: " ", decimal_separator: ",", number_of_decimals: 2 },
  };
}
