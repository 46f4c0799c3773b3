import { describe, expect, it } from "vitest";
import { validateRecordData } from "./index";
import { fieldErrorsOf } from "./test-fixtures";

const product = (extra: Record<string, unknown> = {}) => ({ sku: "SHIRT-M", title: "T-shirt", vatRatePercent: "25", ...extra });

describe("products", () => {
  it("validates a full product", () => {
    const out = validateRecordData(
      "product",
      product({
        sku: "  SHIRT-M  ",
        title_lang: { swe: "T-tröja", eng: "T-shirt" },
        description: "<p>Organic cotton</p>",
        priceExclVat: "199.2000",
        priceInclVat: "249.00",
        currency: "SEK",
        stock: "-2",
        stockType: "backorder",
        weight: "180",
        variantGroupLocalId: "0123456789abcdef0123456789abcdef",
        categoryLocalIds: ["0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210"],
        ean: "7350000000017",
        active: true,
      }),
    );
    expect(out).toMatchObject({ sku: "SHIRT-M", priceExclVat: "199.2000", stock: "-2", active: true });
  });

  it("requires sku and vatRatePercent", () => {
    expect(fieldErrorsOf(() => validateRecordData("product", { title: "x" }))).toEqual({ sku: ["Required"], vatRatePercent: ["Required"] });
    expect(fieldErrorsOf(() => validateRecordData("product", product({ sku: "   " })))).toEqual({ sku: ["Must not be empty"] });
    expect(fieldErrorsOf(() => validateRecordData("product", product({ sku: "x".repeat(201) })))).toEqual({ sku: ["At most 200 characters"] });
  });

  it("a price without a currency is an issue at currency", () => {
    expect(fieldErrorsOf(() => validateRecordData("product", product({ priceInclVat: "249.00" })))).toEqual({
      currency: ["currency is required when priceExclVat or priceInclVat is set"],
    });
    expect(() => validateRecordData("product", product({ currency: "SEK" }))).not.toThrow();
  });

  it("checks the incl. price against the excl. price and rate (one minor unit tolerated)", () => {
    expect(() => validateRecordData("product", product({ priceExclVat: "79.99", priceInclVat: "99.99", currency: "SEK" }))).not.toThrow(); // 99.9875
    expect(() => validateRecordData("product", product({ priceExclVat: "80", priceInclVat: "99.99", currency: "SEK" }))).not.toThrow(); // 100.00 − 1 öre
    expect(fieldErrorsOf(() => validateRecordData("product", product({ priceExclVat: "80", priceInclVat: "99.98", currency: "SEK" })))).toEqual({
      priceInclVat: ["priceInclVat 99.98 does not match priceExclVat 80 × (1 + vatRatePercent 25 %) = 100.00"],
    });
  });

  it("refuses negative prices, weights, bad barcodes, duplicate and malformed localIds, string booleans", () => {
    const errors = fieldErrorsOf(() =>
      validateRecordData(
        "product",
        product({
          priceExclVat: "-1",
          currency: "SEK",
          weight: "-5",
          ean: "12345",
          categoryLocalIds: ["0123456789abcdef0123456789abcdef", "0123456789abcdef0123456789abcdef", "nope"],
          active: "true",
          stockType: "infinite",
        }),
      ),
    );
    expect(errors).toEqual({
      priceExclVat: ["Must not be negative"],
      weight: ["Must not be negative"],
      ean: ["An EAN is 8, 12, 13 or 14 digits"],
      "categoryLocalIds.1": ["0123456789abcdef0123456789abcdef is listed twice"],
      "categoryLocalIds.2": ["Expected a localId: 32 lowercase hex characters"],
      active: ['Expected true or false (a JSON boolean, not "true"), got a string'],
      stockType: ["Use one of: managed, unmanaged, backorder"],
    });
  });
});

describe("customers and catalogue types", () => {
  it("validates a customer", () => {
    const c = {
      customerNumber: "C-42",
      name: "Åsa Öberg",
      company: "Öberg AB",
      orgNumber: "556677-8899",
      vatNumber: "SE556677889901",
      email: "asa@example.se",
      phone: "+46 70 123 45 67",
      billingAddress: { street: "Storgatan 1", postalCode: "111 22", city: "Stockholm", countryCode: "SE" },
    };
    expect(validateRecordData("customer", c)).toEqual(c);
  });

  it("validates categories, variant groups, attributes and attribute values", () => {
    const id = "0123456789abcdef0123456789abcdef";
    expect(() => validateRecordData("category", { code: "shoes", title: "Skor", parentLocalId: id })).not.toThrow();
    expect(() => validateRecordData("variantGroup", { code: "tee", title: "T-shirt", attributeLocalIds: [id] })).not.toThrow();
    expect(() => validateRecordData("attribute", { code: "size", title_lang: { swe: "Storlek" } })).not.toThrow();
    expect(() => validateRecordData("attributeValue", { attributeLocalId: id, code: "m", title: "M" })).not.toThrow();
    expect(fieldErrorsOf(() => validateRecordData("attributeValue", { code: "m" }))).toEqual({ attributeLocalId: ["Required"] });
  });
});
