import { z } from "zod";
import { remoteUrl } from "../remote-url";

export const DEFAULT_API_VERSION = "2025-01";

export const shopifySettings = z.object({
  shopUrl: remoteUrl(
    "Your shop's myshopify.com address, e.g. https://acme.myshopify.com (the Admin API answers there, not on the shop's own domain).",
  ),
  accessToken: z
    .string()
    .trim()
    .min(1, "Required")
    .describe(
      "Admin API access token of the custom app you created in Shopify (Settings → Apps and sales channels → Develop apps), starting with shpat_. " +
        "Scopes: read_orders (and read_all_orders for orders older than 60 days), write_products, write_inventory, read_locations.",
    ),
  apiVersion: z
    .string()
    .trim()
    .regex(/^(\d{4}-(01|04|07|10)|unstable)$/, 'A Shopify API version such as "2025-01"')
    .default(DEFAULT_API_VERSION)
    .describe("Admin API version to call. Shopify supports each version for at least a year."),
  webhookSecret: z
    .string()
    .trim()
    .optional()
    .describe(
      "Optional: the custom app's API secret key (starts with shpss_). With it, Crossdock subscribes to order webhooks and imports changed orders within seconds instead of at the next scheduled run.",
    ),
});

export type ShopifySettings = z.output<typeof shopifySettings>;
