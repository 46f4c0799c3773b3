/**
 * Facts about a shop that exports need on every record but that change rarely (its currency, whether
 * prices include tax, its first location), fetched once per connection and kept for a few minutes
 * instead of costing an extra call per product against a 2-calls-per-second budget.
 */
import { RemoteError } from "../errors";
import type { RemoteIo } from "../types";
import { getShop, listLocations, type ShopifyConnection } from "./client";
import type { ShopifyLocation, ShopifyShop } from "./shopify-types";

const TTL_MS = 10 * 60_000;
const LIMIT = 200;
const cache = new Map<string, { at: number; value: Promise<unknown> }>();

/** The cached answer of `load` for this connection and topic; a failed load is forgotten at once. */
function remember<T>(c: ShopifyConnection, topic: string, load: () => Promise<T>): Promise<T> {
  const key = `${topic}\n${c.shopUrl}\n${c.accessToken}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value as Promise<T>;
  if (cache.size >= LIMIT) cache.delete(cache.keys().next().value!);
  const value = load();
  cache.set(key, { at: Date.now(), value });
  value.catch(() => {
    if (cache.get(key)?.value === value) cache.delete(key);
  });
  return value;
}

export function shopFacts(c: ShopifyConnection, io: Pick<RemoteIo, "signal">): Promise<ShopifyShop> {
  return remember(c, "shop", () => getShop(c, io));
}

/** The shop's first active location: where stock goes unless the plug names one. */
export function defaultLocation(c: ShopifyConnection, io: Pick<RemoteIo, "signal">): Promise<ShopifyLocation> {
  return remember(c, "location", async () => {
    const location = (await listLocations(c, io)).find((l) => l.active);
    if (!location) throw new RemoteError("Shopify has no active location to keep stock at; name one in the plug's locationId", "permanent");
    return location;
  });
}
