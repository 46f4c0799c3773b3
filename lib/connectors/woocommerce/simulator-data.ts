/**
 * Deterministic seed data for the WooCommerce simulator: a small Swedish catalogue and orders
 * computed the way WooCommerce computes them (line subtotal/total around coupons, tax per line or
 * at subtotal level, shipping and fees with their own tax, totals from the rounded parts). An
 * order is a pure function of (seed, id), so 100,000 orders cost nothing until someone reads them.
 */
import { Dec, formatFixed, formatPlain, roundTo } from "@/lib/money/decimal";
import type { WcAddress, WcLineTax, WcOrder, WcProduct, WcTaxLine } from "./wc-types";
import { pick, prng } from "../simulator-random";

/** Seeded orders are placed from here on, one every STEP seconds. */
export const SEED_START_SEC = Date.UTC(2024, 0, 1) / 1000;
const STEP_SEC = 300;
/** The simulated shop's timezone (date_* fields are local, date_*_gmt UTC). */
const SITE_OFFSET_SEC = 3600;
export const FIRST_ORDER_ID = 1000;
const FIRST_PRODUCT_ID = 500;

export type TaxRate = { id: number; taxClass: string; percent: string; label: string; code: string };
export const taxRates: TaxRate[] = [
  { id: 1, taxClass: "", percent: "25", label: "Moms 25 %", code: "SE-MOMS 25-1" },
  { id: 2, taxClass: "reduced-rate", percent: "12", label: "Moms 12 %", code: "SE-MOMS 12-2" },
  { id: 3, taxClass: "books", percent: "6", label: "Moms 6 %", code: "SE-MOMS 6-3" },
  { id: 4, taxClass: "zero-rate", percent: "0", label: "Momsfri", code: "SE-MOMSFRI-4" },
];
const rateOfClass = (taxClass: string) => taxRates.find((r) => r.taxClass === taxClass) ?? taxRates[0];

const mix = (seed: number, id: number, stream: number) => (seed * 0x9e3779b1 + id * 0x85ebca6b + stream * 0xc2b2ae35) >>> 0;

/** WooCommerce's date format: seconds, no offset (local for date_*, UTC for date_*_gmt). */
export function wcDate(sec: number): string {
  return new Date(sec * 1000).toISOString().slice(0, 19);
}
export function wcDates(prefix: string, sec: number | null): Record<string, string | null> {
  return {
    [prefix]: sec === null ? null : wcDate(sec + SITE_OFFSET_SEC),
    [`${prefix}_gmt`]: sec === null ? null : wcDate(sec),
  };
}

// ---------- catalogue ----------

const productNames = [
  "Kaffekopp Åre", "Ullstrumpor Överkalix", "Smörkniv i björk", "Lingonsylt 400 g", "Knäckebröd råg",
  "Tröja Fjällräv", "Bok: Nils Holgerssons underbara resa", "Presentkort", "Kanelbullar 6-pack", "Dalahäst röd",
  "Ljusstake mässing", "Filt Ängsö", "Te Earl Grey 100 g", "Termos Kiruna", "Mössa Lovikka",
  "Bok: Pippi Långstrump", "Skärbräda ek", "Glögg alkoholfri", "Halsduk Östersund", "Kåsa rensdyrhorn",
];

/** The seeded catalogue: simple products, every 6th variable, every 7th without stock management. */
export function seedProducts(count: number, seed: number): WcProduct[] {
  return Array.from({ length: count }, (_, i) => {
    const rnd = prng(mix(seed, i, 1));
    const id = FIRST_PRODUCT_ID + i;
    const taxClass = pick(rnd, ["", "", "", "reduced-rate", "books", "zero-rate"]);
    const variable = i % 6 === 5;
    const manage = i % 7 !== 3;
    const price = formatFixed(new Dec(Math.floor(29 + rnd() * 900)).plus("0.00"), 2);
    const created = SEED_START_SEC - (count - i) * 86_400;
    const name = `${productNames[i % productNames.length]}${i >= productNames.length ? ` ${Math.floor(i / productNames.length) + 1}` : ""}`;
    return {
      id,
      name,
      slug: `produkt-${id}`,
      permalink: `https://butik.example.se/produkt/produkt-${id}/`,
      ...(wcDates("date_created", created) as { date_created: string; date_created_gmt: string }),
      ...(wcDates("date_modified", created + 3600) as { date_modified: string; date_modified_gmt: string }),
      type: variable ? "variable" : "simple",
      status: i % 11 === 10 ? "draft" : "publish",
      description: `<p>${name} – handgjord i Sverige.</p>`,
      short_description: "",
      sku: i % 13 === 12 ? "" : `SKU-${String(id)}`,
      global_unique_id: i % 4 === 0 ? `7350001${String(i).padStart(6, "0")}` : "",
      price,
      regular_price: variable ? "" : price,
      sale_price: "",
      tax_status: "taxable",
      tax_class: taxClass,
      manage_stock: manage,
      stock_quantity: manage ? Math.floor(rnd() * 200) : null,
      stock_status: "instock",
      backorders: i % 9 === 4 ? "notify" : "no",
      weight: (0.1 + Math.floor(rnd() * 20) / 10).toFixed(1),
      categories: [{ id: 15, name: "Okategoriserad", slug: "okategoriserad" }],
      variations: variable ? [id * 100 + 1, id * 100 + 2] : [],
      meta_data: [],
    };
  });
}

// ---------- orders ----------

const statusWeights: [string, number][] = [
  ["completed", 55], ["processing", 25], ["on-hold", 5], ["pending", 5], ["cancelled", 5], ["refunded", 3], ["failed", 2],
];
const firstNames = ["Åsa", "Björn", "Märta", "Jörgen", "Linnéa", "Øystein", "Zoë", "Frédéric", "Ingrid", "Sven", "Dragan", "Aino"];
const lastNames = ["Öberg", "Lindqvist", "Åkesson", "Nyström", "Hägg", "Ødegaard", "Bäckström", "Müller", "Virtanen", "Petrović"];
const places: [string, string, string][] = [
  ["Stockholm", "111 22", "SE"], ["Göteborg", "411 05", "SE"], ["Malmö", "211 20", "SE"], ["Umeå", "903 26", "SE"],
  ["Luleå", "972 31", "SE"], ["Örebro", "702 10", "SE"], ["Oslo", "0150", "NO"], ["København", "1050", "DK"], ["Helsinki", "00100", "FI"],
];
const payments: [string, string, boolean][] = [
  ["stripe", "Kreditkort (Stripe)", true], ["klarna_payments", "Klarna", true], ["swish", "Swish", true],
  ["bacs", "Direkt bankövervisning", false], ["cod", "Postförskott", false],
];

/** What the order index needs without generating the whole order. */
export type OrderSkeleton = { id: number; status: string; createdSec: number; modifiedSec: number };

export function orderSkeleton(seed: number, index: number): OrderSkeleton {
  const rnd = prng(mix(seed, index, 2));
  let roll = rnd() * 100;
  const status = statusWeights.find(([, w]) => (roll -= w) < 0)?.[0] ?? "completed";
  const createdSec = SEED_START_SEC + index * STEP_SEC + Math.floor(rnd() * STEP_SEC);
  // Most orders change again within days (paid, completed); some in bulk, i.e. in the same second.
  const modifiedSec = status === "pending" ? createdSec : createdSec + Math.floor(rnd() * 3 * 86_400);
  return { id: FIRST_ORDER_ID + index, status, createdSec, modifiedSec };
}

const money = (d: Dec) => formatFixed(d, 2);
/** A raw stored tax amount: WooCommerce keeps 6 decimals and trims zeros. */
const rawTax = (d: Dec) => formatPlain(roundTo(d, 6));

type Line = { total: Dec; subtotal: Dec; tax: Dec; subtotalTax: Dec; rawTax: Dec; rate: TaxRate };

/** One line's amounts as WooCommerce computes them, with prices entered excl. or incl. tax. */
function lineAmounts(unit: Dec, qty: number, rate: TaxRate, discount: Dec, inclPrices: boolean, roundAtSubtotal: boolean): Line {
  const r = new Dec(rate.percent).dividedBy(100);
  const gross = unit.times(qty);
  const afterDiscount = roundTo(gross.times(new Dec(1).minus(discount)), 2);
  if (inclPrices) {
    const taxOf = (incl: Dec) => roundTo(incl.times(r).dividedBy(r.plus(1)), 2);
    const tax = taxOf(afterDiscount);
    const subtotalTax = taxOf(gross);
    return { total: afterDiscount.minus(tax), subtotal: gross.minus(subtotalTax), tax, subtotalTax, rawTax: tax, rate };
  }
  const raw = afterDiscount.times(r);
  const tax = roundTo(raw, 2);
  return { total: afterDiscount, subtotal: gross, tax, subtotalTax: roundTo(gross.times(r), 2), rawTax: roundAtSubtotal ? raw : tax, rate };
}

const lineTaxes = (l: Line): WcLineTax[] => [{ id: l.rate.id, total: rawTax(l.rawTax), subtotal: rawTax(l.subtotalTax) }];
const sum = (values: Dec[]) => values.reduce((a, b) => a.plus(b), new Dec(0));

function address(rnd: () => number, withEmail: boolean): WcAddress {
  const first = pick(rnd, firstNames);
  const last = pick(rnd, lastNames);
  const [city, postcode, country] = pick(rnd, places);
  return {
    first_name: first,
    last_name: last,
    company: rnd() < 0.15 ? "Fika & Co AB" : "",
    address_1: `${pick(rnd, ["Storgatan", "Drottninggatan", "Kungsvägen", "Åvägen"])} ${1 + Math.floor(rnd() * 80)}`,
    address_2: rnd() < 0.2 ? "lgh 1102" : "",
    city,
    state: "",
    postcode,
    country,
    ...(withEmail ? { email: `${first}.${last}@example.se`.toLowerCase().normalize("NFD").replace(/[^\x20-\x7e]/g, "") } : {}),
    phone: `+46 70 ${String(1000000 + Math.floor(rnd() * 8999999)).slice(0, 7)}`,
  };
}

export type GenerateOptions = { seed: number; products: WcProduct[]; badOrderEvery?: number };

/** The full order for a skeleton. Every `badOrderEvery`th order's total is 10.00 too high (a broken plugin did it). */
export function generateOrder(sk: OrderSkeleton, opts: GenerateOptions): WcOrder {
  const rnd = prng(mix(opts.seed, sk.id, 3));
  const inclPrices = sk.id % 5 === 0;
  const roundAtSubtotal = !inclPrices && sk.id % 3 === 0;
  const coupon = rnd() < 0.2 ? "VÅR10" : undefined;
  const discount = coupon ? new Dec("0.1") : new Dec(0);

  const count = 1 + Math.floor(rnd() * rnd() * 10);
  const lines = Array.from({ length: count }, (_, i) => {
    const product = opts.products[Math.floor(rnd() * opts.products.length)];
    const qty = 1 + Math.floor(rnd() * rnd() * 4);
    const unit = new Dec(product.price || "99.00");
    const amounts = lineAmounts(unit, qty, rateOfClass(product.tax_class), discount, inclPrices, roundAtSubtotal);
    const variation = product.variations.length ? product.variations[i % product.variations.length] : 0;
    return { product, qty, variation, amounts };
  });

  const itemsIncl = sum(lines.map((l) => l.amounts.total.plus(l.amounts.tax)));
  const standard = taxRates[0];
  const shippingExcl = itemsIncl.greaterThan(800) ? new Dec(0) : new Dec("39.20");
  const shipping = lineAmounts(shippingExcl, 1, standard, new Dec(0), false, false);
  const fees = [
    ...(rnd() < 0.15 ? [{ name: "Fakturaavgift", amounts: lineAmounts(new Dec("29.00"), 1, standard, new Dec(0), false, false) }] : []),
    ...(rnd() < 0.05 ? [{ name: "Lojalitetsrabatt", amounts: lineAmounts(new Dec("-20.00"), 1, standard, new Dec(0), false, false) }] : []),
  ];

  const taxed = [...lines.map((l) => l.amounts), ...fees.map((f) => f.amounts)];
  const cartTax = roundTo(sum(taxed.map((a) => a.rawTax)), 2);
  const totalTax = cartTax.plus(shipping.tax);
  let total = sum(taxed.map((a) => a.total)).plus(shipping.total).plus(totalTax);
  if (opts.badOrderEvery && (sk.id - FIRST_ORDER_ID + 1) % opts.badOrderEvery === 0) total = total.plus(10);

  const taxLines: WcTaxLine[] = taxRates
    .filter((rate) => taxed.some((a) => a.rate.id === rate.id) || (rate.id === standard.id && shipping.tax.greaterThan(0)))
    .map((rate, i) => ({
      id: sk.id * 10 + 50 + i,
      rate_code: rate.code,
      rate_id: rate.id,
      label: rate.label,
      compound: false,
      tax_total: money(roundTo(sum(taxed.filter((a) => a.rate.id === rate.id).map((a) => a.rawTax)), 2)),
      shipping_tax_total: money(rate.id === standard.id ? shipping.tax : new Dec(0)),
      rate_percent: Number(rate.percent),
      meta_data: [],
    }));

  const [method, methodTitle, paidOnline] = pick(rnd, payments);
  const paid = paidOnline ? ["processing", "completed", "refunded"].includes(sk.status) : sk.status === "completed";
  const paidSec = paid ? sk.createdSec + 20 : null;
  const completedSec = sk.status === "completed" ? Math.max(sk.modifiedSec, sk.createdSec + 60) : null;
  const billing = address(rnd, true);
  const { email: _billingOnly, ...billingAsShipping } = billing;
  const shippingAddress = rnd() < 0.7 ? billingAsShipping : address(rnd, false);
  const discountTotal = sum(lines.map((l) => l.amounts.subtotal.minus(l.amounts.total)));
  const discountTax = sum(lines.map((l) => l.amounts.subtotalTax.minus(l.amounts.tax)));

  return {
    id: sk.id,
    parent_id: 0,
    number: String(sk.id),
    order_key: `wc_order_${sk.id.toString(36)}${Math.floor(rnd() * 1e9).toString(36)}`,
    created_via: "checkout",
    version: "9.8.5",
    status: sk.status,
    currency: "SEK",
    ...(wcDates("date_created", sk.createdSec) as { date_created: string; date_created_gmt: string }),
    ...(wcDates("date_modified", sk.modifiedSec) as { date_modified: string; date_modified_gmt: string }),
    discount_total: money(discountTotal),
    discount_tax: money(discountTax),
    shipping_total: money(shipping.total),
    shipping_tax: money(shipping.tax),
    cart_tax: money(cartTax),
    total: money(total),
    total_tax: money(totalTax),
    prices_include_tax: inclPrices,
    customer_id: rnd() < 0.3 ? 0 : 1 + Math.floor(rnd() * 5000),
    customer_ip_address: "192.0.2.10",
    customer_user_agent: "Mozilla/5.0",
    customer_note: rnd() < 0.1 ? "Lämna paketet hos grannen, tack! 📦" : "",
    billing,
    shipping: shippingAddress,
    payment_method: method,
    payment_method_title: methodTitle,
    transaction_id: paid && paidOnline ? `txn_${sk.id}` : "",
    ...(wcDates("date_paid", paidSec) as { date_paid: string | null; date_paid_gmt: string | null }),
    ...(wcDates("date_completed", completedSec) as { date_completed: string | null; date_completed_gmt: string | null }),
    cart_hash: "",
    meta_data: [{ id: sk.id * 10 + 1, key: "_wc_order_attribution_source_type", value: pick(rnd, ["organic", "typein", "utm"]) }],
    line_items: lines.map((l, i) => ({
      id: sk.id * 10 + i,
      name: l.variation ? `${l.product.name} - ${i % 2 ? "M" : "L"}` : l.product.name,
      product_id: l.product.id,
      variation_id: l.variation,
      quantity: l.qty,
      tax_class: l.product.tax_class,
      subtotal: money(l.amounts.subtotal),
      subtotal_tax: money(l.amounts.subtotalTax),
      total: money(l.amounts.total),
      total_tax: money(l.amounts.tax),
      taxes: lineTaxes(l.amounts),
      meta_data: [],
      sku: l.product.sku ? (l.variation ? `${l.product.sku}-${l.variation % 100}` : l.product.sku) : `GEN-${l.product.id}`,
      price: l.amounts.total.dividedBy(l.qty).toNumber(),
    })),
    tax_lines: taxLines,
    shipping_lines: [
      {
        id: sk.id * 10 + 40,
        method_title: shippingExcl.isZero() ? "Fri frakt" : "PostNord Varubrev",
        method_id: shippingExcl.isZero() ? "free_shipping" : "flat_rate",
        instance_id: shippingExcl.isZero() ? "2" : "1",
        total: money(shipping.total),
        total_tax: money(shipping.tax),
        taxes: shipping.tax.isZero() ? [] : lineTaxes(shipping),
        meta_data: [],
      },
    ],
    fee_lines: fees.map((f, i) => ({
      id: sk.id * 10 + 45 + i,
      name: f.name,
      tax_class: "",
      tax_status: "taxable" as const,
      total: money(f.amounts.total),
      total_tax: money(f.amounts.tax),
      taxes: lineTaxes(f.amounts),
      meta_data: [],
    })),
    coupon_lines: coupon
      ? [{ id: sk.id * 10 + 48, code: coupon.toLowerCase(), discount: money(discountTotal), discount_tax: money(discountTax), meta_data: [] }]
      : [],
    refunds: sk.status === "refunded" ? [{ id: sk.id * 10 + 49, reason: "Ångerrätt", total: `-${money(total)}` }] : [],
  };
}
