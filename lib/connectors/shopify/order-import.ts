import { z } from "zod";
import type { ImportPlug } from "../types";
import { listOrders } from "./client";
import { mapOrder } from "./map";
import type { ShopifySettings } from "./settings";
import { financialStatuses, type ShopifyOrder } from "./shopify-types";

/** Shopify's largest page. */
const PAGE_SIZE = 250;
/**
 * How far behind "now" a watermark must stay: Shopify stamps updated_at in whole seconds and an
 * order saved in the same second as our read may not be visible yet.
 */
const WATERMARK_LAG_MS = 60_000;

const plugSettings = z.object({
  statuses: z
    .array(z.enum(financialStatuses))
    .default([])
    .describe("Financial statuses to import (pending, authorized, partially_paid, paid, partially_refunded, refunded, voided). Empty imports every order."),
  startDate: z.iso
    .date({ message: "Use a date like 2025-01-31." })
    .optional()
    .describe("Import only orders placed on or after this date. Set it before the first run to skip the shop's history."),
});
type OrderImportSettings = z.output<typeof plugSettings>;

/**
 * The page's highest updated_at, held back to a minute ago. Pages come in updated_at order, so
 * every order changed before that moment has been read; updated_at_min is inclusive, so orders at
 * exactly the watermark are read again next time and upserted by remote id.
 */
export function pageWatermark(orders: ShopifyOrder[], now = Date.now()): string | undefined {
  if (!orders.length) return undefined;
  const latest = orders.reduce((a, o) => (Date.parse(o.updated_at) > Date.parse(a) ? o.updated_at : a), orders[0].updated_at);
  const ceiling = now - WATERMARK_LAG_MS;
  return Date.parse(latest) <= ceiling ? latest : new Date(ceiling).toISOString();
}

const identify = (order: ShopifyOrder) => ({ remoteId: String(order.id), displayId: order.name });

export const orderImport: ImportPlug<ShopifySettings, OrderImportSettings> = {
  key: "OrderImport",
  name: "Order import",
  description: "Imports new and changed Shopify orders with rows, VAT, shipping, discounts, customer and addresses.",
  direction: "import",
  recordType: "order",
  settings: plugSettings,
  defaultIntervalMinutes: 5,
  async fetchPage({ settings, plugSettings, watermark, cursor, io }) {
    const page = await listOrders(
      settings,
      io,
      cursor ? { pageInfo: cursor, limit: PAGE_SIZE } : { updatedAtMin: watermark ?? undefined, createdAtMin: plugSettings.startDate, limit: PAGE_SIZE },
    );
    return { items: page.orders, next: page.nextPageInfo, watermark: pageWatermark(page.orders) };
  },
  identify: (item) => identify(item as ShopifyOrder),
  map(item, { plugSettings }) {
    const order = item as ShopifyOrder;
    const wanted = plugSettings.statuses;
    if (wanted.length && !wanted.includes(order.financial_status)) {
      return { ignore: `Financial status ${order.financial_status} is not among the statuses to import (${wanted.join(", ")})`, ...identify(order) };
    }
    return mapOrder(order);
  },
};
