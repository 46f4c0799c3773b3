import { describe, expect, it } from "vitest";
import { validateRecordData } from "@/lib/records";
import type { RuleActions } from "@/lib/schemas/auto-invoice";
import { buildCreditNote, buildInvoice, formatInvoiceNumber, negate, NotYetInvoiceable } from "./invoice";
import { contradictions, rulePredicate, validateRule } from "./rule";

type Obj = Record<string, any>;
const actions = (extra: Obj = {}): RuleActions => ({ invoiceDate: "orderDate", dueDays: 30, numberSeries: { prefix: "INV-" }, markPaidWhenOrderPaid: true, creditNoteOnCancel: false, ...extra });
const now = new Date("2026-05-02T09:30:00Z");

/** An order with mixed VAT (25 %, 12 %, 6 %), a row discount, shipping and an order discount fee row. */
function order(extra: Obj = {}): Obj {
  return {
    localId: "a".repeat(32),
    orderNumber: "1001",
    orderDate: "2026-04-30T22:15:00+02:00",
    paymentStatus: "paid",
    currency: "SEK",
    customer: { customerNumber: "C-1", vatNumber: "SE556677889901", billingAddress: { name: "Åsa", countryCode: "SE" } },
    rows: [
      { sku: "A", quantity: "2", pricePerUnitExclVat: "80.00", discountExclVat: "40.00", vatRatePercent: "25", vatAmount: "40.00", totalExclVat: "160.00" },
      { sku: "FOOD", quantity: "3", pricePerUnitExclVat: "33.333", vatRatePercent: "12", vatAmount: "12.00" },
      { sku: "BOOK", quantity: "1", pricePerUnitInclVat: "106.00", vatRatePercent: "6", vatAmount: "6.00" },
    ],
    shippingRows: [{ name: "Post", quantity: "1", pricePerUnitExclVat: "39.20", vatRatePercent: "25", vatAmount: "9.80" }],
    feeRows: [{ name: "Order discount", quantity: "1", pricePerUnitExclVat: "-20.00", vatRatePercent: "25", vatAmount: "-5.00" }],
    totals: { totalExclVat: "379.20", totalVat: "62.80", totalInclVat: "442.00" },
    shipments: [{ shippedAt: "2026-05-01T08:00:00Z" }, { shippedAt: "2026-04-30T23:00:00-05:00" }],
    ...extra,
  };
}

describe("conditions of rules", () => {
  it("refuses contradictions only when every condition must match", () => {
    const sekEur = [{ field: "currency", operator: "equals" as const, value: "SEK" }, { field: "currency", operator: "equals" as const, value: "EUR" }];
    expect(Object.keys(contradictions(sekEur, "all"))).toEqual(["conditions.1.value"]);
    expect(contradictions(sekEur, "any")).toEqual({});
    expect(Object.keys(contradictions([{ field: "currency", operator: "in", value: ["SEK", "NOK"] }, { field: "currency", operator: "equals", value: "EUR" }], "all"))).toEqual(["conditions.1.value"]);
    expect(contradictions([{ field: "currency", operator: "in", value: ["SEK", "NOK"] }, { field: "currency", operator: "equals", value: "NOK" }], "all")).toEqual({});
    // Amount ranges: min above max, or an empty bound, are refused; exact bounds that meet are fine.
    const range = (lo: string, hi: string, strict = false) => contradictions([{ field: "totals.totalInclVat", operator: "greaterOrEqual", value: lo }, { field: "totals.totalInclVat", operator: strict ? "lessThan" : "lessOrEqual", value: hi }], "all");
    expect(Object.keys(range("500", "100"))).toEqual(["conditions.1.value"]);
    expect(range("100.00", "100")).toEqual({});
    expect(Object.keys(range("100.00", "100", true))).toEqual(["conditions.1.value"]);
    // Row paths may hold for different rows: never a contradiction.
    expect(contradictions([{ field: "rows[].sku", operator: "equals", value: "A" }, { field: "rows[].sku", operator: "equals", value: "B" }], "all")).toEqual({});
  });

  it("matches orders by status, connection, currency, country, amount, customData and age", () => {
    const rule = validateRule({
      name: "r",
      match: "all",
      actions: actions(),
      conditions: [
        { field: "paymentStatus", operator: "equals", value: "paid" },
        { field: "source.connectionId", operator: "equals", value: "con_1" },
        { field: "currency", operator: "in", value: ["SEK", "NOK"] },
        { field: "customer.billingAddress.countryCode", operator: "equals", value: "SE" },
        { field: "totals.totalInclVat", operator: "greaterOrEqual", value: "442" },
        { field: "customData.x-shop|channel", operator: "equals", value: "web" },
        { field: "orderDate", operator: "newerThanDays", value: "7" },
      ],
    });
    const match = rulePredicate(rule);
    const o = order({ source: { type: "connection", connectionId: "con_1" }, customData: { "x-shop|channel": "web" } });
    expect(match(o, { now })).toBe(true);
    expect(match({ ...o, totals: { ...o.totals, totalInclVat: "441.99" } }, { now })).toBe(false);
    expect(match({ ...o, customData: {} }, { now })).toBe(false);
    expect(match(o, { now: new Date("2026-06-01T00:00:00Z") })).toBe(false);
  });

  it("refuses unknown setFields and bad customData keys with their paths", () => {
    expect(() => validateRule({ name: "r", conditions: [], match: "all", actions: actions({ setFields: { totals: "1", "customData.x-a|b": "ok", "customData.bad": "x" } }) })).toThrow(
      expect.objectContaining({ fieldErrors: expect.objectContaining({ "actions.setFields.totals": expect.any(Array), "actions.setFields.customData.bad": expect.any(Array) }) }),
    );
  });
});

describe("numbering", () => {
  it("pads the sequence after the prefix", () => {
    expect(formatInvoiceNumber("INV-", 7, 5)).toBe("INV-00007");
    expect(formatInvoiceNumber("F", 123456, 5)).toBe("F123456");
  });
});

describe("invoices from orders", () => {
  it("copies rows, shipping, fees, discounts, VAT and customer exactly, and passes the records validation", () => {
    const o = order();
    const { data } = buildInvoice(o, actions(), "INV-00001", now);
    for (const k of ["rows", "shippingRows", "feeRows", "totals", "customer", "currency"]) expect(data[k]).toEqual(validateRecordData("order", { ...o, localId: undefined, shipments: undefined, orderNumber: "1", paymentStatus: "paid" })[k]);
    expect(data).toMatchObject({ invoiceNumber: "INV-00001", orderLocalId: o.localId, invoiceDate: "2026-04-30", dueDate: "2026-05-30", status: "paid" });
    expect(validateRecordData("invoice", data)).toEqual(data);
  });

  it("dates the invoice by policy; shipped date waits for a shipment", () => {
    expect(buildInvoice(order(), actions({ invoiceDate: "now", dueDays: 0 }), "X1", now).data).toMatchObject({ invoiceDate: "2026-05-02", dueDate: "2026-05-02" });
    // The latest shipment as an instant (2026-05-01T04:00Z), written as its own calendar date.
    expect(buildInvoice(order(), actions({ invoiceDate: "shippedDate" }), "X1", now).data.invoiceDate).toBe("2026-05-01");
    expect(() => buildInvoice(order({ shipments: [] }), actions({ invoiceDate: "shippedDate" }), "X1", now)).toThrow(NotYetInvoiceable);
  });

  it("is booked, not paid, unless the order is paid and the rule says so; sets fields", () => {
    expect(buildInvoice(order({ paymentStatus: "authorized" }), actions(), "X1", now).data.status).toBe("booked");
    expect(buildInvoice(order(), actions({ markPaidWhenOrderPaid: false }), "X1", now).data.status).toBe("booked");
    const built = buildInvoice(order(), actions({ setFields: { note: "Thanks!", "customData.x-books|project": "P1" } }), "X1", now);
    expect(built.data.note).toBe("Thanks!");
    expect(built.customData).toEqual({ "x-books|project": "P1" });
  });

  it("rounds amounts to the currency's minor unit (JPY has none, SEK two)", () => {
    const jpy = { ...order(), currency: "JPY", rows: [{ sku: "A", quantity: "1", pricePerUnitExclVat: "1000", vatRatePercent: "10", vatAmount: "100.00" }], shippingRows: undefined, feeRows: undefined, totals: { totalExclVat: "1000.00", totalVat: "100", totalInclVat: "1100.0" } };
    const { data } = buildInvoice(jpy, actions(), "X1", now);
    expect(data.totals).toEqual({ totalExclVat: "1000", totalVat: "100", totalInclVat: "1100" });
    expect((data.rows as Obj[])[0].vatAmount).toBe("100");
    const sek = buildInvoice({ ...order(), totals: { totalExclVat: "379.2", totalVat: "62.8", totalInclVat: "442" } }, actions(), "X1", now).data;
    expect(sek.totals).toEqual({ totalExclVat: "379.20", totalVat: "62.80", totalInclVat: "442.00" });
  });

  it("refuses an order whose totals do not add up, naming the field", () => {
    expect(() => buildInvoice(order({ totals: { totalExclVat: "379.20", totalVat: "62.80", totalInclVat: "450.00" } }), actions(), "X1", now)).toThrow(/totals.totalInclVat: totalInclVat 450.00 does not match/);
  });
});

describe("credit notes", () => {
  it("negates quantities and amounts, keeps unit prices, points creditOf at the invoice, and is a valid invoice", () => {
    const invoice = { ...buildInvoice(order(), actions(), "INV-00001", now).data, localId: "b".repeat(32) };
    const { data } = buildCreditNote(invoice, "INV-00002", now);
    expect(data).toMatchObject({ creditOf: "b".repeat(32), invoiceNumber: "INV-00002", status: "booked", invoiceDate: "2026-05-02", totals: { totalExclVat: "-379.20", totalVat: "-62.80", totalInclVat: "-442.00" } });
    expect((data.rows as Obj[])[0]).toMatchObject({ quantity: "-2", pricePerUnitExclVat: "80.00", vatAmount: "-40.00", totalExclVat: "-160.00", discountExclVat: "-40.00" });
    expect((data.feeRows as Obj[])[0]).toMatchObject({ quantity: "-1", pricePerUnitExclVat: "-20.00", vatAmount: "5.00" });
    expect(validateRecordData("invoice", data)).toEqual(data);
  });

  it("negates decimal strings exactly", () => {
    expect([negate("12.50"), negate("-3"), negate("0"), negate("0.00")]).toEqual(["-12.50", "3", "0", "0.00"]);
  });
});
