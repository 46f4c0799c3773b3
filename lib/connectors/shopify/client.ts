/**
 * Shopify Admin REST calls through Shopify's own client (@shopify/shopify-api's RestClient on
 * @shopify/admin-api-client), configured as a custom store app: the Admin API access token goes
 * in X-Shopify-Access-Token and no OAuth takes place.
 *
 * Pointing it at any base URL: the client builds `${hostScheme}://${session.shop}/admin/api/…`, so
 * hostScheme follows the shopUrl ("http" only for the local simulator, which remoteUrl() allows
 * only with CROSSDOCK_ALLOW_LOCAL_REMOTES=1) and the Session is built directly with the URL's
 * host:port, because shopify.session.customAppSession() insists on a *.myshopify.com name.
 *
 * Its own retries are off (tries = 1): the framework retries transient RemoteErrors with backoff.
 */
import "@shopify/shopify-api/adapters/node";
import { DataType, HttpResponseError, LogSeverity, Session, shopifyApi, type ApiVersion } from "@shopify/shopify-api";
import { RecordError, RemoteError, remoteErrorFromException, remoteErrorFromStatus } from "../errors";
import type { RemoteIo } from "../types";
import type { ShopifyId, ShopifyInventoryLevel, ShopifyLocation, ShopifyOrder, ShopifyProduct, ShopifyShop } from "./shopify-types";

export type ShopifyConnection = { shopUrl: string; accessToken: string; apiVersion: string };

type Query = Record<string, string | number>;
type RestClient = InstanceType<ReturnType<typeof shopifyApi>["clients"]["Rest"]>;

const WHAT = "Shopify";
const CACHE_LIMIT = 50;
/** One RestClient per shop, version and token: building the library's config per call is wasted work on 400-page imports. */
const clients = new Map<string, RestClient>();

function restClient(c: ShopifyConnection): RestClient {
  const key = `${c.shopUrl}\n${c.apiVersion}\n${c.accessToken}`;
  let client = clients.get(key);
  if (!client) {
    const url = new URL(c.shopUrl);
    const shopify = shopifyApi({
      // A custom store app authenticates with adminApiAccessToken only; the library still demands a secret and a host.
      apiSecretKey: "crossdock-custom-store-app",
      adminApiAccessToken: c.accessToken,
      isCustomStoreApp: true,
      isEmbeddedApp: false,
      apiVersion: c.apiVersion as ApiVersion,
      hostName: url.host,
      hostScheme: url.protocol === "http:" ? "http" : "https",
      logger: { level: LogSeverity.Error, log: async () => {} },
    });
    client = new shopify.clients.Rest({ session: new Session({ id: `offline_${url.host}`, shop: url.host, state: "", isOnline: false }) });
    if (clients.size >= CACHE_LIMIT) clients.delete(clients.keys().next().value!);
    clients.set(key, client);
  }
  return client;
}

/** Shopify's { errors } body as one line: a string, a list, or messages per field. */
function errorText(body: unknown): string | undefined {
  const errors = (body as { errors?: unknown } | undefined)?.errors;
  if (errors === undefined) return undefined;
  if (typeof errors === "string") return errors;
  if (Array.isArray(errors)) return errors.join("; ");
  return Object.entries(errors as Record<string, unknown>)
    .map(([field, msg]) => `${field}: ${Array.isArray(msg) ? msg.join(", ") : String(msg)}`)
    .join("; ");
}

function toRemoteError(e: unknown): RemoteError {
  if (e instanceof HttpResponseError) {
    const { code, body, headers } = e.response;
    const retryAfter = (headers as Record<string, string[] | string> | undefined)?.["Retry-After"];
    return remoteErrorFromStatus(WHAT, code, Array.isArray(retryAfter) ? retryAfter[0] : retryAfter, errorText(body));
  }
  return remoteErrorFromException(WHAT, e);
}

type Call = { method: "get" | "post" | "put"; path: string; query?: Query; data?: unknown };

/** One request; every failure becomes a RemoteError. Returns the body and the next page's page_info. */
async function request<T>(c: ShopifyConnection, io: Pick<RemoteIo, "signal"> | undefined, call: Call): Promise<{ body: T; nextPageInfo: string | null }> {
  try {
    // The library takes no AbortSignal; a cancelled run stops before its next call.
    io?.signal.throwIfAborted();
    const client = restClient(c);
    const params = { path: call.path, query: call.query, tries: 1 };
    const res =
      call.method === "get"
        ? await client.get<T>(params)
        : await client[call.method]<T>({ ...params, data: call.data as Record<string, unknown>, type: DataType.JSON });
    return { body: res.body, nextPageInfo: (res.pageInfo?.nextPage?.query?.page_info as string | undefined) ?? null };
  } catch (e) {
    throw toRemoteError(e);
  }
}

export async function getShop(c: ShopifyConnection, io?: Pick<RemoteIo, "signal">): Promise<ShopifyShop> {
  return (await request<{ shop: ShopifyShop }>(c, io, { method: "get", path: "shop" })).body.shop;
}

export type OrderPageQuery = { updatedAtMin?: string; createdAtMin?: string; limit: number } | { pageInfo: string; limit: number };

/**
 * One page of orders, oldest change first. Filters go on the first request only: Shopify refuses
 * anything but limit and fields next to page_info.
 */
export async function listOrders(c: ShopifyConnection, io: Pick<RemoteIo, "signal">, q: OrderPageQuery): Promise<{ orders: ShopifyOrder[]; nextPageInfo: string | null }> {
  const query: Query =
    "pageInfo" in q
      ? { page_info: q.pageInfo, limit: q.limit }
      : {
          status: "any",
          order: "updated_at asc",
          limit: q.limit,
          ...(q.updatedAtMin ? { updated_at_min: q.updatedAtMin } : {}),
          ...(q.createdAtMin ? { created_at_min: q.createdAtMin } : {}),
        };
  const { body, nextPageInfo } = await request<{ orders: ShopifyOrder[] }>(c, io, { method: "get", path: "orders", query });
  return { orders: body.orders, nextPageInfo };
}

/** The product, or null when Shopify no longer has it (deleted in the admin). */
export async function getProduct(c: ShopifyConnection, io: Pick<RemoteIo, "signal">, id: ShopifyId): Promise<ShopifyProduct | null> {
  try {
    return (await request<{ product: ShopifyProduct }>(c, io, { method: "get", path: `products/${id}` })).body.product;
  } catch (e) {
    if (e instanceof RemoteError && e.status === 404) return null;
    throw e;
  }
}

export async function createProduct(c: ShopifyConnection, io: Pick<RemoteIo, "signal">, product: Record<string, unknown>): Promise<ShopifyProduct> {
  return (await request<{ product: ShopifyProduct }>(c, io, { method: "post", path: "products", data: { product } })).body.product;
}

export async function updateProduct(c: ShopifyConnection, io: Pick<RemoteIo, "signal">, id: ShopifyId, product: Record<string, unknown>): Promise<ShopifyProduct> {
  return (await request<{ product: ShopifyProduct }>(c, io, { method: "put", path: `products/${id}`, data: { product: { id, ...product } } })).body.product;
}

export async function listLocations(c: ShopifyConnection, io: Pick<RemoteIo, "signal">): Promise<ShopifyLocation[]> {
  return (await request<{ locations: ShopifyLocation[] }>(c, io, { method: "get", path: "locations" })).body.locations;
}

export async function setInventoryLevel(
  c: ShopifyConnection,
  io: Pick<RemoteIo, "signal">,
  level: { locationId: ShopifyId; inventoryItemId: ShopifyId; available: number },
): Promise<ShopifyInventoryLevel> {
  const data = { location_id: Number(level.locationId), inventory_item_id: Number(level.inventoryItemId), available: level.available };
  return (await request<{ inventory_level: ShopifyInventoryLevel }>(c, io, { method: "post", path: "inventory_levels/set", data })).body.inventory_level;
}

/** Runs a write whose 404/422 answer is about this record's data (Shopify's { errors }), not the connection: that record fails, the run goes on. */
export async function asRecordError<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (e instanceof RemoteError && (e.status === 422 || e.status === 404)) throw new RecordError(e.message);
    throw e;
  }
}

export type ShopifyWebhook = { id: number; address: string; topic: string; format: string };

export async function listWebhooks(c: ShopifyConnection, io: Pick<RemoteIo, "signal">, address: string): Promise<ShopifyWebhook[]> {
  return (await request<{ webhooks: ShopifyWebhook[] }>(c, io, { method: "get", path: "webhooks", query: { address } })).body.webhooks;
}

export async function createWebhook(c: ShopifyConnection, io: Pick<RemoteIo, "signal">, webhook: { topic: string; address: string }): Promise<ShopifyWebhook> {
  return (await request<{ webhook: ShopifyWebhook }>(c, io, { method: "post", path: "webhooks", data: { webhook: { ...webhook, format: "json" } } })).body.webhook;
}
