import "@shopify/shopify-api/adapters/node";
import { LogSeverity, shopifyApi, ApiVersion } from "@shopify/shopify-api";
import type { ConnectorWebhooks } from "../types";
import { createWebhook, listWebhooks } from "./client";
import type { ShopifySettings } from "./settings";

/** Order changes start OrderImport at once; its delta (updated_at_min) then fetches them, so a lost or repeated webhook costs nothing. */
const TOPICS: Record<string, string[]> = { "orders/create": ["OrderImport"], "orders/updated": ["OrderImport"] };

type Validator = ReturnType<typeof shopifyApi>["webhooks"]["validate"];
const validators = new Map<string, Validator>();

/** Shopify's own HMAC check (X-Shopify-Hmac-Sha256 over the raw body, keyed by the app's API secret key). */
function validator(secret: string): Validator {
  let v = validators.get(secret);
  if (!v) {
    // The library wants a host and version even though validation uses neither.
    const api = shopifyApi({ apiSecretKey: secret, apiVersion: ApiVersion.January25, isCustomStoreApp: true, adminApiAccessToken: "unused", isEmbeddedApp: false, hostName: "localhost", logger: { level: LogSeverity.Error, log: async () => {} } });
    v = api.webhooks.validate;
    if (validators.size >= 50) validators.delete(validators.keys().next().value!);
    validators.set(secret, v);
  }
  return v;
}

export const shopifyWebhooks: ConnectorWebhooks<ShopifySettings> = {
  enabled: (settings) => !!settings.webhookSecret,
  async verify({ headers, rawBody, settings }) {
    if (!settings.webhookSecret) return { ok: false, reason: "This connection has no webhook secret." };
    const result = await validator(settings.webhookSecret)({ rawBody, rawRequest: { headers, method: "POST", url: "/" } });
    if (!result.valid) return { ok: false, reason: `Not a genuine Shopify webhook (${result.reason}).` };
    // The library reports the topic in its storage form (ORDERS_CREATE); the header has Shopify's own name.
    const topic = Object.entries(headers).find(([k]) => k.toLowerCase() === "x-shopify-topic")?.[1] ?? "";
    return { ok: true, topic };
  },
  topics: TOPICS,
  async subscribe({ settings, address, io }) {
    const existing = new Set((await listWebhooks(settings, io, address)).map((w) => w.topic));
    for (const topic of Object.keys(TOPICS)) if (!existing.has(topic)) await createWebhook(settings, io, { topic, address });
  },
};
