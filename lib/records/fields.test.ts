import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseInput } from "@/lib/validation";
import { dataSchema, recordTypes, validateRecordData } from "./index";
import { decimal, strictObject, translatable, translatedText } from "./fields";
import { balancedOrder, fieldErrorsOf } from "./test-fixtures";

describe("numbers are JSON strings", () => {
  it("a JSON number where a decimal is expected is an issue at that exact path", () => {
    const o = balancedOrder();
    o.rows[2].vatAmount = 8.04;
    o.shippingRows[0].quantity = 1;
    o.totals.totalInclVat = 997;
    const errors = fieldErrorsOf(() => validateRecordData("order", o));
    expect(errors).toEqual({
      "rows.2.vatAmount": ['Send numbers as strings, e.g. "12.50"'],
      "shippingRows.0.quantity": ['Send numbers as strings, e.g. "12.50"'],
      "totals.totalInclVat": ['Send numbers as strings, e.g. "12.50"'],
    });
  });

  it("a JSON number where text is expected says how to send it", () => {
    const o = balancedOrder();
    o.orderNumber = 1001;
    expect(fieldErrorsOf(() => validateRecordData("order", o))).toEqual({
      orderNumber: ['Expected a string: send numbers as strings, e.g. "1001"'],
    });
  });

  it("rejects exponents, plus signs, separators and empty strings", () => {
    const schema = z.object({ a: decimal(), b: decimal(), c: decimal(), d: decimal() });
    const e = fieldErrorsOf(() => parseInput(schema, { a: "1e3", b: "+5", c: "1,50", d: "" }));
    expect(Object.keys(e).sort()).toEqual(["a", "b", "c", "d"]);
    expect(e.a[0]).toMatch(/^"1e3" is not a decimal: use digits with an optional minus and fraction/);
    expect(e.d).toEqual(['Empty: send a decimal string such as "12.50", or null to clear']);
  });

  it("canonicalises decimals in the parsed result", () => {
    expect(parseInput(z.object({ a: decimal(), b: decimal(), c: decimal() }), { a: "0012.50", b: "-0.00", c: "-7" })).toEqual({
      a: "12.50",
      b: "0.00",
      c: "-7",
    });
  });

  it("bounds VAT rates", () => {
    const o = balancedOrder();
    o.rows[0].vatRatePercent = "-1";
    o.rows[1].vatRatePercent = "100";
    const errors = fieldErrorsOf(() => validateRecordData("order", o));
    expect(errors).toEqual({ "rows.0.vatRatePercent": ["Must not be negative"], "rows.1.vatRatePercent": ["Must be less than 100"] });
  });
});

describe("strict objects", () => {
  it("reports every unknown key at its own path", () => {
    const o = balancedOrder();
    o.orderTotal = "1";
    o.rows[1].colour = "red";
    o.customer.billingAddress.zip = "11122";
    const errors = fieldErrorsOf(() => validateRecordData("order", o));
    expect(errors).toEqual({
      orderTotal: ["Unknown field"],
      "rows.1.colour": ["Unknown field"],
      "customer.billingAddress.zip": ["Unknown field"],
    });
  });

  it("drops a __proto__ key (zod never copies it) without polluting prototypes; constructor is unknown", () => {
    const schema = strictObject({ a: z.string() });
    const out = parseInput(schema, JSON.parse('{"__proto__": {"polluted": true}, "a": "x"}'));
    expect(out).toEqual({ a: "x" });
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("reports keys named like Object.prototype members", () => {
    const errors = fieldErrorsOf(() => validateRecordData("customer", { constructor: 1, toString: "x", hasOwnProperty: null }));
    expect(errors).toEqual({ constructor: ["Unknown field"], toString: ["Unknown field"], hasOwnProperty: ["Unknown field"] });
  });

  it("says what a whole record should be", () => {
    expect(fieldErrorsOf(() => validateRecordData("customer", []))).toEqual({ _form: ["Expected a customer data object, got an array"] });
    expect(fieldErrorsOf(() => validateRecordData("customer", null))).toEqual({ _form: ["Required: this field cannot be cleared with null"] });
  });
});

describe("translations", () => {
  it("adds the four keys of a translatable field", () => {
    expect(Object.keys(translatable("title"))).toEqual(["title", "title_lang", "title_lang2", "title_fallback"]);
  });

  it("accepts ISO 639-3 keys in _lang and ISO 639-1 keys in _lang2", () => {
    const out = validateRecordData("category", {
      code: "shoes",
      title: "Skor",
      title_lang: { swe: "Skor", eng: "Shoes", sme: "Gápmagat" },
      title_lang2: { sv: "Skor", en: "Shoes" },
      title_fallback: "Shoes",
      description_lang: { deu: "Schöne Schuhe" },
    });
    expect(out).toMatchObject({ title_lang: { swe: "Skor", eng: "Shoes", sme: "Gápmagat" }, title_lang2: { sv: "Skor", en: "Shoes" } });
  });

  it("reports a wrong language key at its path", () => {
    const errors = fieldErrorsOf(() =>
      validateRecordData("category", { title_lang: { sv: "Skor" }, title_lang2: { SV: "Skor", swe: "Skor" }, title_fallback: 5 }),
    );
    expect(errors).toEqual({
      "title_lang.sv": ['Language keys of _lang are ISO 639-3 codes: 3 lowercase letters, e.g. "swe"'],
      "title_lang2.SV": ['Language keys of _lang2 are ISO 639-1 codes: 2 lowercase letters, e.g. "sv"'],
      "title_lang2.swe": ['Language keys of _lang2 are ISO 639-1 codes: 2 lowercase letters, e.g. "sv"'],
      title_fallback: ['Expected a string: send numbers as strings, e.g. "5"'],
    });
  });

  it("only the four variants are known: other suffixes are unknown fields", () => {
    expect(fieldErrorsOf(() => validateRecordData("attribute", { title_translations: {} }))).toEqual({ title_translations: ["Unknown field"] });
  });

  it("finds a display text across the variants", () => {
    expect(translatedText({ title: "A" }, "title")).toBe("A");
    expect(translatedText({ title: "", title_fallback: "F" }, "title")).toBe("F");
    expect(translatedText({ title_lang: { eng: "E" } }, "title")).toBe("E");
    expect(translatedText({}, "title")).toBeNull();
  });
});

describe("text", () => {
  it("keeps unicode exactly", () => {
    const name = "Zoë Ångström-Øvergaard 山田太郎 🚲 Ελένη";
    const out = validateRecordData("customer", { name, company: "Bäckerei Müller & Söhne", billingAddress: { name, city: "Göteborg", countryCode: "SE" } });
    expect(out).toEqual({ name, company: "Bäckerei Müller & Söhne", billingAddress: { name, city: "Göteborg", countryCode: "SE" } });
  });

  it("rejects what PostgreSQL cannot store: NUL and unpaired surrogates", () => {
    const errors = fieldErrorsOf(() => validateRecordData("customer", { name: "a\u0000b", company: "x\ud800y" }));
    expect(Object.keys(errors).sort()).toEqual(["company", "name"]);
    expect(errors.name[0]).toMatch(/NUL/);
  });

  it("trims identifiers and refuses empty ones", () => {
    expect(validateRecordData("customer", { customerNumber: "  C-1 " })).toEqual({ customerNumber: "C-1" });
    expect(fieldErrorsOf(() => validateRecordData("customer", { customerNumber: "  " }))).toEqual({
      customerNumber: ["Must not be empty (send null to clear an optional field)"],
    });
  });

  it("validates countries and email addresses loosely but clearly", () => {
    const errors = fieldErrorsOf(() =>
      validateRecordData("customer", { email: "not an email", billingAddress: { countryCode: "UK" }, shippingAddress: { countryCode: "se" } }),
    );
    expect(errors).toEqual({
      email: ["Not an email address"],
      "billingAddress.countryCode": ['Unknown country "UK": the ISO 3166-1 code of the United Kingdom is "GB"'],
      "shippingAddress.countryCode": ['Unknown country "se": use an ISO 3166-1 alpha-2 code in uppercase, e.g. "SE"'],
    });
  });
});

describe("dates", () => {
  it("accepts ISO 8601 dates and date-times, kept as sent", () => {
    for (const orderDate of ["2024-02-29", "2025-03-31T14:05", "2025-03-31T14:05:00Z", "2025-03-31T14:05:00.123+02:00", "2025-12-31T23:59:59.123456-05:00"]) {
      expect((validateRecordData("order", { ...balancedOrder(), orderDate }) as Record<string, unknown>).orderDate).toBe(orderDate);
    }
  });

  it("rejects other formats and impossible dates", () => {
    for (const orderDate of ["2025-02-29", "2025-04-31", "2025-03-31 14:05", "31/03/2025", "2025-03-31T24:00:00Z", "2025-3-1", "1743422700"]) {
      expect(Object.keys(fieldErrorsOf(() => validateRecordData("order", { ...balancedOrder(), orderDate })))).toEqual(["orderDate"]);
    }
  });
});

describe("OpenAPI", () => {
  it("every data schema converts to JSON Schema, with additional properties forbidden", () => {
    for (const type of recordTypes) {
      for (const io of ["input", "output"] as const) {
        const json = z.toJSONSchema(dataSchema(type), { io }) as { additionalProperties?: unknown };
        expect(json.additionalProperties, `${type} ${io}`).toEqual({ not: {} });
      }
    }
  });
});
