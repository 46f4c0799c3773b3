import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validateRecordData } from "@/lib/records";
import { Dec } from "@/lib/money/decimal";
import { RecordError } from "../errors";
import { companyContext, type CompanyContext } from "./company";
import { displayName, jsonNumber, partyFromDocument, toQboInvoice, EXCHANGE_RATE_KEY } from "./map";
import { invoiceExportSettingsSchema } from "./settings";
import { startQuickBooksSimulator, type QuickBooksSimulator } from "./simulator";
import { clientFor, exported, ukInvoice } from "./test-support";
import type { QuickBooksClient } from "./client";

let sim: QuickBooksSimulator;
let client: QuickBooksClient;
let company: CompanyContext;
const settings = invoiceExportSettingsSchema.parse({});
const items = new Map([["SHIRT-M", "10"], ["BOOK-1", "11"]]);

beforeAll(async () => {
  sim = await startQuickBooksSimulator();
  client = clientFor(sim);
  company = await companyContext(client);
});
afterAll(() => sim.stop());

function map(data: Record<string, any>) {
  const { customData: _, ...fields } = data;
  validateRecordData("invoice", structuredClone(fields)); // the fixtures are records Crossdock would accept
  return toQboInvoice(exported(data), { company, settings, itemIdBySku: items });
}

/** Books the mapped document in the simulator, as the plug would. */
async function book(data: Record<string, any>, customerId = "1") {
  const mapped = map(data);
  return { mapped, saved: await client.create(mapped.entity, { ...mapped.body, CustomerRef: { value: customerId } }) };
}

describe("invoice mapping", () => {
  it("maps rows, shipping, fees and discounts to net lines with the right items and tax codes", () => {
    const { entity, body } = map(ukInvoice());
    expect(entity).toBe("Invoice");
    expect(body).toMatchObject({ DocNumber: "INV-1001", TxnDate: "2025-04-01", DueDate: "2025-05-01", CurrencyRef: { value: "GBP" }, GlobalTaxCalculation: "TaxExcluded" });
    const lines = body.Line.map((l: any) => [l.SalesItemLineDetail.ItemRef.value, l.SalesItemLineDetail.Qty, l.SalesItemLineDetail.UnitPrice, l.Amount, l.SalesItemLineDetail.TaxCodeRef.value]);
    expect(lines).toEqual([
      ["10", 2, 12.5, 25, "2"],
      ["11", 3, 7.99, 23.97, "4"],
      ["1", 1, 49.99, 49.99, "3"],
      ["1", 1.5, 4.4643, 6.7, "2"],
      ["SHIPPING_ITEM_ID", 1, 4.99, 4.99, "2"],
      ["2", 1, 2, 2, "2"],
      ["3", 1, -5, -5, "2"],
    ]);
    expect(body.Line[0].Description).toBe("T-shirt, medium (discount 2.50 included)");
    expect(body.BillAddr).toMatchObject({ Line1: "Jane O'Hara", Line2: "2 High Street", City: "London", PostalCode: "SW1A 1AA", Country: "GB" });
  });

  it("sends our VAT per rate so QuickBooks' totals equal the record's", async () => {
    const { mapped, saved } = await book(ukInvoice());
    expect(mapped.body.TxnTaxDetail.TotalTax).toBe(9.24);
    expect(saved.TxnTaxDetail.TotalTax).toBe(9.24);
    expect(saved.TotalAmt).toBe(116.89);
    expect(mapped.expectedTotal).toBe("116.89");
    const perRate = Object.fromEntries(saved.TxnTaxDetail.TaxLine.map((l: any) => [l.TaxLineDetail.TaxPercent, [l.TaxLineDetail.NetAmountTaxable, l.Amount]]));
    expect(perRate).toEqual({ 20: [33.69, 6.74], 0: [23.97, 0], 5: [49.99, 2.5] });
  });

  it("keeps per-row VAT where QuickBooks' per-rate rounding would differ", async () => {
    const row = { sku: "PIN", quantity: "1", pricePerUnitExclVat: "0.03", vatRatePercent: "20", vatAmount: "0.01" };
    const data = { ...ukInvoice(), invoiceNumber: "INV-ROUND", rows: [row, row, row], shippingRows: null, feeRows: null, totals: { totalExclVat: "0.09", totalVat: "0.03", totalInclVat: "0.12" } };
    const { saved } = await book(data);
    // QuickBooks alone would charge 20 % of 0.09 = 0.02; the invoice says 0.03.
    expect(saved.TxnTaxDetail.TotalTax).toBe(0.03);
    expect(saved.TotalAmt).toBe(0.12);
  });

  it("books a foreign currency with the record's exchange rate for a customer in that currency", async () => {
    const data = { ...ukInvoice(), invoiceNumber: "INV-EUR", currency: "EUR", customData: { [EXCHANGE_RATE_KEY]: "0.8612" } };
    const customer = await client.create("Customer", { DisplayName: "Jane O'Hara (C-42) [EUR]", CurrencyRef: { value: "EUR" } });
    const { mapped, saved } = await book(data, customer.Id);
    expect(mapped.body).toMatchObject({ CurrencyRef: { value: "EUR" }, ExchangeRate: 0.8612 });
    expect(saved.TotalAmt).toBe(116.89);
    expect(saved.HomeTotalAmt).toBe(100.67); // 116.89 × 0.8612 = 100.665668
  });

  it("books a credit note as a CreditMemo with positive amounts", async () => {
    const data = {
      ...ukInvoice(),
      invoiceNumber: "CN-1001",
      creditOf: "0123456789abcdef0123456789abcdee",
      rows: [{ sku: "SHIRT-M", quantity: "-2", pricePerUnitExclVat: "12.50", vatRatePercent: "20", vatAmount: "-5.00" }],
      shippingRows: null,
      feeRows: null,
      totals: { totalExclVat: "-25.00", totalVat: "-5.00", totalInclVat: "-30.00" },
    };
    const { mapped, saved } = await book(data);
    expect(mapped.entity).toBe("CreditMemo");
    expect(mapped.body.DueDate).toBeUndefined();
    expect(mapped.body.Line[0]).toMatchObject({ Amount: 25, SalesItemLineDetail: { Qty: 2, UnitPrice: 12.5 } });
    expect(saved).toMatchObject({ TotalAmt: 30, TxnTaxDetail: { TotalTax: 5 } });
  });

  it("fails the record naming an unmapped VAT rate", () => {
    const data = ukInvoice();
    data.rows[1] = { ...data.rows[1], vatRatePercent: "25", vatAmount: "5.99" };
    data.totals = { totalExclVat: "107.65", totalVat: "15.23", totalInclVat: "122.88" };
    expect(() => map(data)).toThrow(RecordError);
    expect(() => map(data)).toThrow(/VAT rate 25 %/);
  });

  it("fails the record when a rate points at a tax code with another rate", () => {
    const wrong = invoiceExportSettingsSchema.parse({ taxCodes: [{ vatRatePercent: "20", taxCodeId: "3" }, { vatRatePercent: "0", taxCodeId: "4" }, { vatRatePercent: "5", taxCodeId: "3" }] });
    expect(() => toQboInvoice(exported(ukInvoice()), { company, settings: wrong, itemIdBySku: items })).toThrow(/whose rate is 5 %/);
  });

  it("sends amount / quantity as unit price when the row's own price does not reproduce the amount", () => {
    const data = { ...ukInvoice(), rows: [{ sku: "X", quantity: "3", pricePerUnitInclVat: "40.00", vatRatePercent: "20", vatAmount: "20.00" }], shippingRows: null, feeRows: null, totals: { totalExclVat: "100.00", totalVat: "20.00", totalInclVat: "120.00" } };
    const line = map(data).body.Line[0];
    expect(line).toMatchObject({ Amount: 100, SalesItemLineDetail: { Qty: 3, UnitPrice: 33.333333 } });
  });
});

describe("exact numbers at the JSON edge", () => {
  it("passes decimals that print back identically and refuses those that would not", () => {
    expect(JSON.stringify({ a: jsonNumber(new Dec("66.96"), "x") })).toBe('{"a":66.96}');
    expect(jsonNumber(new Dec("0.1").plus("0.2"), "x")).toBe(0.3);
    expect(() => jsonNumber(new Dec("12345678901234567.89"), "x")).toThrow(RecordError);
  });
});

describe("customer naming", () => {
  it("derives one DisplayName from company or name, customer number and a foreign currency", () => {
    expect(displayName(partyFromDocument(ukInvoice().customer))).toBe("Jane O'Hara (C-42)");
    expect(displayName({ company: "Acme: Ltd", customerNumber: "7" }, "EUR")).toBe("Acme Ltd (7) [EUR]");
    expect(() => displayName({})).toThrow(RecordError);
  });
});
