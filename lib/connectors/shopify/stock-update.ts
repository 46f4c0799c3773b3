import { z } from "zod";
import type { ExportedRecord, ExportPlug, RemoteIo } from "../types";
import { asRecordError, getProduct, setInventoryLevel } from "./client";
import { availableStock } from "./map";
import type { ShopifySettings } from "./settings";
import { defaultLocation } from "./shop-facts";

const plugSettings = z.object({
  locationId: z
    .string()
    .trim()
    .regex(/^\d+$/, "A Shopify location id: digits only")
    .optional()
    .describe("Shopify location whose stock is set (Settings → Locations; the number at the end of the location's URL). Empty: the shop's first location."),
});

/**
 * This connection's remoteRef (the inventory item ProductExport remembered). An exported record
 * carries remoteRefMap keyed by connection id, which a plug is not told, so ours is the entry whose
 * remoteIdMap twin is our remoteId.
 */
function rememberedRef(record: ExportedRecord): string | undefined {
  if (typeof record.remoteRef === "string" && record.remoteRef) return record.remoteRef;
  const ids = (record.remoteIdMap ?? {}) as Record<string, string>;
  const refs = (record.remoteRefMap ?? {}) as Record<string, string>;
  const mine = Object.keys(ids).filter((connectionId) => ids[connectionId] === record.remoteId);
  return mine.length === 1 ? refs[mine[0]] : undefined;
}

/** The inventory item behind an exported product: remembered, or else its variant with the product's sku. */
async function inventoryItemId(record: ExportedRecord & { remoteId: string }, settings: ShopifySettings, io: Pick<RemoteIo, "signal">): Promise<string | null> {
  const remembered = rememberedRef(record);
  if (remembered) return remembered;
  const product = await getProduct(settings, io, record.remoteId);
  const variant = product?.variants.find((v) => v.sku === record.sku) ?? product?.variants[0];
  return variant ? String(variant.inventory_item_id) : null;
}

export const stockUpdate: ExportPlug<ShopifySettings, z.output<typeof plugSettings>> = {
  key: "StockUpdate",
  name: "Stock update",
  description: "Sets Shopify's available quantity at a location from each exported product's stock.",
  direction: "export",
  recordType: "product",
  settings: plugSettings,
  defaultIntervalMinutes: 5,
  wants(record) {
    const stock = availableStock(record);
    return typeof stock === "number" ? true : stock.ignore;
  },
  async push(record, { settings, plugSettings, io }) {
    if (!record.remoteId) return { ignore: "Not in Shopify yet: ProductExport creates it first, then its stock is sent" };
    const available = availableStock(record);
    if (typeof available !== "number") return available;
    const itemId = await inventoryItemId({ ...record, remoteId: record.remoteId }, settings, io);
    if (!itemId) return { ignore: "The product no longer exists in Shopify; ProductExport will create it again" };
    const locationId = plugSettings.locationId ?? String((await defaultLocation(settings, io)).id);
    await asRecordError(() => setInventoryLevel(settings, io, { locationId, inventoryItemId: itemId, available }));
    return { remoteId: record.remoteId, remoteRef: itemId, message: `Available set to ${available} at location ${locationId}` };
  },
};
