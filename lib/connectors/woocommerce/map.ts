/**
 * WooCommerce → Crossdock mapping, pure and exact (Dec, never floats).
 *
 * Orders: a WooCommerce line's `total` is excl. tax and after coupons (`subtotal` is before), its
 * tax rounded per line; shipping and fee lines carry their own tax; coupon lines only explain the
 * discount already inside the line totals. A shop that rounds tax at subtotal level has an order
 * total that differs from the sum of its rounded lines by a few minor units: that difference
 * becomes a 0 % "Rounding" fee row, as commerce.ts intends. A larger difference is a broken order
 * and fails with a RecordError.
 */
import { minorUnits } from "@/lib/money/currencies";
import { Dec, formatFixed, formatPlain, isDecimalString, roundTo } from "@/lib/money/decimal";
import { isCountryCode } from "@/lib/records/countries";
import { RecordError } from "../errors";
import type { ImportedRecord, MapResult } from "../types";
import type { WcAddress, WcLineTax, WcOrder, WcProduct, WcTaxLine } from "./wc-types";

const KEY = "woocommerce";
const cd = (name: string) => `${KEY}|${name}`;

// ---------- reading remote values ----------

function decimalOf(value: unknown, field: string): Dec {
  if (typeof value === "number" && Number.isFinite(value)) return new Dec(String(value));
  const s = typeof value === "string" ? value.trim() : "";
  if (s === "") return new Dec(0);
  if (!isDecimalString(s)) throw new RecordError(`${field} is ${JSON.stringify(value)}, not a decimal amount`, field);
  return new Dec(s);
}

/** A remote decimal string, checked, kept as sent ("199.00" keeps its decimals). */
function decimalText(value: string, field: string): string {
  decimalOf(value, field);
  return value.trim();
}

/** customData from [name, value] pairs, leaving out empty values. */
function customData(entries: [string, unknown][]): Record<string, unknown> {
  return Object.fromEntries(entries.filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => [cd(k), v]));
}

const textOrNull = (v: unknown): string | null => (typeof v === "string" && v.trim() !== "" ? v.trim() : null);
/** WooCommerce *_gmt dates have no offset; they are UTC. */
const utc = (v: string | null | undefined): string | null => (v ? `${v.replace(/Z$/, "")}Z` : null);

function asOrder(item: unknown): WcOrder {
  const o = item as Partial<WcOrder> | null;
  if (!o || typeof o !== "object" || typeof o.id !== "number" || !Array.isArray(o.line_items)) {
    throw new RecordError("Not a WooCommerce order (no id or line_items)");
  }
  return o as WcOrder;
}

// ---------- rows ----------

type Money = { minor: number; fmt: (d: Dec) => string };

function moneyOf(currency: string): Money {
  const minor = minorUnits(currency);
  if (minor === undefined) throw new RecordError(`Unknown currency ${JSON.stringify(currency)}: not an ISO 4217 code`, "currency");
  return { minor, fmt: (d) => formatFixed(d, minor) };
}

/** Tax rate in percent of a line from its taxes and the order's tax lines; compound rates apply on top of the others. */
function ratePercent(taxes: WcLineTax[], taxLines: WcTaxLine[], total: Dec, tax: Dec, where: string): Dec {
  if (tax.isZero()) return new Dec(0);
  const applied = taxes.map((t) => taxLines.find((l) => l.rate_id === t.id));
  if (!applied.length || applied.some((l) => typeof l?.rate_percent !== "number")) {
    // Stores before WooCommerce 5.7 send no rate_percent: derive the rate from the line itself.
    if (total.isZero()) throw new RecordError(`${where} has tax ${formatPlain(tax)} on a total of 0`, where);
    return roundTo(tax.dividedBy(total).times(100), 2);
  }
  const factor = (compound: boolean) =>
    applied.filter((l) => Boolean(l?.compound) === compound).reduce((f, l) => f.plus(new Dec(String(l?.rate_percent)).dividedBy(100)), new Dec(0));
  return new Dec(1).plus(factor(false)).times(new Dec(1).plus(factor(true))).minus(1).times(100);
}

type RowInput = { sku?: string | null; name: string; quantity: Dec; totalExcl: Dec; vat: Dec; rate: Dec; discountExcl?: Dec };

/** A Crossdock row whose unit price reproduces the remote row total exactly at the currency's minor unit. */
function row(r: RowInput, m: Money, where: string): Record<string, string> {
  if (r.quantity.isZero()) throw new RecordError(`${where} has quantity 0`, where);
  return {
    ...(r.sku ? { sku: r.sku } : {}),
    name: r.name,
    quantity: formatPlain(r.quantity),
    pricePerUnitExclVat: formatPlain(r.totalExcl.dividedBy(r.quantity).toDecimalPlaces(10)),
    ...(r.discountExcl && !r.discountExcl.isZero() ? { discountExclVat: m.fmt(r.discountExcl) } : {}),
    vatRatePercent: formatPlain(r.rate.toDecimalPlaces(6)),
    vatAmount: m.fmt(r.vat),
    totalExclVat: m.fmt(r.totalExcl),
    totalInclVat: m.fmt(r.totalExcl.plus(r.vat)),
  };
}

function itemRows(o: WcOrder, m: Money) {
  return o.line_items.map((l, i) => {
    const where = `line_items.${i}`;
    const totalExcl = decimalOf(l.total, `${where}.total`);
    const vat = decimalOf(l.total_tax, `${where}.total_tax`);
    return row(
      {
        // Crossdock rows need a SKU; a product without one is still identified by its WooCommerce id.
        sku: textOrNull(l.sku) ?? `${KEY}:${l.variation_id || l.product_id || `line-${l.id}`}`,
        name: l.name,
        quantity: decimalOf(l.quantity, `${where}.quantity`),
        totalExcl,
        vat,
        rate: ratePercent(l.taxes ?? [], o.tax_lines ?? [], totalExcl, vat, where),
        discountExcl: decimalOf(l.subtotal, `${where}.subtotal`).minus(totalExcl),
      },
      m,
      where,
    );
  });
}

function chargeRows(o: WcOrder, m: Money) {
  const charge = (name: string, total: string, totalTax: string, taxes: WcLineTax[], where: string) => {
    const totalExcl = decimalOf(total, `${where}.total`);
    const vat = decimalOf(totalTax, `${where}.total_tax`);
    return row({ name, quantity: new Dec(1), totalExcl, vat, rate: ratePercent(taxes ?? [], o.tax_lines ?? [], totalExcl, vat, where) }, m, where);
  };
  return {
    shippingRows: (o.shipping_lines ?? []).map((s, i) => charge(s.method_title || s.method_id, s.total, s.total_tax, s.taxes, `shipping_lines.${i}`)),
    feeRows: (o.fee_lines ?? []).map((f, i) => charge(f.name, f.total, f.total_tax, f.taxes, `fee_lines.${i}`)),
  };
}

/**
 * Totals from the rows, plus a 0 % rounding row when WooCommerce's total differs from them by at
 * most one minor unit per row (tax rounded at subtotal level); beyond that the order is broken.
 */
function balance(o: WcOrder, rows: Record<string, string>[], m: Money) {
  const sum = (key: string) => rows.reduce((s, r) => s.plus(r[key]), new Dec(0));
  const excl = sum("totalExclVat");
  const vat = sum("vatAmount");
  const total = decimalOf(o.total, "total");
  const diff = total.minus(excl.plus(vat));
  const tolerance = new Dec(rows.length).dividedBy(new Dec(10).pow(m.minor));
  if (diff.abs().greaterThan(tolerance)) {
    throw new RecordError(
      `Order total ${o.total} does not add up: its lines come to ${m.fmt(excl)} excl. tax + ${m.fmt(vat)} tax = ${m.fmt(excl.plus(vat))} (difference ${m.fmt(diff)})`,
      "total",
    );
  }
  const rounding = diff.isZero() ? [] : [row({ name: "Rounding", quantity: new Dec(1), totalExcl: diff, vat: new Dec(0), rate: new Dec(0) }, m, "rounding")];
  return { rounding, totals: { totalExclVat: m.fmt(excl.plus(diff)), totalVat: m.fmt(vat), totalInclVat: m.fmt(total) } };
}

// ---------- statuses ----------

const orderStatusOf: Record<string, string> = {
  pending: "new",
  "checkout-draft": "new",
  // A failed payment can be retried by the customer: the order is still open.
  failed: "new",
  processing: "processing",
  "on-hold": "onHold",
  completed: "completed",
  cancelled: "cancelled",
  refunded: "refunded",
};

function paymentStatusOf(o: WcOrder): string {
  if (o.status === "refunded") return "refunded";
  if (o.refunds?.length) return "partiallyRefunded";
  return o.date_paid_gmt ? "paid" : "unpaid";
}

function shippingStatusOf(status: string): string | null {
  if (status === "completed") return "shipped";
  return status === "refunded" ? null : "unshipped";
}

// ---------- customer ----------

function address(a: Partial<WcAddress> | undefined): Record<string, string | null> | null {
  if (!a) return null;
  const out = {
    name: textOrNull([a.first_name, a.last_name].filter(Boolean).join(" ")),
    company: textOrNull(a.company),
    street: textOrNull(a.address_1),
    street2: textOrNull(a.address_2),
    postalCode: textOrNull(a.postcode),
    city: textOrNull(a.city),
    region: textOrNull(a.state),
    // WooCommerce's country list is ISO 3166-1; anything else (a plugin's own code) is left out rather than failing the order.
    countryCode: isCountryCode(a.country) ? (a.country as string) : null,
    phone: textOrNull(a.phone),
    email: textOrNull(a.email),
  };
  return Object.values(out).some((v) => v !== null) ? out : null;
}

function customer(o: WcOrder) {
  return {
    customerNumber: o.customer_id ? String(o.customer_id) : null,
    email: textOrNull(o.billing?.email),
    phone: textOrNull(o.billing?.phone),
    billingAddress: address(o.billing),
    shippingAddress: address(o.shipping),
  };
}

// ---------- order ----------

/** WooCommerce fields without a Crossdock field that are worth keeping. */
function orderCustomData(o: WcOrder): Record<string, unknown> {
  const meta = (o.meta_data ?? []).map(({ key, value }) => ({ key, value }));
  return customData([
    ["status", o.status],
    ["customerId", o.customer_id || null],
    ["paymentMethodId", textOrNull(o.payment_method)],
    ["createdVia", textOrNull(o.created_via)],
    ["pricesIncludeTax", o.prices_include_tax],
    ["dateCompleted", utc(o.date_completed_gmt)],
    ["coupons", o.coupon_lines?.length ? o.coupon_lines.map((c) => ({ code: c.code, discount: c.discount, discountTax: c.discount_tax })) : null],
    ["refunds", o.refunds?.length ? o.refunds.map((r) => ({ id: r.id, reason: r.reason, total: r.total })) : null],
    ["lineItems", o.line_items.map((l) => ({ id: l.id, productId: l.product_id, variationId: l.variation_id }))],
    // customData values are at most 10 kB; plugins can store far more in order meta.
    ["metaData", meta.length && JSON.stringify(meta).length <= 8_000 ? meta : null],
  ]);
}

function payments(o: WcOrder, m: Money) {
  if (!o.date_paid_gmt) return null;
  const status = o.status === "refunded" ? "refunded" : "paid";
  return [{ method: textOrNull(o.payment_method), amount: m.fmt(decimalOf(o.total, "total")), reference: textOrNull(o.transaction_id), status, paidAt: utc(o.date_paid_gmt) }];
}

/** An order's ids, even for one mapOrder refuses (keys the error queue). */
export function identifyOrder(item: unknown): { remoteId: string; displayId: string } {
  const o = (item ?? {}) as Partial<WcOrder>;
  const number = String(o.number || o.id || "?");
  return { remoteId: String(o.id ?? "?"), displayId: `#${number}` };
}

export function mapOrder(item: unknown): ImportedRecord {
  const o = asOrder(item);
  const m = moneyOf(o.currency);
  const rows = itemRows(o, m);
  const { shippingRows, feeRows } = chargeRows(o, m);
  const { rounding, totals } = balance(o, [...rows, ...shippingRows, ...feeRows], m);
  const data = {
    orderNumber: String(o.number || o.id),
    orderDate: utc(o.date_created_gmt) ?? o.date_created,
    orderStatus: orderStatusOf[o.status] ?? null,
    paymentStatus: paymentStatusOf(o),
    shippingStatus: shippingStatusOf(o.status),
    currency: o.currency,
    customer: customer(o),
    rows,
    shippingRows,
    feeRows: [...feeRows, ...rounding],
    totals,
    paymentMethod: textOrNull(o.payment_method_title) ?? textOrNull(o.payment_method),
    payments: payments(o, m),
    note: textOrNull(o.customer_note),
    customData: orderCustomData(o),
  };
  const ids = identifyOrder(o);
  return { ...ids, remoteRef: ids.displayId, data };
}

// ---------- product ----------

export type ProductMapSettings = {
  currency: string;
  pricesIncludeVat: boolean;
  /** Tax class slug ("standard" for WooCommerce's empty standard class) → VAT rate in percent. */
  taxClassRates: Record<string, string>;
  weightUnit: "kg" | "g" | "lbs" | "oz";
};

const gramsPer: Record<ProductMapSettings["weightUnit"], string> = { kg: "1000", g: "1", lbs: "453.59237", oz: "28.349523125" };

/** "standard=25, reduced-rate=12" → { standard: "25", "reduced-rate": "12" }, or the part that is not. */
export function parseTaxClassRates(text: string): Record<string, string> | { problem: string } {
  const rates: Record<string, string> = {};
  for (const part of text.split(",").map((p) => p.trim()).filter(Boolean)) {
    const [cls, rate] = part.split("=").map((s) => s.trim());
    if (!cls || !rate || !isDecimalString(rate) || new Dec(rate).lessThan(0) || !new Dec(rate).lessThan(100)) {
      return { problem: `"${part}" is not "tax-class=rate", e.g. "reduced-rate=12"` };
    }
    rates[cls] = rate;
  }
  return rates;
}

function productRate(p: WcProduct, s: ProductMapSettings): string {
  if (p.tax_status === "none") return "0";
  const cls = p.tax_class || "standard";
  const rate = Object.hasOwn(s.taxClassRates, cls) ? s.taxClassRates[cls] : undefined;
  if (rate === undefined) throw new RecordError(`Tax class "${cls}" has no VAT rate in the plug settings (tax class rates)`, "tax_class");
  return rate;
}

function stockFields(p: WcProduct) {
  if (!p.manage_stock) return { stockType: "unmanaged" };
  return { stock: String(p.stock_quantity ?? 0), stockType: p.backorders === "no" ? "managed" : "backorder" };
}

function identifiers(code: string | undefined) {
  const c = code?.trim() ?? "";
  if (/^(\d{8}|\d{13})$/.test(c)) return { ean: c };
  return /^(\d{12}|\d{14})$/.test(c) ? { gtin: c } : {};
}

/** A product's ids, even for one mapProduct refuses. */
export function identifyProduct(item: unknown): { remoteId: string; displayId: string } {
  const p = (item ?? {}) as Partial<WcProduct>;
  return { remoteId: String(p.id ?? "?"), displayId: p.sku || p.name || String(p.id ?? "?") };
}

export function mapProduct(item: unknown, s: ProductMapSettings): MapResult {
  const p = item as WcProduct;
  if (!p || typeof p.id !== "number") throw new RecordError("Not a WooCommerce product (no id)");
  const { remoteId, displayId } = identifyProduct(p);
  if (p.type === "variable") {
    return { remoteId, displayId, ignore: "Variable product: its variations are separate WooCommerce resources (products/{id}/variations) and are not imported" };
  }
  if (p.type === "grouped") return { remoteId, displayId, ignore: "Grouped product: it has no price or stock of its own" };
  if (!textOrNull(p.sku)) return { remoteId, displayId, ignore: "No SKU in WooCommerce; Crossdock matches products by SKU" };

  const price = textOrNull(p.regular_price) ?? textOrNull(p.price);
  const priceField = s.pricesIncludeVat ? "priceInclVat" : "priceExclVat";
  const weight = textOrNull(p.weight);
  const data = {
    sku: p.sku.trim(),
    title: p.name,
    description: textOrNull(p.description),
    vatRatePercent: productRate(p, s),
    ...(price ? { [priceField]: decimalText(price, "regular_price"), currency: s.currency } : {}),
    ...stockFields(p),
    ...(weight ? { weight: formatPlain(decimalOf(weight, "weight").times(gramsPer[s.weightUnit])) } : {}),
    ...identifiers(p.global_unique_id),
    active: p.status === "publish",
    customData: customData([
      ["type", p.type],
      ["status", p.status],
      ["stockStatus", p.stock_status],
      ["salePrice", textOrNull(p.sale_price)],
      ["slug", p.slug],
      ["permalink", p.permalink],
      ["categories", p.categories?.length ? p.categories.map((c) => c.name) : null],
    ]),
  };
  return { remoteId, displayId, data };
}
