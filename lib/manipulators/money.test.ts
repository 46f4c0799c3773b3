import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { validateRecordData } from "@/lib/records";
import { simpleInvoice } from "@/lib/records/test-fixtures";
import { Dec } from "@/lib/money/decimal";
import { parseFixed } from "@/lib/money/fixed";
import { formatUnitPrice, ratioOf, roundToStep, type Ratio } from "./money";

const ratio = (s: string) => ratioOf(parseFixed(s));
const text = (r: Ratio) => new Dec(r.n.toString()).dividedBy(r.d.toString()).toFixed();
import { after, apiOrder, chainErrors, link, product, run } from "./test-helpers";

/** The type data of an API-shaped order (what validateRecordData checks). */
const data = ({ localId, source, customData, ...rest }: Record<string, any>) => rest;
const valid = (o: Record<string, any>, type: "order" | "invoice" | "product" = "order") => validateRecordData(type, data(o)) as Record<string, any>;

describe("money helpers", () => {
  it("rounds to steps exactly, nearest / up / down", () => {
    const r = (v: string, step: string, mode: "nearest" | "up" | "down") => text(roundToStep(ratio(v), ratio(step), mode));
    expect(r("249.50", "1", "nearest")).toBe("250");
    expect(r("249.49", "1", "nearest")).toBe("249");
    expect(r("-40.50", "1", "nearest")).toBe("-41"); // halves away from zero
    expect(r("12.33", "0.05", "nearest")).toBe("12.35");
    expect(r("12.31", "0.05", "up")).toBe("12.35");
    expect(r("12.34", "0.05", "down")).toBe("12.3");
    expect(r("-12.31", "0.05", "up")).toBe("-12.3"); // up is never lower
    expect(r("1234", "5", "nearest")).toBe("1235");
    expect(r("0.3", "0.1", "nearest")).toBe("0.3"); // no 0.30000000000000004
  });

  it("formats derived unit prices with the currency's decimals plus at most four", () => {
    expect(formatUnitPrice(ratio("249"), 2)).toBe("249.00");
    expect(formatUnitPrice({ n: 10000n, d: 106n }, 2)).toBe("94.339623");
    expect(formatUnitPrice({ n: -10000n, d: 106n }, 2)).toBe("-94.339623");
    expect(formatUnitPrice(ratio("219.12"), 2)).toBe("219.12");
    expect(formatUnitPrice(ratio("100"), 0)).toBe("100");
    expect(formatUnitPrice({ n: 1n, d: 3n }, 0)).toBe("0.3333");
    expect(formatUnitPrice(ratio("-0.0000001"), 2)).toBe("0.00");
  });
});

describe("round-prices", () => {
  it("rounds incl. VAT unit prices, recomputes VAT and totals, and the order still validates", async () => {
    const out = await after([link("round-prices", { step: "10", mode: "up", prices: "inclVat", rowKinds: ["rows", "shippingRows"] })], apiOrder());
    expect(out.rows[0]).toMatchObject({ pricePerUnitInclVat: "250.00", pricePerUnitExclVat: "200.00", vatAmount: "100.00", totalExclVat: "400.00", totalInclVat: "500.00" });
    expect(out.rows[1]).toMatchObject({ pricePerUnitInclVat: "100.00", pricePerUnitExclVat: "94.34" }); // already a multiple of 10: untouched
    expect(out.rows[2]).toMatchObject({ pricePerUnitInclVat: "50.00" });
    expect(out.shippingRows[0]).toMatchObject({ pricePerUnitInclVat: "50.00", pricePerUnitExclVat: "40.00", vatAmount: "10.00" });
    const checked = valid(out);
    expect(checked.totals).toEqual(out.totals);
    // 400.00 + 283.02 + 66.96 + 100.00 + 40.00 + 20.00 − 40.00 excl.; 100.00 + 16.98 + 8.04 + 0 + 10.00 + 5.00 − 10.00 VAT
    expect(out.totals).toEqual({ totalExclVat: "869.98", totalVat: "130.02", totalInclVat: "1000.00" });
  });

  it("rounds excl. prices to 0.05 and rounds product prices", async () => {
    const out = await after([link("round-prices", { step: "0.05", prices: "exclVat" })], apiOrder());
    expect(out.rows[2].pricePerUnitExclVat).toBe("44.65");
    valid(out);
    const p = await after([link("round-prices", { step: "1", mode: "down" })], product((x) => ((x.priceInclVat = "249.90"), (x.priceExclVat = "199.92"))), "product");
    expect(p).toMatchObject({ priceInclVat: "249.00", priceExclVat: "199.20" });
    valid(p, "product");
  });

  it("reports no change when nothing needed rounding", async () => {
    const res = await run([link("round-prices", { step: "0.01", prices: "inclVat" })], apiOrder());
    expect(res.outcome === "ok" && res.steps[0].changed).toBe(false);
  });
});

describe("adjust-prices", () => {
  it("raises and lowers prices by percent, keeping the order consistent", async () => {
    const up = await after([link("adjust-prices", { percent: "10", rowKinds: ["rows", "shippingRows", "feeRows"] })], apiOrder());
    expect(up.rows[0]).toMatchObject({ pricePerUnitExclVat: "219.12", pricePerUnitInclVat: "273.90", vatAmount: "109.56" });
    expect(up.feeRows[1].pricePerUnitExclVat).toBe("-44.00");
    valid(up);
    const down = await after([link("adjust-prices", { percent: "-15" })], apiOrder());
    expect(down.rows[0].pricePerUnitExclVat).toBe("169.32");
    valid(down);
    const p = await after([link("adjust-prices", { percent: "12.5" })], product(), "product");
    expect(p).toMatchObject({ priceExclVat: "224.10", priceInclVat: "280.125" });
    valid(p, "product");
  });

  it("refuses -100 % or less and non-decimals", () => {
    expect(chainErrors([link("adjust-prices", { percent: "-100" })])["0.settings.percent"]).toEqual(["Must be more than -100"]);
    expect(chainErrors([link("adjust-prices", { percent: "1e1" })])["0.settings.percent"][0]).toMatch(/is not a decimal/);
  });

  it("keeps every order consistent for any percentage (property)", async () => {
    await fc.assert(
      // -99.99 % to +1000 %, in hundredths
      fc.asyncProperty(fc.integer({ min: -9999, max: 100000 }), async (hundredths) => {
        const percent = new Dec(hundredths).dividedBy(100).toFixed();
        const out = await after([link("adjust-prices", { percent, rowKinds: ["rows", "shippingRows", "feeRows"] })], apiOrder());
        valid(out);
      }),
      { numRuns: 60 },
    );
  });
});

describe("set-vat-rate", () => {
  it("keeps the excl. price by default (e.g. 0 % for exports)", async () => {
    const out = await after([link("set-vat-rate", { vatRatePercent: "0" })], apiOrder());
    expect(out.rows.every((r: any) => r.vatRatePercent === "0")).toBe(true);
    expect(out.rows[0]).toMatchObject({ pricePerUnitExclVat: "199.20", pricePerUnitInclVat: "199.20", vatAmount: "0.00" });
    expect(out.totals).toEqual({ totalExclVat: "867.58", totalVat: "0.00", totalInclVat: "867.58" });
    valid(out);
  });

  it("can keep the incl. price, and only rows whose sku matches", async () => {
    const out = await after([link("set-vat-rate", { vatRatePercent: "12", keep: "inclVat", skuPattern: "^BOOK-" })], apiOrder());
    expect(out.rows[1]).toMatchObject({ vatRatePercent: "12", pricePerUnitInclVat: "100.00", pricePerUnitExclVat: "89.285714", vatAmount: "32.14" });
    expect(out.rows[0].vatRatePercent).toBe("25");
    valid(out);
    const p = await after([link("set-vat-rate", { vatRatePercent: "12", keep: "inclVat" })], product(), "product");
    expect(p).toMatchObject({ vatRatePercent: "12", priceInclVat: "249.00", priceExclVat: "222.321429" });
    valid(p, "product");
  });
});

describe("add-fee-row and add-discount-row", () => {
  it("adds a fee incl. VAT to the fee rows and the totals", async () => {
    const out = await after([link("add-fee-row", { name: "Handling", sku: "HND", amount: "29", vatRatePercent: "25" })], apiOrder());
    expect(out.feeRows[2]).toEqual({ sku: "HND", name: "Handling", quantity: "1", pricePerUnitInclVat: "29.00", vatRatePercent: "25", vatAmount: "5.80", totalExclVat: "23.20", totalInclVat: "29.00" });
    expect(out.totals).toEqual({ totalExclVat: "890.78", totalVat: "135.22", totalInclVat: "1026.00" });
    valid(out);
    const invoice = await after([link("add-fee-row", { name: "Invoice fee", amount: "39.995", amountIncludesVat: false, vatRatePercent: "25" })], simpleInvoice(), "invoice");
    expect(invoice.feeRows[0]).toMatchObject({ pricePerUnitExclVat: "40.00", vatAmount: "10.00" }); // rounded to öre
    valid(invoice, "invoice");
  });

  it("adds a percentage discount per VAT rate of the items", async () => {
    const out = await after([link("add-discount-row", { name: "Spring sale", type: "percent", value: "10" })], apiOrder());
    const added = out.feeRows.slice(2);
    expect(added.map((r: any) => [r.name, r.vatRatePercent, r.pricePerUnitExclVat, r.vatAmount])).toEqual([
      ["Spring sale (25 % VAT)", "25", "-39.84", "-9.96"],
      ["Spring sale (6 % VAT)", "6", "-28.30", "-1.70"],
      ["Spring sale (12 % VAT)", "12", "-6.70", "-0.80"],
      ["Spring sale (0 % VAT)", "0", "-10.00", "0.00"],
    ]);
    valid(out);
  });

  it("spreads a fixed discount over the VAT rates so the parts add up exactly", async () => {
    const out = await after([link("add-discount-row", { type: "amount", value: "100" })], apiOrder());
    const added = out.feeRows.slice(2);
    const sum = added.reduce((s: Dec, r: any) => s.plus(r.totalInclVat), new Dec(0));
    expect(sum.toFixed(2)).toBe("-100.00");
    expect(added.map((r: any) => r.vatRatePercent)).toEqual(["25", "6", "12", "0"]);
    valid(out);
    const oneRate = await after([link("add-discount-row", { type: "amount", value: "50", vatRatePercent: "25", sku: "DISC" })], apiOrder());
    expect(oneRate.feeRows[2]).toMatchObject({ sku: "DISC", pricePerUnitInclVat: "-50.00", vatAmount: "-10.00" });
    valid(oneRate);
  });

  it("refuses settings that make no sense", () => {
    expect(chainErrors([link("add-discount-row", { type: "percent", value: "120" })])["0.settings.value"]).toEqual(["A discount is at most 100 %"]);
    expect(chainErrors([link("add-discount-row", { type: "percent", value: "5", vatRatePercent: "25" })])["0.settings.vatRatePercent"][0]).toMatch(/leave this empty/);
    expect(chainErrors([link("add-fee-row", { name: "x", amount: "0", vatRatePercent: "25" })])["0.settings.amount"]).toBeDefined();
    expect(chainErrors([link("add-fee-row", { name: "x", amount: "5", vatRatePercent: "100" })])["0.settings.vatRatePercent"]).toEqual(["Must be less than 100"]);
    expect(chainErrors([link("add-fee-row", { name: "x", amount: "5", vatRatePercent: "25" })], "product")["0.key"][0]).toMatch(/does not apply to product records/);
  });

  it("fails the record with the field when its money is not readable", async () => {
    const res = await run([link("adjust-prices", { percent: "5" })], apiOrder((o) => (o.rows[1].quantity = "3,0")));
    expect(res.outcome === "fail" && res.message).toBe('Step 1 (adjust-prices): rows.1.quantity "3,0" is not a decimal string');
    const noCurrency = await run([link("add-fee-row", { name: "x", amount: "5", vatRatePercent: "25" })], apiOrder((o) => delete o.currency));
    expect(noCurrency.outcome === "fail" && noCurrency.message).toMatch(/has no currency/);
  });
});

describe("exactness in other currencies", () => {
  it("rounds JPY to whole yen and KWD to fils", async () => {
    const jpy = apiOrder((o) => {
      o.currency = "JPY";
      o.rows = [{ sku: "A", quantity: "3", pricePerUnitInclVat: "1100", vatRatePercent: "10", vatAmount: "300" }];
      o.shippingRows = [];
      o.feeRows = [];
      o.payments = null;
      o.totals = { totalExclVat: "3000", totalVat: "300", totalInclVat: "3300" };
    });
    valid(jpy);
    const out = await after([link("adjust-prices", { percent: "3.3" }), link("round-prices", { step: "10" })], jpy);
    expect(out.rows[0]).toMatchObject({ pricePerUnitInclVat: "1140", vatAmount: "311" });
    valid(out);
    const kwd = apiOrder((o) => {
      o.currency = "KWD";
      o.rows = [{ sku: "A", quantity: "1", pricePerUnitExclVat: "10.125", vatRatePercent: "5", vatAmount: "0.506" }];
      o.shippingRows = [];
      o.feeRows = [];
      o.payments = null;
      o.totals = { totalExclVat: "10.125", totalVat: "0.506", totalInclVat: "10.631" };
    });
    const k = await after([link("add-fee-row", { name: "Fee", amount: "1.2345", amountIncludesVat: false, vatRatePercent: "5" })], kwd);
    expect(k.feeRows[0]).toMatchObject({ pricePerUnitExclVat: "1.235", vatAmount: "0.062" });
    expect(k.totals).toEqual({ totalExclVat: "11.360", totalVat: "0.568", totalInclVat: "11.928" });
    valid(k);
  });
});
