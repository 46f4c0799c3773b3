/**
 * Pure mapping between Shopify's REST shapes and Crossdock records. Money is read from Shopify's
 * decimal strings and computed with Dec; nothing passes through a JS float.
 *
 * How Shopify's money maps onto an order:
 * - line and shipping prices are incl. tax when the order says taxes_included, excl. otherwise;
 * - every discount, order-level codes included, arrives allocated to lines (discount_allocations),
 *   and Shopify taxes each line after its allocations, so the allocations are deducted from the
 *   row (discountExclVat records them) rather than becoming a separate row with mixed VAT;
 * - tax is rounded per line; when total_price differs from the rows by such rounding (at most one
 *   minor unit per row), the difference becomes a 0 % "Rounding" fee row, the place the order
 *   schema gives rounding. A larger difference is a broken order: RecordError.
 */
import { Dec, formatFixed, formatPlain, isDecimalString, minorUnits } from "@/lib/money";
import { isCountryCode } from "@/lib/records/countries";
import { translatedText } from "@/lib/records/fields";
import { RecordError } from "../errors";
import type { ExportedRecord, ImportedRecord } from "../types";
import type { ShopifyAddress, ShopifyDiscountAllocation, ShopifyFinancialStatus, ShopifyId, ShopifyOrder, ShopifyShop, ShopifyTaxLine } from "./shopify-types";

const MODULE = "shopify";
/** Decimals kept on a unit price that does not divide evenly (e.g. 100.00 / 3): exact to the minor unit for any realistic quantity. */
const UNIT_PRICE_DECIMALS = 8;
/** customData values are capped at 10 kB; the line item ids are only worth keeping while they fit. */
const LINE_IDS_MAX_BYTES = 8 * 1024;

type Row = Record<string, string | null | undefined>;
type Money = { minor: number; taxesIncluded: boolean };

// ---------- reading Shopify values ----------

function decimal(value: unknown, field: string): Dec {
  const text = typeof value === "number" ? String(value) : value;
  if (!isDecimalString(text)) throw new RecordError(`Shopify sent ${field} = ${JSON.stringify(value)}, which is not a decimal number`, field);
  return new Dec(text);
}

const sum = (values: Dec[]) => values.reduce((acc, v) => acc.plus(v), new Dec(0));

/** Text that is there: empty strings are treated as absent; long values are cut to the schema's limit. */
function present(value: string | null | undefined, max = 200): string | undefined {
  return value && value.trim() ? value.slice(0, max) : undefined;
}

/** Drops absent values so the write body leaves nothing half-set. */
function compact<T extends Record<string, unknown>>(obj: T): T {
  // A loop, not entries/filter/fromEntries: this runs for every row and address of every order.
  const out: Record<string, unknown> = {};
  for (const k in obj) if (obj[k] !== undefined && obj[k] !== null) out[k] = obj[k];
  return out as T;
}

/** Crossdock rows need a sku; Shopify's custom items and some gift cards have none, so their variant or line id stands in. */
function lineSku(line: { sku?: string | null; variant_id?: ShopifyId | null; id: ShopifyId }): string {
  return present(line.sku) ?? (line.variant_id ? `shopify-variant-${line.variant_id}` : `shopify-line-${line.id}`);
}

// ---------- rows ----------

function allocated(allocations: ShopifyDiscountAllocation[] | undefined, path: string): Dec {
  return sum((allocations ?? []).map((a, i) => decimal(a.amount, `${path}.discount_allocations[${i}].amount`)));
}

/** A unit price: exact when it divides evenly, otherwise UNIT_PRICE_DECIMALS decimals. */
function unitPrice(total: Dec, quantity: Dec, minor: number): string {
  const exact = total.dividedBy(quantity);
  return exact.decimalPlaces() <= minor ? formatFixed(exact, minor) : formatPlain(exact.toDecimalPlaces(UNIT_PRICE_DECIMALS, Dec.ROUND_HALF_UP));
}

/**
 * The money of one row from a Shopify line: price before discounts × quantity, the discounts
 * allocated to it and its tax lines (several when taxes stack, e.g. state + county).
 */
type Priced = { row: Row; excl: Dec; vat: Dec };

function taxedRow(line: { gross: Dec; discount: Dec; quantity: Dec; taxLines: ShopifyTaxLine[] }, path: string, m: Money): Priced {
  const vat = sum(line.taxLines.map((t, i) => decimal(t.price, `${path}.tax_lines[${i}].price`)));
  // A tax-exempt order keeps its tax lines at 0.00: the row's rate is then 0 %.
  const rate = vat.isZero() ? new Dec(0) : sum(line.taxLines.map((t, i) => decimal(t.rate, `${path}.tax_lines[${i}].rate`))).times(100);
  const net = line.gross.minus(line.discount);
  const excl = m.taxesIncluded ? net.minus(vat) : net;
  const incl = excl.plus(vat);
  const discountExcl = m.taxesIncluded ? line.discount.times(100).dividedBy(rate.plus(100)) : line.discount;
  const row = {
    quantity: formatPlain(line.quantity),
    pricePerUnitExclVat: unitPrice(excl, line.quantity, m.minor),
    pricePerUnitInclVat: unitPrice(incl, line.quantity, m.minor),
    discountExclVat: line.discount.isZero() ? undefined : formatFixed(discountExcl, m.minor),
    vatRatePercent: formatPlain(rate),
    vatAmount: formatFixed(vat, m.minor),
    totalExclVat: formatFixed(excl, m.minor),
    totalInclVat: formatFixed(incl, m.minor),
  };
  return { row: compact(row), excl, vat };
}

function itemRows(order: ShopifyOrder, m: Money): Priced[] {
  return order.line_items.map((line, i) => {
    const path = `line_items[${i}]`;
    if (!Number.isInteger(line.quantity) || line.quantity <= 0) {
      throw new RecordError(`Shopify sent ${path}.quantity = ${JSON.stringify(line.quantity)}; expected a whole number above 0`, `${path}.quantity`);
    }
    const quantity = new Dec(line.quantity);
    // Orders from before discount allocations existed (2019) carry only total_discount.
    const discount = line.discount_allocations?.length ? allocated(line.discount_allocations, path) : decimal(line.total_discount ?? "0", `${path}.total_discount`);
    const amounts = taxedRow({ gross: decimal(line.price, `${path}.price`).times(quantity), discount, quantity, taxLines: line.tax_lines ?? [] }, path, m);
    const name = present(line.name, 500) ?? [line.title, line.variant_title].filter(Boolean).join(" - ");
    return { ...amounts, row: { sku: lineSku(line), name, ...amounts.row } };
  });
}

function shippingRows(order: ShopifyOrder, m: Money): Priced[] {
  return (order.shipping_lines ?? []).map((line, i) => {
    const path = `shipping_lines[${i}]`;
    const amounts = taxedRow(
      { gross: decimal(line.price, `${path}.price`), discount: allocated(line.discount_allocations, path), quantity: new Dec(1), taxLines: line.tax_lines ?? [] },
      path,
      m,
    );
    return { ...amounts, row: compact({ sku: present(line.code), name: present(line.title, 500), ...amounts.row }) };
  });
}

/** The 0 % fee row that absorbs Shopify's per-line tax rounding. */
function roundingRow(difference: Dec, minor: number): Row {
  const amount = formatFixed(difference, minor);
  return { name: "Rounding", quantity: "1", pricePerUnitExclVat: amount, pricePerUnitInclVat: amount, vatRatePercent: "0", vatAmount: formatFixed(new Dec(0), minor), totalExclVat: amount, totalInclVat: amount };
}

/** Rows, fee rows and totals; throws RecordError when total_price is further off than per-line rounding explains. */
function money(order: ShopifyOrder, m: Money) {
  const rows = itemRows(order, m);
  const shipping = shippingRows(order, m);
  const all = [...rows, ...shipping];
  const total = decimal(order.total_price, "total_price");
  const excl = sum(all.map((r) => r.excl));
  const vat = sum(all.map((r) => r.vat));
  const difference = total.minus(excl).minus(vat);
  const tolerance = new Dec(all.length).dividedBy(new Dec(10).pow(m.minor));
  if (difference.abs().greaterThan(tolerance)) {
    throw new RecordError(
      `total_price ${order.total_price} ${order.currency} does not add up: the line items and shipping lines come to ${formatFixed(excl.plus(vat), m.minor)} ` +
        `(off by ${formatFixed(difference, m.minor)}, more than per-line tax rounding can explain)`,
      "total_price",
    );
  }
  return {
    rows: rows.map((r) => r.row),
    shippingRows: shipping.length ? shipping.map((r) => r.row) : undefined,
    feeRows: difference.isZero() ? undefined : [roundingRow(difference, m.minor)],
    totals: {
      totalExclVat: formatFixed(excl.plus(difference), m.minor),
      totalVat: formatFixed(vat, m.minor),
      totalInclVat: formatFixed(total, m.minor),
    },
  };
}

// ---------- statuses ----------

const paymentStatuses: Record<ShopifyFinancialStatus, string> = {
  pending: "unpaid",
  authorized: "authorized",
  partially_paid: "partiallyPaid",
  paid: "paid",
  partially_refunded: "partiallyRefunded",
  refunded: "refunded",
  voided: "unpaid",
};

const shippingStatuses: Record<string, string> = { fulfilled: "shipped", partial: "partiallyShipped", restocked: "returned" };

function orderStatus(o: ShopifyOrder): string {
  if (o.cancelled_at) return "cancelled";
  if (o.financial_status === "refunded") return "refunded";
  if (o.fulfillment_status === "fulfilled") return "completed";
  if (o.fulfillment_status === "partial") return "processing";
  return "new";
}

// ---------- customer and addresses ----------

function address(a: ShopifyAddress | null | undefined) {
  if (!a) return undefined;
  const name = present(a.name) ?? present([a.first_name, a.last_name].filter(Boolean).join(" "));
  return compact({
    name,
    company: present(a.company),
    street: present(a.address1, 500),
    street2: present(a.address2, 500),
    postalCode: present(a.zip, 30),
    city: present(a.city),
    region: present(a.province),
    countryCode: isCountryCode(a.country_code) ? a.country_code : undefined,
    phone: present(a.phone, 50),
  });
}

function customerBlock(o: ShopifyOrder) {
  return compact({
    customerNumber: o.customer ? String(o.customer.id) : undefined,
    email: present(o.email, 320) ?? present(o.customer?.email, 320),
    phone: present(o.phone, 50) ?? present(o.customer?.phone, 50),
    billingAddress: address(o.billing_address),
    shippingAddress: address(o.shipping_address),
  });
}

function shipments(o: ShopifyOrder) {
  const done = (o.fulfillments ?? []).filter((f) => f.status === "success");
  if (!done.length) return undefined;
  return done.map((f) =>
    compact({
      carrier: present(f.tracking_company, 100),
      trackingNumber: present(f.tracking_number),
      trackingUrl: present(f.tracking_url, 2000),
      shippedAt: f.created_at,
      rows: f.line_items.map((l) => ({ sku: lineSku(l), quantity: String(l.quantity) })),
    }),
  );
}

function lineItemIds(o: ShopifyOrder) {
  const ids = o.line_items.map((l) => compact({ id: String(l.id), variantId: l.variant_id ? String(l.variant_id) : undefined, productId: l.product_id ? String(l.product_id) : undefined }));
  return Buffer.byteLength(JSON.stringify(ids)) <= LINE_IDS_MAX_BYTES ? ids : undefined;
}

/** Shopify fields with no Crossdock field that are worth keeping (and the ids needed to talk about this order later). */
function customData(o: ShopifyOrder): Record<string, unknown> {
  const tags = (o.tags ?? "").split(",").map((t) => t.trim()).filter(Boolean);
  const data = compact({
    name: o.name,
    financialStatus: o.financial_status,
    fulfillmentStatus: o.fulfillment_status,
    taxesIncluded: o.taxes_included,
    totalTax: o.total_tax,
    tags: tags.length ? tags : undefined,
    gateways: o.payment_gateway_names?.length ? o.payment_gateway_names : undefined,
    discountCodes: o.discount_codes?.length ? o.discount_codes : undefined,
    customerId: o.customer ? String(o.customer.id) : undefined,
    cancelReason: o.cancel_reason,
    cancelledAt: o.cancelled_at,
    closedAt: o.closed_at,
    sourceName: o.source_name,
    lineItems: lineItemIds(o),
  });
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [`${MODULE}|${k}`, v]));
}

// ---------- orders ----------

/** A Shopify order as a Crossdock order write body. Throws RecordError for data no valid order can be made from. */
export function mapOrder(o: ShopifyOrder): ImportedRecord {
  const minor = minorUnits(o.currency);
  if (minor === undefined) throw new RecordError(`Shopify sent currency ${JSON.stringify(o.currency)}, which is not an ISO 4217 code`, "currency");
  if (!o.line_items?.length) throw new RecordError("The order has no line items", "line_items");
  const name = present(o.name, 100) ?? `#${o.order_number}`;
  const data = compact({
    orderNumber: name.replace(/^#/, ""),
    orderDate: o.processed_at ?? o.created_at,
    orderStatus: orderStatus(o),
    paymentStatus: paymentStatuses[o.financial_status],
    shippingStatus: o.fulfillment_status ? shippingStatuses[o.fulfillment_status] : "unshipped",
    currency: o.currency,
    customer: customerBlock(o),
    ...compact(money(o, { minor, taxesIncluded: o.taxes_included })),
    paymentMethod: o.payment_gateway_names?.length ? o.payment_gateway_names.join(", ") : present(o.gateway, 100),
    shipments: shipments(o),
    note: present(o.note, 5000),
    customData: customData(o),
  });
  return { remoteId: String(o.id), displayId: name, remoteRef: name, data };
}

// ---------- products ----------

const text = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/** The variant price in the shop's currency, incl. or excl. tax as the shop shows prices (shop.taxes_included). */
function shopPrice(record: ExportedRecord, shop: Pick<ShopifyShop, "currency" | "taxes_included">): string | undefined {
  const excl = text(record.priceExclVat);
  const incl = text(record.priceInclVat);
  if (excl === undefined && incl === undefined) return undefined;
  const currency = text(record.currency);
  if (currency && currency !== shop.currency) {
    throw new RecordError(`The product's prices are in ${currency}, but the Shopify shop sells in ${shop.currency}`, "currency");
  }
  const factor = decimal(record.vatRatePercent ?? "0", "vatRatePercent").dividedBy(100).plus(1);
  const price = shop.taxes_included ? (incl !== undefined ? new Dec(incl) : new Dec(excl!).times(factor)) : excl !== undefined ? new Dec(excl) : new Dec(incl!).dividedBy(factor);
  return formatFixed(price, minorUnits(shop.currency) ?? 2);
}

/** Product and variant fields for Shopify's product endpoints (one variant per Crossdock product). */
export function productToShopify(record: ExportedRecord, shop: Pick<ShopifyShop, "currency" | "taxes_included">) {
  const sku = text(record.sku);
  if (!sku?.trim()) throw new RecordError("The product has no sku", "sku");
  const stockType = text(record.stockType);
  const rate = text(record.vatRatePercent);
  const variant = compact({
    sku,
    price: shopPrice(record, shop),
    taxable: rate === undefined ? undefined : !new Dec(rate).isZero(),
    barcode: text(record.ean) ?? text(record.gtin),
    // Shopify takes weight as a JSON number; grams to one decimal are exact in a double.
    weight: text(record.weight) === undefined ? undefined : Number(formatFixed(new Dec(text(record.weight)!), 1)),
    weight_unit: text(record.weight) === undefined ? undefined : "g",
    inventory_management: stockType === "unmanaged" ? null : "shopify",
    inventory_policy: stockType === "backorder" ? "continue" : "deny",
  });
  return {
    product: compact({
      title: translatedText(record, "title") ?? sku,
      body_html: translatedText(record, "description") ?? undefined,
      status: record.active === false ? "draft" : "active",
    }),
    variant,
  };
}

/** Whole units available to sell, or why this product's stock is not sent. */
export function availableStock(record: ExportedRecord): number | { ignore: string } {
  if (record.stockType === "unmanaged") return { ignore: "Stock is not tracked for this product (stockType unmanaged)" };
  const stock = text(record.stock);
  if (stock === undefined) return { ignore: "The product has no stock value" };
  // Shopify counts whole units; a fraction that is not in stock cannot be sold.
  return new Dec(stock).floor().toNumber();
}
