/**
 * Deterministic Shopify orders for the simulator: a Swedish shop (SEK, VAT 25/12/6 %, gift cards
 * untaxed) whose orders are computed the way Shopify computes them: discounts allocated to lines
 * (order codes spread across lines, remainder on the last), tax per line after discounts and
 * rounded per line, the order's tax_lines summed per rate before rounding (so total_tax can differ
 * from the lines by a cent), all money as strings. Order i is a pure function of (seed, i), so
 * 100,000 seeded orders cost nothing until a page asks for them.
 */
import type { ShopifyAddress, ShopifyDiscountAllocation, ShopifyDiscountApplication, ShopifyFinancialStatus, ShopifyLineItem, ShopifyOrder, ShopifyShippingLine, ShopifyTaxLine } from "./shopify-types";
import { pick, prng } from "../simulator-random";

export const ORDER_ID_BASE = 5_200_000_000_000;
const LINE_ID_BASE = 13_700_000_000_000;
export const PRODUCT_ID_BASE = 8_100_000_000_000;
const VARIANT_ID_BASE = 45_000_000_000_000;
const CUSTOMER_ID_BASE = 7_300_000_000_000;
/** Seeded orders are placed two minutes apart from here; each is last updated within that gap, so seeds are sorted by updated_at. */
export const SEED_START_MS = Date.UTC(2024, 0, 1, 7, 0, 0);
const SEED_SPACING_MS = 120_000;
/** The shop's UTC offset; Shopify answers in the shop's time zone. */
const SHOP_OFFSET = "+01:00";

export const seedCreatedMs = (i: number) => SEED_START_MS + i * SEED_SPACING_MS;
/** Whole seconds within the gap to the next seed, drawn first so the timeline can read it without building the order. */
const seedUpdateOffset = (r: Rand) => Math.floor(r() * (SEED_SPACING_MS / 1000 - 1)) * 1000;
const seedRand = (seed: number, i: number) => prng(seed * 1_000_003 + i);
export const seedUpdatedMs = (seed: number, i: number) => seedCreatedMs(i) + seedUpdateOffset(seedRand(seed, i));

/** Shopify's timestamp format: seconds, the shop's offset. */
export function shopTime(ms: number): string {
  const local = new Date(Math.floor(ms / 1000) * 1000 + 3_600_000);
  return local.toISOString().slice(0, 19) + SHOP_OFFSET;
}


type Rand = () => number;
const between = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

/** Catalogue prices are incl. VAT (rate in percent) as a Swedish B2C shop sets them; B2B orders (taxes_included false) get the excl. price. */
export const CATALOG = [
  { sku: "KAFFE-ANG-500", title: "Kaffe Ängsblom", variant: "500 g", price: "89.00", rate: 12 },
  { sku: "KAFFE-MORK-1K", title: "Kaffe Mörkrost", variant: "1 kg", price: "159.00", rate: 12 },
  { sku: "TE-EARL-100", title: "Te Earl Grey", variant: "100 g", price: "64.90", rate: 12 },
  { sku: "TROJA-ARE-M", title: "Tröja Åre", variant: "M", price: "499.00", rate: 25 },
  { sku: "TROJA-ARE-L", title: "Tröja Åre", variant: "L", price: "499.00", rate: 25 },
  { sku: "MOSSA-ULL", title: "Mössa i ull", variant: "Grå", price: "249.00", rate: 25 },
  { sku: "MUGG-KERAMIK", title: "Mugg keramik „Fjäll“", variant: null, price: "129.00", rate: 25 },
  { sku: "BOK-FIKA", title: "Boken om fika", variant: "Inbunden", price: "229.00", rate: 6 },
  { sku: "BOK-SKOG", title: "Skogens ljud – ljudbok", variant: null, price: "179.00", rate: 6 },
  { sku: "FILTER-4", title: "Kaffefilter nr 4", variant: "100 st", price: "24.50", rate: 25 },
  { sku: "", title: "Presentkort", variant: "500 kr", price: "500.00", rate: 0, giftCard: true },
] as const;

const PEOPLE = [
  ["Åsa", "Öberg"], ["Jörgen", "Ström"], ["Zoë", "Müller"], ["Łukasz", "Wąs"], ["Siân", "Ó Briain"],
  ["Björn", "Nyström"], ["Märta", "Lindqvist"], ["Øystein", "Dæhlie"], ["Ella", "Karlsson"], ["Ahmed", "Al-Sayed"],
] as const;
const PLACES = [
  ["Storgatan 1", "111 22", "Stockholm", "Stockholms län", "SE", "Sweden"],
  ["Kungsportsavenyn 12", "411 36", "Göteborg", "Västra Götalands län", "SE", "Sweden"],
  ["Stortorget 3", "211 22", "Malmö", "Skåne län", "SE", "Sweden"],
  ["Karl Johans gate 5", "0154", "Oslo", null, "NO", "Norway"],
  ["Strøget 20", "1160", "København K", null, "DK", "Denmark"],
  ["Mannerheimintie 4", "00100", "Helsinki", null, "FI", "Finland"],
] as const;
const SHIPPING = [
  { title: "PostNord Ombud", code: "PN-SERVICE-POINT", price: "49.00" },
  { title: "DHL Express", code: "DHL-EXPRESS", price: "129.00" },
  { title: "Budbee hemleverans", code: "BUDBEE-HOME", price: "69.00" },
] as const;
const SHIPPING_RATE = 25;
const TAGS = ["VIP", "Återkommande", "Nyhetsbrev", "Företag", "Instagram"] as const;
const NOTES = ["Lämna vid dörren, tack!", "Presentinslagning önskas 🎁", "Ring innan leverans"] as const;

const ascii = (s: string) => s.normalize("NFD").replace(/[^\x20-\x7e]/g, "").replace(/\s+/g, "").toLowerCase();

/** What an order is made of; buildOrder turns it into Shopify's JSON. */
export type OrderDraft = {
  index: number;
  createdMs: number;
  updatedMs: number;
  taxesIncluded: boolean;
  lines: { catalog: number; quantity: number; discountPercent: number }[];
  shipping: number | null;
  orderCode: { code: string; percent: number } | null;
  freeShippingCode: string | null;
  person: number;
  place: number;
  financial: ShopifyFinancialStatus;
  fulfillment: "fulfilled" | "partial" | null;
  cancelReason: ShopifyOrder["cancel_reason"];
  closed: boolean;
  gateway: string;
  tags: string[];
  note: string | null;
  /** Makes total_price disagree with the lines, as a broken app or import can. */
  broken: boolean;
};

function pickFinancial(r: Rand): ShopifyFinancialStatus {
  const x = r();
  if (x < 0.62) return "paid";
  if (x < 0.72) return "authorized";
  if (x < 0.8) return "pending";
  if (x < 0.86) return "partially_refunded";
  if (x < 0.91) return "refunded";
  if (x < 0.94) return "partially_paid";
  return "voided";
}

/** A random but plausible order draft. */
export function randomDraft(r: Rand, index: number, createdMs: number, updatedMs: number, broken: boolean): OrderDraft {
  const financial = pickFinancial(r);
  const cancelled = financial === "voided" || (financial === "refunded" && r() < 0.5);
  const settled = financial === "paid" || financial === "partially_refunded";
  const fulfillment = cancelled || !settled ? null : r() < 0.6 ? "fulfilled" : r() < 0.25 ? "partial" : null;
  const lines = Array.from({ length: between(r, 1, r() < 0.8 ? 4 : 10) }, () => ({
    catalog: between(r, 0, CATALOG.length - 1),
    quantity: r() < 0.7 ? 1 : between(r, 2, 5),
    discountPercent: r() < 0.15 ? pick(r, [10, 15, 20]) : 0,
  }));
  return {
    index,
    createdMs,
    updatedMs,
    taxesIncluded: r() < 0.75,
    lines,
    shipping: r() < 0.9 ? between(r, 0, SHIPPING.length - 1) : null,
    orderCode: r() < 0.2 ? pick(r, [{ code: "VÅR10", percent: 10 }, { code: "VÄLKOMMEN15", percent: 15 }]) : null,
    freeShippingCode: r() < 0.08 ? "FRIFRAKT" : null,
    person: between(r, 0, PEOPLE.length - 1),
    place: between(r, 0, PLACES.length - 1),
    financial,
    fulfillment,
    cancelReason: cancelled ? (financial === "voided" ? pick(r, ["declined", "customer"] as const) : "customer") : null,
    closed: fulfillment === "fulfilled" && r() < 0.5,
    gateway: financial === "pending" ? "manual" : pick(r, ["shopify_payments", "shopify_payments", "klarna", "gift_card"]),
    tags: TAGS.filter(() => r() < 0.15),
    note: r() < 0.1 ? pick(r, NOTES) : null,
    broken,
  };
}

/** The seeded order i (1-based) of a store seeded with `seed`. */
export function seedDraft(seed: number, i: number, badOrderEvery: number | undefined): OrderDraft {
  const r = seedRand(seed, i);
  const updated = seedCreatedMs(i) + seedUpdateOffset(r);
  return randomDraft(r, i, seedCreatedMs(i), updated, !!badOrderEvery && i % badOrderEvery === 0);
}

// ---------- Shopify's arithmetic, in exact öre ----------
// bigint minor units rather than Dec: exact too, and fast enough to build 100,000 orders on demand.

const ore = (text: string): bigint => {
  const [int, frac = ""] = text.split(".");
  return BigInt(int + frac.padEnd(2, "0").slice(0, 2));
};
const money = (v: bigint): string => {
  const abs = v < 0n ? -v : v;
  return `${v < 0n ? "-" : ""}${abs / 100n}.${(abs % 100n).toString().padStart(2, "0")}`;
};
/** a / b rounded half away from zero (b > 0). */
const divRound = (a: bigint, b: bigint): bigint => (a >= 0n ? (2n * a + b) / (2n * b) : -((-2n * a + b) / (2n * b)));
const sum = (values: bigint[]) => values.reduce((acc, v) => acc + v, 0n);

function allocate(gross: bigint, allocations: { index: number; amount: bigint }[]): { allocations: ShopifyDiscountAllocation[]; net: bigint } {
  const list = allocations.filter((a) => a.amount !== 0n).map((a) => ({ amount: money(a.amount), discount_application_index: a.index }));
  return { allocations: list, net: gross - sum(allocations.map((a) => a.amount)) };
}

/**
 * Tax per line after discounts, rounded per line as Shopify does. `sums` collects the unrounded
 * numerators per rate (over one denominator per order) for the order's own tax_lines.
 */
function taxLines(net: bigint, ratePercent: number, taxesIncluded: boolean, sums: Map<number, bigint>): ShopifyTaxLine[] {
  if (ratePercent === 0) return [];
  const numerator = net * BigInt(ratePercent);
  sums.set(ratePercent, (sums.get(ratePercent) ?? 0n) + numerator);
  return [{ title: "Moms", price: money(divRound(numerator, taxDenominator(ratePercent, taxesIncluded))), rate: ratePercent / 100 }];
}

const taxDenominator = (ratePercent: number, taxesIncluded: boolean) => BigInt(taxesIncluded ? 100 + ratePercent : 100);

function unitPrice(catalogPrice: string, ratePercent: number, taxesIncluded: boolean): bigint {
  const incl = ore(catalogPrice);
  return taxesIncluded ? incl : divRound(incl * 100n, BigInt(100 + ratePercent));
}

function address(d: OrderDraft): ShopifyAddress {
  const [first, last] = PEOPLE[d.person];
  const [street, zip, city, province, countryCode, country] = PLACES[d.place];
  return {
    first_name: first, last_name: last, name: `${first} ${last}`, company: d.taxesIncluded ? null : "Fika & Co AB",
    address1: street, address2: null, city, province, province_code: null, zip, country, country_code: countryCode,
    phone: `+46 70 ${123 + d.person * 111} ${String(10 + d.person * 7).padStart(2, "0")} 00`,
  };
}

/** Shopify's order JSON for a draft. */
export function buildOrder(d: OrderDraft): ShopifyOrder {
  const id = ORDER_ID_BASE + d.index;
  const sums = new Map<number, bigint>();
  const applications: ShopifyDiscountApplication[] = [];
  const apply = (a: ShopifyDiscountApplication) => applications.push(a) - 1;
  // One automatic application per line-discount percentage, like Shopify's "each" discounts.
  const linePercentApp = new Map<number, number>();
  for (const pct of new Set(d.lines.map((l) => l.discountPercent).filter(Boolean))) {
    linePercentApp.set(pct, apply({ type: "automatic", target_type: "line_item", target_selection: "entitled", allocation_method: "each", value: `${pct}.0`, value_type: "percentage", title: `Mängdrabatt ${pct} %` }));
  }
  const codeApp = d.orderCode ? apply({ type: "discount_code", target_type: "line_item", target_selection: "all", allocation_method: "across", value: `${d.orderCode.percent}.0`, value_type: "percentage", code: d.orderCode.code }) : -1;

  // Line discounts first, then the order code across what is left, remainder on the last line.
  const priced = d.lines.map((l) => {
    const c = CATALOG[l.catalog];
    const unit = unitPrice(c.price, c.rate, d.taxesIncluded);
    const gross = unit * BigInt(l.quantity);
    return { l, c, unit, gross, lineDiscount: divRound(gross * BigInt(l.discountPercent), 100n) };
  });
  const base = sum(priced.map((x) => x.gross - x.lineDiscount));
  const codeTotal = d.orderCode ? divRound(base * BigInt(d.orderCode.percent), 100n) : 0n;
  let codeLeft = codeTotal;
  const lineItems: ShopifyLineItem[] = priced.map((x, k) => {
    const share = k === priced.length - 1 || base === 0n ? codeLeft : divRound(codeTotal * (x.gross - x.lineDiscount), base);
    codeLeft -= share;
    const a = allocate(x.gross, [{ index: linePercentApp.get(x.l.discountPercent) ?? -1, amount: x.lineDiscount }, { index: codeApp, amount: share }]);
    return {
      id: LINE_ID_BASE + d.index * 16 + k,
      product_id: PRODUCT_ID_BASE + x.l.catalog,
      variant_id: VARIANT_ID_BASE + x.l.catalog,
      sku: x.c.sku,
      title: x.c.title,
      variant_title: x.c.variant,
      name: x.c.variant ? `${x.c.title} - ${x.c.variant}` : x.c.title,
      quantity: x.l.quantity,
      price: money(x.unit),
      total_discount: money(x.gross - a.net),
      discount_allocations: a.allocations,
      tax_lines: taxLines(a.net, x.c.rate, d.taxesIncluded, sums),
      taxable: x.c.rate !== 0,
      gift_card: "giftCard" in x.c,
      requires_shipping: !("giftCard" in x.c),
      fulfillment_status: d.fulfillment === "fulfilled" || (d.fulfillment === "partial" && k === 0) ? "fulfilled" : null,
    };
  });

  const shippingLines: ShopifyShippingLine[] = [];
  let shippingGross = 0n;
  let shippingNet = 0n;
  if (d.shipping !== null) {
    const s = SHIPPING[d.shipping];
    shippingGross = unitPrice(s.price, SHIPPING_RATE, d.taxesIncluded);
    const shipApp = d.freeShippingCode ? apply({ type: "discount_code", target_type: "shipping_line", target_selection: "all", allocation_method: "each", value: "100.0", value_type: "percentage", code: d.freeShippingCode }) : -1;
    const a = allocate(shippingGross, [{ index: shipApp, amount: d.freeShippingCode ? shippingGross : 0n }]);
    shippingNet = a.net;
    shippingLines.push({
      id: LINE_ID_BASE + d.index * 16 + 15, title: s.title, code: s.code, source: "shopify",
      price: money(shippingGross), discounted_price: money(a.net), discount_allocations: a.allocations,
      tax_lines: taxLines(a.net, SHIPPING_RATE, d.taxesIncluded, sums),
    });
  }

  const orderTax = [...sums].map(([rate, numerator]) => ({ rate, amount: divRound(numerator, taxDenominator(rate, d.taxesIncluded)) }));
  const totalTax = sum(orderTax.map((t) => t.amount));
  const itemsGross = sum(priced.map((x) => x.gross));
  const subtotal = base - codeTotal;
  const shippingDiscount = shippingGross - shippingNet;
  const total = subtotal + shippingNet + (d.taxesIncluded ? 0n : totalTax) + (d.broken ? 10_000n : 0n);

  const [first, last] = PEOPLE[d.person];
  const email = `${ascii(first)}.${ascii(last)}@example.se`;
  const created = shopTime(d.createdMs);
  const updated = shopTime(d.updatedMs);
  const addr = address(d);
  return {
    id,
    admin_graphql_api_id: `gid://shopify/Order/${id}`,
    name: `#${1000 + d.index}`,
    order_number: 1000 + d.index,
    number: d.index,
    email,
    phone: null,
    created_at: created,
    updated_at: updated,
    processed_at: created,
    closed_at: d.closed ? updated : null,
    cancelled_at: d.cancelReason ? updated : null,
    cancel_reason: d.cancelReason,
    currency: "SEK",
    taxes_included: d.taxesIncluded,
    total_price: money(total),
    subtotal_price: money(subtotal),
    total_line_items_price: money(itemsGross),
    total_tax: money(totalTax),
    total_discounts: money(itemsGross - subtotal + shippingDiscount),
    financial_status: d.financial,
    fulfillment_status: d.fulfillment,
    tags: d.tags.join(", "),
    note: d.note,
    gateway: d.gateway,
    payment_gateway_names: [d.gateway],
    source_name: "web",
    customer_locale: "sv-SE",
    discount_codes: [
      ...(d.orderCode ? [{ code: d.orderCode.code, amount: money(codeTotal), type: "percentage" as const }] : []),
      ...(d.freeShippingCode ? [{ code: d.freeShippingCode, amount: money(shippingDiscount), type: "shipping" as const }] : []),
    ],
    discount_applications: applications,
    tax_lines: orderTax.map((t) => ({ title: "Moms", price: money(t.amount), rate: t.rate / 100 })),
    line_items: lineItems,
    shipping_lines: shippingLines,
    fulfillments: d.fulfillment ? [fulfillment(d, lineItems, updated)] : [],
    customer: { id: CUSTOMER_ID_BASE + d.person, email, first_name: first, last_name: last, phone: addr.phone, tags: "" },
    billing_address: addr,
    shipping_address: d.shipping === null ? null : { ...addr, company: null },
  };
}

function fulfillment(d: OrderDraft, lines: ShopifyLineItem[], at: string): ShopifyOrder["fulfillments"][number] {
  const shipped = d.fulfillment === "partial" ? lines.slice(0, 1) : lines;
  const tracking = `00370${String(d.index).padStart(13, "0")}`;
  return {
    id: 4_900_000_000_000 + d.index,
    status: "success",
    created_at: at,
    tracking_company: "PostNord",
    tracking_number: tracking,
    tracking_url: `https://tracking.postnord.com/se/?id=${tracking}`,
    line_items: shipped.map((l) => ({ id: l.id, sku: l.sku, quantity: l.quantity })),
  };
}
