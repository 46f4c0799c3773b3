import { describe, expect, it } from "vitest";
import { validateRecordData } from "@/lib/records";
import { RecordError } from "../errors";
import type { ExportedRecord } from "../types";
import { availableStock, mapOrder, productToShopify } from "./map";
import { buildOrder, seedDraft } from "./simulator-orders";
import type { ShopifyOrder } from "./shopify-types";

/** A Shopify order as the REST API sends it: EUR, prices incl. tax, a 10 % code allocated to one line, taxed shipping. */
function euroOrder(): ShopifyOrder {
  const address = { first_name: "Zoë", last_name: "Müller", name: "Zoë Müller", company: null, address1: "Hauptstraße 5", address2: "", city: "München", province: "Bayern", province_code: "BY", zip: "80331", country: "Germany", country_code: "DE", phone: "+49 89 123456" };
  return {
    id: 5_634_239_201_395,
    admin_graphql_api_id: "gid://shopify/Order/5634239201395",
    name: "#1042",
    order_number: 1042,
    number: 42,
    email: "zoe@example.de",
    phone: null,
    created_at: "2025-03-31T14:05:00+02:00",
    updated_at: "2025-03-31T15:00:00+02:00",
    processed_at: "2025-03-31T14:05:00+02:00",
    closed_at: null,
    cancelled_at: null,
    cancel_reason: null,
    currency: "EUR",
    taxes_included: true,
    total_price: "88.87",
    subtotal_price: "83.97",
    total_line_items_price: "88.97",
    total_tax: "12.19",
    total_discounts: "5.00",
    financial_status: "paid",
    fulfillment_status: null,
    tags: "VIP, wholesale",
    note: "Bitte klingeln",
    gateway: "shopify_payments",
    payment_gateway_names: ["shopify_payments"],
    source_name: "web",
    customer_locale: "de-DE",
    discount_codes: [{ code: "SPRING10", amount: "5.00", type: "percentage" }],
    discount_applications: [{ type: "discount_code", target_type: "line_item", target_selection: "entitled", allocation_method: "across", value: "10.0", value_type: "percentage", code: "SPRING10" }],
    tax_lines: [{ title: "MwSt", price: "12.19", rate: 0.25 }],
    line_items: [
      { id: 1, product_id: 11, variant_id: 111, sku: "TEE-BLK-M", title: "T-Shirt", variant_title: "Schwarz / M", name: "T-Shirt - Schwarz / M", quantity: 2, price: "25.00", total_discount: "0.00", discount_allocations: [{ amount: "5.00", discount_application_index: 0 }], tax_lines: [{ title: "MwSt", price: "9.00", rate: 0.25 }], taxable: true, gift_card: false, requires_shipping: true, fulfillment_status: null },
      { id: 2, product_id: 12, variant_id: 121, sku: "BOOK-1", title: "Kochbuch", variant_title: null, name: "Kochbuch", quantity: 3, price: "12.99", total_discount: "0.00", discount_allocations: [], tax_lines: [{ title: "MwSt", price: "2.21", rate: 0.06 }], taxable: true, gift_card: false, requires_shipping: true, fulfillment_status: null },
    ],
    shipping_lines: [{ id: 9, title: "DHL Paket", code: "DHL", source: "shopify", price: "4.90", discounted_price: "4.90", discount_allocations: [], tax_lines: [{ title: "MwSt", price: "0.98", rate: 0.25 }] }],
    fulfillments: [],
    customer: { id: 207_119_551, email: "zoe@example.de", first_name: "Zoë", last_name: "Müller", phone: null },
    billing_address: address,
    shipping_address: address,
  };
}

/** Taxes excluded, two lines whose tax Shopify rounds up per line (0.245 → 0.25) while the order's total_tax is 0.49. */
function roundingOrder(): ShopifyOrder {
  const line = (id: number) => ({ ...euroOrder().line_items[1], id, sku: `PIN-${id}`, quantity: 1, price: "0.98", tax_lines: [{ title: "VAT", price: "0.25", rate: 0.25 }] });
  return { ...euroOrder(), taxes_included: false, line_items: [line(1), line(2)], shipping_lines: [], total_tax: "0.49", subtotal_price: "1.96", total_price: "2.45", total_discounts: "0.00" };
}

describe("mapOrder", () => {
  it("maps a taxes-included order with a line discount and taxed shipping exactly", () => {
    const { remoteId, displayId, remoteRef, data } = mapOrder(euroOrder());
    expect({ remoteId, displayId, remoteRef }).toEqual({ remoteId: "5634239201395", displayId: "#1042", remoteRef: "#1042" });
    expect(data.rows).toEqual([
      { sku: "TEE-BLK-M", name: "T-Shirt - Schwarz / M", quantity: "2", pricePerUnitExclVat: "18.00", pricePerUnitInclVat: "22.50", discountExclVat: "4.00", vatRatePercent: "25", vatAmount: "9.00", totalExclVat: "36.00", totalInclVat: "45.00" },
      { sku: "BOOK-1", name: "Kochbuch", quantity: "3", pricePerUnitExclVat: "12.25333333", pricePerUnitInclVat: "12.99", vatRatePercent: "6", vatAmount: "2.21", totalExclVat: "36.76", totalInclVat: "38.97" },
    ]);
    expect(data.shippingRows).toEqual([{ sku: "DHL", name: "DHL Paket", quantity: "1", pricePerUnitExclVat: "3.92", pricePerUnitInclVat: "4.90", vatRatePercent: "25", vatAmount: "0.98", totalExclVat: "3.92", totalInclVat: "4.90" }]);
    expect(data.feeRows).toBeUndefined();
    expect(data.totals).toEqual({ totalExclVat: "76.68", totalVat: "12.19", totalInclVat: "88.87" });
    expect(validateRecordData("order", { ...data, customData: undefined })).toBeTruthy();
  });

  it("maps statuses, customer, addresses and keeps Shopify-only fields in customData", () => {
    const { data } = mapOrder({ ...euroOrder(), financial_status: "partially_refunded", fulfillment_status: "partial" });
    expect(data).toMatchObject({ orderNumber: "1042", orderDate: "2025-03-31T14:05:00+02:00", orderStatus: "processing", paymentStatus: "partiallyRefunded", shippingStatus: "partiallyShipped", currency: "EUR", paymentMethod: "shopify_payments", note: "Bitte klingeln" });
    expect(data.customer).toEqual({
      customerNumber: "207119551",
      email: "zoe@example.de",
      billingAddress: { name: "Zoë Müller", street: "Hauptstraße 5", postalCode: "80331", city: "München", region: "Bayern", countryCode: "DE", phone: "+49 89 123456" },
      shippingAddress: { name: "Zoë Müller", street: "Hauptstraße 5", postalCode: "80331", city: "München", region: "Bayern", countryCode: "DE", phone: "+49 89 123456" },
    });
    expect(data.customData).toMatchObject({
      "shopify|name": "#1042",
      "shopify|tags": ["VIP", "wholesale"],
      "shopify|discountCodes": [{ code: "SPRING10", amount: "5.00", type: "percentage" }],
      "shopify|gateways": ["shopify_payments"],
      "shopify|customerId": "207119551",
      "shopify|financialStatus": "partially_refunded",
      "shopify|taxesIncluded": true,
      "shopify|lineItems": [{ id: "1", variantId: "111", productId: "11" }, { id: "2", variantId: "121", productId: "12" }],
    });
    expect(mapOrder({ ...euroOrder(), cancelled_at: "2025-04-01T10:00:00+02:00", cancel_reason: "customer", financial_status: "voided" }).data).toMatchObject({ orderStatus: "cancelled", paymentStatus: "unpaid" });
    expect(mapOrder({ ...euroOrder(), fulfillment_status: "fulfilled" }).data).toMatchObject({ orderStatus: "completed", shippingStatus: "shipped" });
  });

  it("puts Shopify's per-line tax rounding in a 0 % rounding fee row", () => {
    const { data } = mapOrder(roundingOrder());
    expect(data.rows).toMatchObject([{ pricePerUnitExclVat: "0.98", vatAmount: "0.25" }, { pricePerUnitExclVat: "0.98", vatAmount: "0.25" }]);
    expect(data.feeRows).toEqual([{ name: "Rounding", quantity: "1", pricePerUnitExclVat: "-0.01", pricePerUnitInclVat: "-0.01", vatRatePercent: "0", vatAmount: "0.00", totalExclVat: "-0.01", totalInclVat: "-0.01" }]);
    expect(data.totals).toEqual({ totalExclVat: "1.95", totalVat: "0.50", totalInclVat: "2.45" });
    validateRecordData("order", { ...data, customData: undefined });
  });

  it("refuses broken orders with a RecordError that says what is wrong", () => {
    expect(() => mapOrder({ ...euroOrder(), total_price: "188.87" })).toThrow(/total_price 188.87 EUR does not add up: .* 88.87 \(off by 100.00/);
    expect(() => mapOrder({ ...euroOrder(), currency: "EURO" })).toThrow(RecordError);
    expect(() => mapOrder({ ...euroOrder(), line_items: [{ ...euroOrder().line_items[0], price: "25,00" }] })).toThrow(/line_items\[0\].price = "25,00"/);
    expect(() => mapOrder({ ...euroOrder(), line_items: [{ ...euroOrder().line_items[0], quantity: 0 }] })).toThrow(RecordError);
  });

  it("gives sku-less lines (custom items, gift cards) a stand-in sku", () => {
    const order = euroOrder();
    order.line_items[1] = { ...order.line_items[1], sku: "", variant_id: null };
    expect((mapOrder(order).data.rows as { sku: string }[])[1].sku).toBe("shopify-line-2");
  });

  it("maps every seeded simulator order into a valid record, and every broken one to a RecordError", () => {
    let valid = 0;
    let rounded = 0;
    for (let i = 1; i <= 600; i++) {
      const order = buildOrder(seedDraft(3, i, 50));
      if (i % 50 === 0) {
        expect(() => mapOrder(order)).toThrow(RecordError);
        continue;
      }
      const { data } = mapOrder(order);
      validateRecordData("order", { ...data, customData: undefined });
      valid++;
      if (data.feeRows) rounded++;
    }
    expect(valid).toBe(588);
    expect(rounded).toBeGreaterThan(0);
  });
});

describe("productToShopify", () => {
  const record = (fields: Record<string, unknown>): ExportedRecord => ({ localId: "a".repeat(32), remoteId: null, sku: "MUG-1", title: "Mugg „Fjäll“", vatRatePercent: "25", currency: "SEK", ...fields });

  it("sends the price the way the shop shows prices, computed exactly from the other one when missing", () => {
    const incl = { currency: "SEK", taxes_included: true };
    const excl = { currency: "SEK", taxes_included: false };
    expect(productToShopify(record({ priceExclVat: "103.20" }), incl).variant.price).toBe("129.00");
    expect(productToShopify(record({ priceInclVat: "129.00" }), excl).variant.price).toBe("103.20");
    expect(productToShopify(record({ priceExclVat: "100", priceInclVat: "125.00" }), incl).variant.price).toBe("125.00");
    expect(productToShopify(record({}), incl).variant.price).toBeUndefined();
    expect(() => productToShopify(record({ priceExclVat: "10", currency: "EUR" }), incl)).toThrow(/in EUR, but the Shopify shop sells in SEK/);
  });

  it("maps title, status, barcode, weight and stock tracking", () => {
    const out = productToShopify(record({ active: false, ean: "7350000000013", weight: "350", stockType: "backorder", description: "<p>Handgjord</p>" }), { currency: "SEK", taxes_included: true });
    expect(out.product).toEqual({ title: "Mugg „Fjäll“", body_html: "<p>Handgjord</p>", status: "draft" });
    expect(out.variant).toMatchObject({ sku: "MUG-1", taxable: true, barcode: "7350000000013", weight: 350, weight_unit: "g", inventory_management: "shopify", inventory_policy: "continue" });
  });

  it("sends whole units of stock and skips untracked stock", () => {
    expect(availableStock(record({ stock: "12.7" }))).toBe(12);
    expect(availableStock(record({ stock: "-2" }))).toBe(-2);
    expect(availableStock(record({ stock: "5", stockType: "unmanaged" }))).toEqual({ ignore: expect.stringContaining("unmanaged") });
    expect(availableStock(record({}))).toEqual({ ignore: "The product has no stock value" });
  });
});
