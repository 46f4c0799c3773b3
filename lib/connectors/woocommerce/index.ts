/** WooCommerce: orders and products in, stock levels out, over the WooCommerce REST API v3. */
import { z } from "zod";
import { currencyCodes } from "@/lib/money/currencies";
import { Dec, isDecimalString } from "@/lib/money/decimal";
import { RecordError, RemoteError } from "../errors";
import { remoteUrl } from "../remote-url";
import type { Connector, ExportPlug, ImportPlug, RemoteIo } from "../types";
import { WooClient, type WooConnection } from "./client";
import { advance, decodeCursor, deltaParams, encodeCursor, firstCursor } from "./delta";
import { identifyOrder, identifyProduct, mapOrder, mapProduct, parseTaxClassRates } from "./map";
import { wcOrderStatuses, type WcProduct, type WcSystemStatus } from "./wc-types";

const PER_PAGE = 100;

const connectionSettings = z.object({
  storeUrl: remoteUrl("Your store's address, e.g. https://shop.example.com (WordPress permalinks must not be \"Plain\")."),
  consumerKey: z
    .string()
    .trim()
    .regex(/^ck_\w+$/, "A consumer key starts with ck_")
    .describe("Consumer key (ck_…) from WooCommerce → Settings → Advanced → REST API. Read/Write access is needed for stock updates."),
  consumerSecret: z.string().trim().regex(/^cs_\w+$/, "A consumer secret starts with cs_").describe("Consumer secret (cs_…) shown once when the key was created."),
});
type Settings = z.output<typeof connectionSettings>;

const orderImportSettings = z.object({
  statuses: z
    .array(z.enum(wcOrderStatuses))
    .min(1, "Choose at least one status")
    .default(["processing", "completed", "on-hold"])
    .describe("Import orders in these WooCommerce statuses; an order is imported again whenever it changes."),
  startDate: z
    .string()
    .trim()
    .refine((s) => !Number.isNaN(Date.parse(s)), "Enter a date such as 2025-01-01")
    .optional()
    .describe("First run only: import orders changed on or after this date (UTC), e.g. 2025-01-01. Empty: all orders."),
});

const productImportSettings = z.object({
  currency: z.enum(currencyCodes).describe("Your store's currency (WooCommerce → Settings → General); products carry no currency of their own."),
  pricesIncludeVat: z
    .boolean()
    .default(false)
    .describe("On when prices are entered including tax (WooCommerce → Settings → Tax → Prices entered with tax)."),
  taxClassRates: z
    .string()
    .default("standard=25, reduced-rate=12, zero-rate=0")
    .superRefine((s, ctx) => {
      const parsed = parseTaxClassRates(s);
      if ("problem" in parsed) ctx.addIssue({ code: "custom", message: parsed.problem as string });
    })
    .describe('VAT rate of each WooCommerce tax class, as "class=percent" separated by commas; "standard" is the standard class.'),
  weightUnit: z.enum(["kg", "g", "lbs", "oz"]).default("kg").describe("Your store's weight unit (WooCommerce → Settings → Products)."),
});

/** One delta page of orders or products (see delta.ts). */
async function fetchDelta(endpoint: string, args: { settings: WooConnection; watermark: string | null; cursor: string | null; io: RemoteIo; startDate?: string; params?: Record<string, string> }) {
  const position = args.cursor ? decodeCursor(args.cursor) : firstCursor(args.watermark, args.startDate);
  const page = await new WooClient(args.settings, args.io).list<{ date_modified_gmt: string }>(endpoint, { ...deltaParams(position, PER_PAGE), ...args.params });
  const { next, watermark } = advance(position, page.items, PER_PAGE);
  return { items: page.items, next: next && encodeCursor(next), ...(watermark ? { watermark } : {}) };
}

const orderImport: ImportPlug<Settings, z.output<typeof orderImportSettings>> = {
  key: "OrderImport",
  name: "Order import",
  description: "Imports new and changed WooCommerce orders.",
  direction: "import",
  recordType: "order",
  settings: orderImportSettings,
  defaultIntervalMinutes: 5,
  fetchPage: ({ settings, plugSettings, watermark, cursor, io }) =>
    fetchDelta("orders", { settings, watermark, cursor, io, startDate: plugSettings.startDate, params: { status: plugSettings.statuses.join(",") } }),
  identify: identifyOrder,
  map: (item) => mapOrder(item),
};

const productImport: ImportPlug<Settings, z.output<typeof productImportSettings>> = {
  key: "ProductImport",
  name: "Product import",
  description: "Imports new and changed simple and external WooCommerce products: SKU, title, price, stock. Variable and grouped products are skipped.",
  direction: "import",
  recordType: "product",
  settings: productImportSettings,
  defaultIntervalMinutes: 60,
  fetchPage: ({ settings, watermark, cursor, io }) => fetchDelta("products", { settings, watermark, cursor, io }),
  identify: identifyProduct,
  map: (item, { plugSettings }) => {
    const rates = parseTaxClassRates(plugSettings.taxClassRates);
    if ("problem" in rates) throw new RecordError(`Tax class rates: ${rates.problem}`);
    return mapProduct(item, { ...plugSettings, taxClassRates: rates as Record<string, string> });
  },
};

const stockUpdate: ExportPlug<Settings, Record<string, never>> = {
  key: "StockUpdate",
  name: "Stock update",
  description: "Sets the stock quantity of WooCommerce products that came from this connection's product import.",
  direction: "export",
  recordType: "product",
  settings: z.object({}),
  defaultIntervalMinutes: 15,
  async push(record, { settings, io }) {
    if (!record.remoteId || !/^\d+$/.test(record.remoteId)) {
      return { ignore: "Not linked to a WooCommerce product (no WooCommerce id): import it with Product import first" };
    }
    const stock = typeof record.stock === "string" && isDecimalString(record.stock) ? new Dec(record.stock) : undefined;
    if (!stock) return { ignore: "The product has no stock quantity" };
    if (!stock.isInteger()) throw new RecordError(`WooCommerce keeps stock in whole units; ${record.stock} cannot be sent`, "stock");
    try {
      const body = { manage_stock: true, stock_quantity: stock.toNumber() };
      const product = await new WooClient(settings, io).put<WcProduct>(`products/${record.remoteId}`, body);
      return { remoteId: String(product.id), message: `Stock set to ${product.stock_quantity}` };
    } catch (e) {
      // WooCommerce answers 400 "Invalid ID." for a deleted product: this record's problem, not the connection's.
      if (e instanceof RemoteError && (e.status === 400 || e.status === 404)) throw new RecordError(`WooCommerce product ${record.remoteId}: ${e.message}`);
      throw e;
    }
  },
};

export const woocommerceConnector: Connector<Settings> = {
  key: "woocommerce",
  name: "WooCommerce",
  category: "E-commerce",
  logo: "/connectors/woocommerce.svg",
  description: "WordPress shops running WooCommerce: orders and products in, stock levels out.",
  settings: connectionSettings,
  secretFields: ["consumerSecret"],
  async test(settings, io) {
    const status = await new WooClient(settings, io).get<WcSystemStatus>("system_status");
    const version = status.environment?.version ? ` ${status.environment.version}` : "";
    const currency = status.settings?.currency ? `, currency ${status.settings.currency}` : "";
    return { message: `WooCommerce${version} at ${status.environment?.home_url ?? settings.storeUrl}${currency}` };
  },
  plugs: [orderImport, productImport, stockUpdate],
};
