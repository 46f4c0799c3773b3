import { describe, expect, it } from "vitest";
import { validateRecordData } from "@/lib/records/validate";
import { RecordError } from "../errors";
import type { ImportedRecord } from "../types";
import { mapOrder, mapProduct } from "./map";
import { generateOrder, orderSkeleton, seedProducts } from "./simulator-data";
import type { WcOrder } from "./wc-types";

const withoutCustomData = ({ customData: _, ...data }: Record<string, unknown>) => data;
const valid = (r: ImportedRecord, type: "order" | "product" = "order") => validateRecordData(type, withoutCustomData(r.data));

const address = { first_name: "Åsa", last_name: "Öberg", company: "", address_1: "Storgatan 1", address_2: "", city: "Umeå", state: "", postcode: "903 26", country: "SE" };
const tax = (id: number, total: string) => [{ id, total, subtotal: total }];

/** A SEK order as WooCommerce 9 sends it: coupon on two lines (25 % and 12 %), shipping, a fee, tax rounded at subtotal level. */
function realisticOrder(): WcOrder {
  return {
    id: 727, parent_id: 0, number: "727", order_key: "wc_order_x", created_via: "checkout", version: "9.8.5", status: "processing", currency: "SEK",
    date_created: "2025-03-31T14:05:00", date_created_gmt: "2025-03-31T12:05:00", date_modified: "2025-03-31T14:06:10", date_modified_gmt: "2025-03-31T12:06:10",
    discount_total: "22.17", discount_tax: "5.26", shipping_total: "39.20", shipping_tax: "9.80", cart_tax: "53.69", total: "327.82", total_tax: "63.49",
    prices_include_tax: false, customer_id: 42, customer_ip_address: "", customer_user_agent: "", customer_note: "Ring på dörren 🔔",
    billing: { ...address, email: "asa@example.se", phone: "+46 70 123 45 67" }, shipping: { ...address, address_1: "Lillgatan 2" },
    payment_method: "stripe", payment_method_title: "Kreditkort (Stripe)", transaction_id: "pi_123",
    date_paid: "2025-03-31T14:06:10", date_paid_gmt: "2025-03-31T12:06:10", date_completed: null, date_completed_gmt: null, cart_hash: "",
    meta_data: [{ id: 1, key: "is_vat_exempt", value: "no" }],
    line_items: [
      // 3 × 66.55 = 199.65, −10 % = 179.685 → 179.69; tax 25 % unrounded 44.9225
      { id: 1, name: "Kaffekopp Åre", product_id: 501, variation_id: 0, quantity: 3, tax_class: "", subtotal: "199.65", subtotal_tax: "49.91", total: "179.69", total_tax: "44.92", taxes: tax(1, "44.9225"), meta_data: [], sku: "MUG-ÅRE", price: 59.896667 },
      // 1 × 22.15, −10 % = 19.935 → 19.94 (discount 2.21); tax 12 % unrounded 2.3928
      { id: 2, name: "Lingonsylt 400 g", product_id: 502, variation_id: 0, quantity: 1, tax_class: "reduced-rate", subtotal: "22.15", subtotal_tax: "2.66", total: "19.94", total_tax: "2.39", taxes: tax(2, "2.3928"), meta_data: [], sku: "JAM-1", price: 19.94 },
    ],
    tax_lines: [
      { id: 9, rate_code: "SE-MOMS 25-1", rate_id: 1, label: "Moms", compound: false, tax_total: "51.30", shipping_tax_total: "9.80", rate_percent: 25, meta_data: [] },
      { id: 10, rate_code: "SE-MOMS 12-2", rate_id: 2, label: "Moms", compound: false, tax_total: "2.39", shipping_tax_total: "0.00", rate_percent: 12, meta_data: [] },
    ],
    shipping_lines: [{ id: 5, method_title: "PostNord Varubrev", method_id: "flat_rate", instance_id: "1", total: "39.20", total_tax: "9.80", taxes: tax(1, "9.8"), meta_data: [] }],
    // Fee 25.50 at 25 % = 6.375 unrounded: cart tax 44.9225 + 2.3928 + 6.375 = 53.6903 → 53.69 vs 44.92 + 2.39 + 6.38 = 53.69
    fee_lines: [{ id: 6, name: "Fakturaavgift", tax_class: "", tax_status: "taxable", total: "25.50", total_tax: "6.38", taxes: tax(1, "6.375"), meta_data: [] }],
    coupon_lines: [{ id: 7, code: "vår10", discount: "22.17", discount_tax: "5.26", meta_data: [] }],
    refunds: [],
  };
}

describe("mapOrder", () => {
  it("maps a realistic order with exact money, VAT per line, shipping, fees and the coupon discount", () => {
    // 179.69 + 19.94 + 39.20 + 25.50 = 264.33 excl.; 44.92 + 2.39 + 9.80 + 6.38 = 63.49 VAT; WooCommerce total 327.82
    const r = mapOrder(realisticOrder());
    expect(r).toMatchObject({ remoteId: "727", displayId: "#727", remoteRef: "#727" });
    const d = valid(r);
    expect(d.rows).toEqual([
      { sku: "MUG-ÅRE", name: "Kaffekopp Åre", quantity: "3", pricePerUnitExclVat: "59.8966666667", discountExclVat: "19.96", vatRatePercent: "25", vatAmount: "44.92", totalExclVat: "179.69", totalInclVat: "224.61" },
      { sku: "JAM-1", name: "Lingonsylt 400 g", quantity: "1", pricePerUnitExclVat: "19.94", discountExclVat: "2.21", vatRatePercent: "12", vatAmount: "2.39", totalExclVat: "19.94", totalInclVat: "22.33" },
    ]);
    expect(d.shippingRows).toEqual([{ name: "PostNord Varubrev", quantity: "1", pricePerUnitExclVat: "39.2", vatRatePercent: "25", vatAmount: "9.80", totalExclVat: "39.20", totalInclVat: "49.00" }]);
    expect(d.feeRows).toEqual([{ name: "Fakturaavgift", quantity: "1", pricePerUnitExclVat: "25.5", vatRatePercent: "25", vatAmount: "6.38", totalExclVat: "25.50", totalInclVat: "31.88" }]);
    expect(d.totals).toEqual({ totalExclVat: "264.33", totalVat: "63.49", totalInclVat: "327.82" });
    expect(d).toMatchObject({
      orderNumber: "727", orderDate: "2025-03-31T12:05:00Z", orderStatus: "processing", paymentStatus: "paid", shippingStatus: "unshipped", currency: "SEK",
      paymentMethod: "Kreditkort (Stripe)", note: "Ring på dörren 🔔",
      payments: [{ method: "stripe", amount: "327.82", reference: "pi_123", status: "paid", paidAt: "2025-03-31T12:06:10Z" }],
      customer: {
        customerNumber: "42", email: "asa@example.se", phone: "+46 70 123 45 67",
        billingAddress: { name: "Åsa Öberg", street: "Storgatan 1", postalCode: "903 26", city: "Umeå", countryCode: "SE", email: "asa@example.se", phone: "+46 70 123 45 67" },
        shippingAddress: { name: "Åsa Öberg", street: "Lillgatan 2", postalCode: "903 26", city: "Umeå", countryCode: "SE" },
      },
    });
    expect(r.data.customData).toMatchObject({
      "woocommerce|status": "processing",
      "woocommerce|customerId": 42,
      "woocommerce|paymentMethodId": "stripe",
      "woocommerce|coupons": [{ code: "vår10", discount: "22.17", discountTax: "5.26" }],
      "woocommerce|lineItems": [{ id: 1, productId: 501, variationId: 0 }, { id: 2, productId: 502, variationId: 0 }],
      "woocommerce|metaData": [{ key: "is_vat_exempt", value: "no" }],
    });
  });

  it("puts a cent from tax rounded at subtotal level into a 0 % rounding row", () => {
    const o = realisticOrder();
    // Σ unrounded line tax 44.9225 + 2.3928 + 6.375 = 53.6903; the shop rounded once: one cent less than the rounded lines.
    Object.assign(o, { cart_tax: "53.68", total_tax: "63.48", total: "327.81" });
    const d = valid(mapOrder(o));
    expect((d.feeRows as unknown[]).at(-1)).toEqual({ name: "Rounding", quantity: "1", pricePerUnitExclVat: "-0.01", vatRatePercent: "0", vatAmount: "0.00", totalExclVat: "-0.01", totalInclVat: "-0.01" });
    expect(d.totals).toEqual({ totalExclVat: "264.32", totalVat: "63.49", totalInclVat: "327.81" });
  });

  it("fails an order whose total does not add up, and one with an unknown currency", () => {
    const broken = realisticOrder();
    broken.total = "337.82";
    expect(() => mapOrder(broken)).toThrow(RecordError);
    expect(() => mapOrder(broken)).toThrow(/Order total 337.82 does not add up.*327.82.*difference 10.00/);
    expect(() => mapOrder({ ...realisticOrder(), currency: "XBT" })).toThrow(/Unknown currency "XBT"/);
    expect(() => mapOrder({ ...realisticOrder(), total: "12,50" })).toThrow(/total is "12,50", not a decimal/);
    expect(() => mapOrder({ id: 1 })).toThrow(RecordError);
  });

  it("maps WooCommerce statuses", () => {
    const statusOf = (status: string, paid: boolean, extra: Partial<WcOrder> = {}) => {
      const o = { ...realisticOrder(), status, date_paid_gmt: paid ? "2025-03-31T12:06:10" : null, ...extra };
      const d = valid(mapOrder(o));
      return [d.orderStatus, d.paymentStatus, d.shippingStatus];
    };
    expect(statusOf("pending", false)).toEqual(["new", "unpaid", "unshipped"]);
    expect(statusOf("on-hold", false)).toEqual(["onHold", "unpaid", "unshipped"]);
    expect(statusOf("processing", true)).toEqual(["processing", "paid", "unshipped"]);
    expect(statusOf("completed", true)).toEqual(["completed", "paid", "shipped"]);
    expect(statusOf("cancelled", false)).toEqual(["cancelled", "unpaid", "unshipped"]);
    expect(statusOf("failed", false)).toEqual(["new", "unpaid", "unshipped"]);
    expect(statusOf("refunded", true)).toEqual(["refunded", "refunded", undefined]);
    expect(statusOf("completed", true, { refunds: [{ id: 3, reason: "", total: "-10.00" }] })).toEqual(["completed", "partiallyRefunded", "shipped"]);
    expect(statusOf("wc-shipped-by-plugin", true)).toEqual([undefined, "paid", "unshipped"]);
  });

  it("maps every seeded simulator order to a valid record, and fails exactly the bad ones", () => {
    const products = seedProducts(40, 7);
    let bad = 0;
    for (let i = 0; i < 600; i++) {
      const order = generateOrder(orderSkeleton(7, i), { seed: 7, products, badOrderEvery: 50 });
      if ((i + 1) % 50 === 0) {
        expect(() => mapOrder(order)).toThrow(RecordError);
        bad++;
      } else {
        expect(() => valid(mapOrder(order)), `order ${order.id}`).not.toThrow();
      }
    }
    expect(bad).toBe(12);
  });
});

describe("mapProduct", () => {
  const settings = { currency: "SEK", pricesIncludeVat: false, taxClassRates: { standard: "25", "reduced-rate": "12", books: "6", "zero-rate": "0" }, weightUnit: "kg" as const };
  const catalogue = seedProducts(40, 1);

  it("maps simple products with price, stock, weight and GTIN", () => {
    const p = { ...catalogue[0], sku: "MUG-1", regular_price: "199.00", sale_price: "149.00", tax_class: "reduced-rate", manage_stock: true, stock_quantity: 12, backorders: "no" as const, weight: "0.35", global_unique_id: "7350001000001" };
    const r = mapProduct(p, settings) as ImportedRecord;
    expect(valid(r, "product")).toMatchObject({ sku: "MUG-1", priceExclVat: "199.00", currency: "SEK", vatRatePercent: "12", stock: "12", stockType: "managed", weight: "350", ean: "7350001000001", active: true });
    expect(r.data.customData).toMatchObject({ "woocommerce|salePrice": "149.00", "woocommerce|type": "simple" });
    const unmanaged = mapProduct({ ...p, manage_stock: false, stock_quantity: null }, { ...settings, pricesIncludeVat: true }) as ImportedRecord;
    expect(valid(unmanaged, "product")).toMatchObject({ priceInclVat: "199.00", stockType: "unmanaged" });
    expect(valid(unmanaged, "product").stock).toBeUndefined();
  });

  it("skips variable and grouped products and products without SKU, and fails an unknown tax class", () => {
    expect(mapProduct({ ...catalogue[0], type: "variable" }, settings)).toMatchObject({ ignore: expect.stringContaining("Variable product") });
    expect(mapProduct({ ...catalogue[0], type: "grouped" }, settings)).toMatchObject({ ignore: expect.stringContaining("Grouped") });
    expect(mapProduct({ ...catalogue[0], sku: "" }, settings)).toMatchObject({ ignore: expect.stringContaining("No SKU") });
    expect(() => mapProduct({ ...catalogue[0], type: "simple", sku: "X", tax_class: "luxury" }, settings)).toThrow(/Tax class "luxury"/);
  });

  it("maps every seeded product it does not skip to a valid record", () => {
    for (const p of catalogue) {
      const r = mapProduct(p, settings);
      if (!("ignore" in r)) expect(() => valid(r, "product"), p.sku).not.toThrow();
    }
  });
});
