import { z } from "zod";
import type { ExportPlug } from "../types";
import { asRecordError, createProduct, getProduct, updateProduct } from "./client";
import { productToShopify } from "./map";
import type { ShopifySettings } from "./settings";
import { shopFacts } from "./shop-facts";
import type { ShopifyProduct } from "./shopify-types";

const plugSettings = z.object({});

/** The variant this Crossdock product is: the one with its sku, else the product's first. */
function ownVariant(product: ShopifyProduct, sku: string) {
  return product.variants.find((v) => v.sku === sku) ?? product.variants[0];
}

/**
 * One Shopify product with one variant per Crossdock product. remoteId = the product id;
 * remoteRef = the variant's inventory_item_id, which StockUpdate needs to set stock.
 */
export const productExport: ExportPlug<ShopifySettings, z.output<typeof plugSettings>> = {
  key: "ProductExport",
  name: "Product export",
  description: "Creates and updates products in Shopify: title, description, sku, price (as the shop shows prices, incl. or excl. tax), barcode, weight, stock tracking.",
  direction: "export",
  recordType: "product",
  settings: plugSettings,
  defaultIntervalMinutes: 15,
  async push(record, { settings, io }) {
    const shop = await shopFacts(settings, io);
    const { product, variant } = productToShopify(record, shop);
    const existing = record.remoteId ? await getProduct(settings, io, record.remoteId) : null;
    const saved = await asRecordError(async () => {
      if (!existing) return createProduct(settings, io, { ...product, variants: [variant] });
      // Listing the other variants by id keeps them: a PUT with variants removes those it leaves out.
      const own = ownVariant(existing, variant.sku);
      const variants = existing.variants.map((v) => (v.id === own.id ? { id: v.id, ...variant } : { id: v.id }));
      return updateProduct(settings, io, existing.id, { ...product, variants });
    });
    return {
      remoteId: String(saved.id),
      remoteRef: String(ownVariant(saved, variant.sku).inventory_item_id),
      message: record.remoteId && !existing ? "Created again: the product had been deleted in Shopify" : undefined,
    };
  },
};
