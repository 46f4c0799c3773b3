import type { Connector } from "../types";
import { getShop } from "./client";
import { orderImport } from "./order-import";
import { productExport } from "./product-export";
import { shopifySettings, type ShopifySettings } from "./settings";
import { stockUpdate } from "./stock-update";
import { shopifyWebhooks } from "./webhooks";

export const shopifyConnector: Connector<ShopifySettings> = {
  key: "shopify",
  name: "Shopify",
  category: "E-commerce",
  logo: "/connectors/shopify.svg",
  description: "Imports orders from a Shopify shop and keeps its products, prices and stock up to date, through the Admin REST API.",
  settings: shopifySettings,
  secretFields: ["accessToken", "webhookSecret"],
  async test(settings, io) {
    const shop = await getShop(settings, io);
    return { message: `Shop: ${shop.name} (${shop.domain})` };
  },
  plugs: [orderImport, productExport, stockUpdate],
  webhooks: shopifyWebhooks,
};

export { shopifySettings, type ShopifySettings } from "./settings";
