import { describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/errors";
import { validateRecordData } from "./index";
import { balancedOrder, fieldErrorsOf, simpleInvoice } from "./test-fixtures";

const order = (mutate: (o: Record<string, any>) => void = () => {}) => {
  const o = balancedOrder();
  mutate(o);
  return o;
};

describe("a balanced order", () => {
  it("validates with mixed VAT rates (25, 12, 6, 0), shipping, fees, a row discount and an order discount", () => {
    const out = validateRecordData("order", balancedOrder()) as Record<string, any>;
    expect(out.totals).toEqual({ totalExclVat: "867.58", totalVat: "129.42", totalInclVat: "997.00" });
    expect(out.rows.map((r: any) => r.vatRatePercent)).toEqual(["25", "6", "12", "0"]);
    expect(out.customer.billingAddress.name).toBe("Åsa Öberg");
  });

  it("normalises money amounts to the currency's minor unit and keeps unit prices as sent", () => {
    const out = validateRecordData("order", balancedOrder()) as Record<string, any>;
    expect(out.rows[3].vatAmount).toBe("0.00"); // sent "0"
    expect(out.rows[2].pricePerUnitExclVat).toBe("44.6429"); // unit price: more decimals allowed
    expect(out.rows[3].pricePerUnitExclVat).toBe("100");
    expect(out.rows[2].quantity).toBe("1.5");
  });

  it("accepts rows that only carry the incl. VAT price (VAT is the VAT part of the incl. total)", () => {
    const o = order((o) => {
      o.rows = [{ sku: "A", quantity: "3", pricePerUnitInclVat: "99.00", vatRatePercent: "25", vatAmount: "59.40", totalExclVat: "237.60", totalInclVat: "297.00" }];
      o.shippingRows = [];
      o.feeRows = [];
      o.totals = { totalExclVat: "237.60", totalVat: "59.40", totalInclVat: "297.00" };
      o.payments = null;
    });
    expect(validateRecordData("order", o)).toMatchObject({ totals: o.totals });
  });

  it("does not mutate its input", () => {
    const o = balancedOrder();
    const copy = structuredClone(o);
    validateRecordData("order", o);
    expect(o).toEqual(copy);
  });

  it("drops null fields (cleared) and still requires the required ones", () => {
    const out = validateRecordData("order", order((o) => ((o.paymentMethod = null), (o.customer.email = null)))) as Record<string, any>;
    expect("paymentMethod" in out).toBe(false);
    expect("email" in out.customer).toBe(false);
    const errors = fieldErrorsOf(() => validateRecordData("order", order((o) => ((o.currency = null), delete o.orderNumber))));
    expect(errors.currency).toEqual(["Required: this field cannot be cleared with null"]);
    expect(errors.orderNumber).toEqual(["Required"]);
  });

  it("tolerates one minor unit of per-row VAT rounding, not two", () => {
    expect(() => validateRecordData("order", order((o) => {
      o.rows[0].vatAmount = "99.61";
      o.rows[0].totalInclVat = "498.01";
      o.totals.totalVat = "129.43";
      o.totals.totalInclVat = "997.01";
    }))).not.toThrow();
    const errors = fieldErrorsOf(() => validateRecordData("order", order((o) => {
      o.rows[0].vatAmount = "99.62";
      o.rows[0].totalInclVat = "498.02";
      o.totals.totalVat = "129.44";
      o.totals.totalInclVat = "997.02";
    })));
    expect(errors).toEqual({
      "rows.0.vatAmount": ["vatAmount 99.62 does not match quantity 2 × pricePerUnitExclVat 199.20 × vatRatePercent 25 % = 99.60"],
    });
  });
});

describe("mismatches, each at its own path", () => {
  it("row VAT", () => {
    const errors = fieldErrorsOf(() =>
      validateRecordData("order", order((o) => {
        o.rows[1].vatAmount = "25.00";
        o.totals.totalVat = "137.44";
        o.totals.totalInclVat = "1005.02";
      })),
    );
    expect(errors).toEqual({
      "rows.1.vatAmount": ["vatAmount 25.00 does not match quantity 3 × pricePerUnitExclVat 94.34 × vatRatePercent 6 % = 16.98"],
    });
  });

  it("incl. vs excl. unit price (one minor unit tolerated)", () => {
    expect(() => validateRecordData("order", order((o) => (o.rows[1].pricePerUnitInclVat = "100.01")))).not.toThrow();
    const errors = fieldErrorsOf(() => validateRecordData("order", order((o) => (o.rows[1].pricePerUnitInclVat = "100.02"))));
    expect(errors).toEqual({
      "rows.1.pricePerUnitInclVat": ["pricePerUnitInclVat 100.02 does not match pricePerUnitExclVat 94.34 × (1 + vatRatePercent 6 %) = 100.00"],
    });
  });

  it("row totals", () => {
    const errors = fieldErrorsOf(() =>
      validateRecordData("order", order((o) => {
        o.rows[2].totalExclVat = "66.97";
        o.shippingRows[0].totalInclVat = "50.00";
        o.totals.totalExclVat = "867.59";
        o.totals.totalInclVat = "997.01";
      })),
    );
    expect(errors).toEqual({
      "rows.2.totalExclVat": ["totalExclVat 66.97 does not match quantity 1.5 × pricePerUnitExclVat 44.6429 = 66.96"],
      "rows.2.totalInclVat": ["totalInclVat 75.00 does not match totalExclVat 66.97 + vatAmount 8.04 = 75.01"],
      "shippingRows.0.totalInclVat": ["totalInclVat 50.00 does not match totalExclVat 39.20 + vatAmount 9.80 = 49.00"],
    });
  });

  it("header totals, with the sum broken down by row kind", () => {
    const errors = fieldErrorsOf(() =>
      validateRecordData("order", order((o) => {
        o.totals = { totalExclVat: "887.58", totalVat: "130.00", totalInclVat: "1000.00" };
      })),
    );
    expect(errors).toEqual({
      "totals.totalExclVat": [
        "totalExclVat 887.58 does not match the sum of the row totals excl. VAT (rows 848.38 + shippingRows 39.20 + feeRows -20.00) = 867.58",
      ],
      "totals.totalVat": ["totalVat 130.00 does not match the sum of the rows' vatAmount (rows 124.62 + shippingRows 9.80 + feeRows -5.00) = 129.42"],
      "totals.totalInclVat": ["totalInclVat 1000.00 does not match totalExclVat 887.58 + totalVat 130.00 = 1017.58"],
    });
  });

  it("a row without any unit price", () => {
    const errors = fieldErrorsOf(() =>
      validateRecordData("order", order((o) => {
        delete o.rows[3].pricePerUnitExclVat;
      })),
    );
    expect(errors).toEqual({ "rows.3.pricePerUnitExclVat": ["Send pricePerUnitExclVat, pricePerUnitInclVat or both"] });
  });

  it("incl.-only row totals", () => {
    const o = order((o) => {
      o.rows = [{ sku: "A", quantity: "3", pricePerUnitInclVat: "99.00", vatRatePercent: "25", vatAmount: "50.00", totalExclVat: "237.00", totalInclVat: "296.00" }];
      o.shippingRows = null;
      o.feeRows = null;
      o.totals = { totalExclVat: "237.00", totalVat: "50.00", totalInclVat: "287.00" };
    });
    expect(fieldErrorsOf(() => validateRecordData("order", o))).toEqual({
      "rows.0.vatAmount": ["vatAmount 50.00 does not match quantity 3 × pricePerUnitInclVat 99.00 × vatRatePercent 25 / (100 + 25) = 59.40"],
      "rows.0.totalInclVat": ["totalInclVat 296.00 does not match quantity 3 × pricePerUnitInclVat 99.00 = 297.00"],
      "rows.0.totalExclVat": ["totalExclVat 237.00 does not match quantity 3 × pricePerUnitInclVat 99.00 − vatAmount 50.00 = 247.00"],
    });
  });

  it("throws a 422 ValidationError", () => {
    try {
      validateRecordData("order", order((o) => (o.totals.totalVat = "0.00")));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).status).toBe(422);
    }
  });
});

describe("currency minor units", () => {
  it("JPY has no decimals: 100.50 is an issue, 100.00 is normalised to 100", () => {
    const jpy = (total: string) => ({
      ...balancedOrder(),
      currency: "JPY",
      rows: [{ sku: "A", quantity: "1", pricePerUnitExclVat: "1000", vatRatePercent: "10", vatAmount: "100", totalInclVat: total }],
      shippingRows: [],
      feeRows: [],
      payments: [{ amount: "1100.5" }],
      totals: { totalExclVat: "1000", totalVat: "100.00", totalInclVat: total },
    });
    const errors = fieldErrorsOf(() => validateRecordData("order", jpy("1100.50")));
    expect(errors).toEqual({
      "rows.0.totalInclVat": ["totalInclVat 1100.50 has more decimals than JPY allows (0)"],
      "totals.totalInclVat": ["totalInclVat 1100.50 has more decimals than JPY allows (0)"],
      "payments.0.amount": ["amount 1100.5 has more decimals than JPY allows (0)"],
    });
    const ok = validateRecordData("order", { ...jpy("1100"), payments: [{ amount: "1100.00" }] }) as Record<string, any>;
    expect(ok.totals).toEqual({ totalExclVat: "1000", totalVat: "100", totalInclVat: "1100" });
    expect(ok.payments[0].amount).toBe("1100");
  });

  it("JPY rounds computed VAT to whole yen (half away from zero)", () => {
    const o = {
      ...balancedOrder(),
      currency: "JPY",
      rows: [{ sku: "A", quantity: "1", pricePerUnitExclVat: "105", vatRatePercent: "10", vatAmount: "11" }], // 10.5 → 11
      shippingRows: [],
      feeRows: [],
      payments: [],
      totals: { totalExclVat: "105", totalVat: "11", totalInclVat: "116" },
    };
    expect(() => validateRecordData("order", o)).not.toThrow();
    expect(fieldErrorsOf(() => validateRecordData("order", { ...o, rows: [{ ...o.rows[0], vatAmount: "9" }], totals: { totalExclVat: "105", totalVat: "9", totalInclVat: "114" } }))).toEqual({
      "rows.0.vatAmount": ["vatAmount 9 does not match quantity 1 × pricePerUnitExclVat 105 × vatRatePercent 10 % = 11"],
    });
  });

  it("KWD has three decimals", () => {
    const o = {
      ...balancedOrder(),
      currency: "KWD",
      rows: [{ sku: "A", quantity: "3", pricePerUnitExclVat: "1.2345", vatRatePercent: "5", vatAmount: "0.185", totalExclVat: "3.704" }],
      shippingRows: [],
      feeRows: [],
      payments: [],
      totals: { totalExclVat: "3.704", totalVat: "0.185", totalInclVat: "3.889" },
    };
    // 3 × 1.2345 = 3.7035 → 3.704; VAT 3.7035 × 5 % = 0.185175 → 0.185
    expect(validateRecordData("order", o)).toMatchObject({ totals: o.totals });
    const errors = fieldErrorsOf(() => validateRecordData("order", { ...o, totals: { ...o.totals, totalVat: "0.1850", totalInclVat: "3.8891" } }));
    expect(errors).toEqual({ "totals.totalInclVat": ["totalInclVat 3.8891 has more decimals than KWD allows (3)"] });
    // "0.1850" has four digits but only three significant decimals: accepted and normalised.
  });

  it("an unknown or lowercase currency is an issue at currency", () => {
    expect(fieldErrorsOf(() => validateRecordData("order", order((o) => (o.currency = "sek"))))).toEqual({
      currency: ['Unknown currency "sek": use an ISO 4217 code in uppercase, e.g. "SEK"'],
    });
  });
});

describe("invoices", () => {
  it("validates a simple invoice", () => {
    expect(validateRecordData("invoice", simpleInvoice())).toMatchObject({ invoiceNumber: "F-2001", status: "booked" });
  });

  it("a credit note carries negative amounts", () => {
    const credit = {
      ...simpleInvoice(),
      invoiceNumber: "F-2002",
      creditOf: "0123456789abcdef0123456789abcdef",
      rows: [{ sku: "SHIRT-M", quantity: "-2", pricePerUnitExclVat: "100.00", pricePerUnitInclVat: "125.00", vatRatePercent: "25", vatAmount: "-50.00", totalExclVat: "-200.00", totalInclVat: "-250.00" }],
      feeRows: [{ name: "Restocking fee", quantity: "1", pricePerUnitExclVat: "-0.005", vatRatePercent: "25", vatAmount: "0.00" }],
      totals: { totalExclVat: "-200.01", totalVat: "-50.00", totalInclVat: "-250.01" },
    };
    // -0.005 rounds half away from zero to -0.01
    expect(validateRecordData("invoice", credit)).toMatchObject({ totals: credit.totals });
    const positive = { ...simpleInvoice(), creditOf: "0123456789abcdef0123456789abcdef" };
    expect(fieldErrorsOf(() => validateRecordData("invoice", positive))).toEqual({
      "totals.totalInclVat": ["A credit note (creditOf is set) has negative amounts: totalInclVat must be zero or negative, got 250.00"],
    });
  });

  it("dueDate is not before invoiceDate", () => {
    expect(fieldErrorsOf(() => validateRecordData("invoice", { ...simpleInvoice(), invoiceDate: "2025-04-01T09:00:00+02:00", dueDate: "2025-03-31" }))).toEqual({
      dueDate: ["dueDate 2025-03-31 is before invoiceDate 2025-04-01T09:00:00+02:00"],
    });
    expect(() => validateRecordData("invoice", { ...simpleInvoice(), invoiceDate: "2025-04-01T23:00:00Z", dueDate: "2025-04-01" })).not.toThrow();
  });

  it("checks status, localIds and dates", () => {
    const errors = fieldErrorsOf(() =>
      validateRecordData("invoice", { ...simpleInvoice(), status: "void", orderLocalId: "ABC", invoiceDate: "01/04/2025", dueDate: "2025-13-01" }),
    );
    expect(errors).toEqual({
      status: ["Use one of: draft, booked, sent, paid, credited"],
      orderLocalId: ["Expected a localId: 32 lowercase hex characters"],
      invoiceDate: ['"01/04/2025" is not an ISO 8601 date or date-time, e.g. "2025-03-31" or "2025-03-31T14:05:00+02:00"'],
      dueDate: ['"2025-13-01" is not a calendar date'],
    });
  });
});
