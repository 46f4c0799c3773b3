/**
 * Money manipulators: round-prices, adjust-prices, set-vat-rate, add-fee-row, add-discount-row.
 * Each leaves an order or invoice consistent: the rows it touched get their VAT and row totals
 * recomputed, and the document totals are re-summed (lib/manipulators/money.ts).
 */
import { z } from "zod";
import { compileRegex, nfc, regexProblem } from "@/lib/conditions";
import { canonicalDecimal } from "@/lib/money/decimal";
import { compareFixed, formatUnits, parseFixed, roundFixed, roundQuotient, type Fixed } from "@/lib/money/fixed";
import { defineManipulator, SettingsError, StepError, type Obj } from "../define";
import {
  currencyOf,
  decimalField,
  decimalKey,
  mulRatio,
  primarySide,
  priceOf,
  productPriceKeys,
  ratioOf,
  recomputeRow,
  recomputeTotals,
  roundToStep,
  rowAmounts,
  sameRatio,
  rowKinds,
  rowPriceKeys,
  rowsOf,
  setPrice,
  type RowAmounts,
  type RowKind,
  type Side,
} from "../money";
import { decimal, rowKindList, text, vatRate } from "../settings";

const documents = ["order", "invoice"] as const;
const priced = ["order", "invoice", "product"] as const;

const PRODUCT_FIELDS = ["priceExclVat", "priceInclVat", "vatRatePercent"];
const snapshot = (obj: Obj, keys: string[]) => keys.map((k) => obj[k]);
const differs = (obj: Obj, keys: string[], before: unknown[]) => keys.some((k, i) => obj[k] !== before[i]);

/**
 * Applies `change` to each selected row and, when any row really changed, re-sums the totals.
 * Returns whether the document changed.
 */
function changeRows(doc: Obj, kinds: readonly RowKind[], change: (row: Obj, where: string, minor: number) => void, select?: (row: Obj) => boolean): boolean {
  let minor: number | undefined;
  let changed: Map<Obj, RowAmounts> | undefined;
  for (const kind of kinds) {
    const rows = doc[kind];
    if (!Array.isArray(rows)) continue;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as Obj;
      if (row === null || typeof row !== "object" || (select && !select(row))) continue;
      minor ??= currencyOf(doc).minor;
      const where = `${kind}.${i}`;
      // change() writes only prices and the rate; VAT and totals follow from them in recomputeRow.
      const excl = row.pricePerUnitExclVat;
      const incl = row.pricePerUnitInclVat;
      const rate = row.vatRatePercent;
      change(row, where, minor);
      if (row.pricePerUnitExclVat !== excl || row.pricePerUnitInclVat !== incl || row.vatRatePercent !== rate) {
        (changed ??= new Map()).set(row, recomputeRow(row, minor, where));
      }
    }
  }
  if (!changed || minor === undefined) return false;
  recomputeTotals(doc, minor, changed);
  return true;
}

/** Applies `change` to a product that has a price; returns whether it changed. */
function changeProduct(product: Obj, change: (p: Obj, minor: number) => void): boolean {
  const hasPrice = typeof product.priceExclVat === "string" || typeof product.priceInclVat === "string";
  if (!hasPrice) return false;
  const { minor } = currencyOf(product, "the product");
  const before = snapshot(product, PRODUCT_FIELDS);
  change(product, minor);
  return differs(product, PRODUCT_FIELDS, before);
}

const sideSetting = z
  .enum(["inclVat", "exclVat"])
  .default("inclVat")
  .describe("Which price is rounded: inclVat (what consumers see) or exclVat; the other price is derived with the VAT rate.");

export const roundPrices = defineManipulator({
  key: "round-prices",
  name: "Round prices",
  description: "Rounds unit prices to whole units or to a step such as 0.05 or 5 (nearest, up or down); VAT and totals are recalculated.",
  appliesTo: priced,
  settings: z.strictObject({
    step: decimal({ above: "0" }).default("1").describe('Round to a multiple of this: "1" for whole units, "0.05", "0.5", "5", "10".'),
    mode: z.enum(["nearest", "up", "down"]).default("nearest").describe("nearest (halves away from zero), up (never lower) or down (never higher)."),
    prices: sideSetting,
    rowKinds: rowKindList(["rows"]),
  }),
  prepare(s, { recordType }) {
    const step = ratioOf(parseFixed(s.step));
    const side = s.prices as Side;
    const mode = s.mode;
    if (recordType === "product") {
      return {
        apply: (p) =>
          changeProduct(p, (product, minor) => {
            const current = priceOf(product, side, productPriceKeys, "the product");
            const rounded = roundToStep(current, step, mode);
            if (!sameRatio(rounded, current)) setPrice(product, side, rounded, minor, productPriceKeys, "the product");
          }),
      };
    }
    return {
      apply: (doc) =>
        changeRows(doc, s.rowKinds, (row, where, minor) => {
          const current = priceOf(row, side, rowPriceKeys, where);
          const rounded = roundToStep(current, step, mode);
          if (!sameRatio(rounded, current)) setPrice(row, side, rounded, minor, rowPriceKeys, where);
        }),
    };
  },
});

export const adjustPrices = defineManipulator({
  key: "adjust-prices",
  name: "Adjust prices by percent",
  description: 'Raises or lowers unit prices by a percentage, e.g. "10" for 10 % more or "-15" for 15 % less; VAT and totals are recalculated.',
  appliesTo: priced,
  settings: z.strictObject({
    percent: decimal({ above: "-100" }).describe('The change in percent: "10" raises prices by 10 %, "-15" lowers them by 15 %.'),
    rowKinds: rowKindList(["rows"]),
  }),
  prepare(s, { recordType }) {
    // 1 + percent / 100, exactly
    const p = ratioOf(parseFixed(s.percent));
    const factor = { n: p.n + p.d * 100n, d: p.d * 100n };
    if (recordType === "product") {
      return {
        apply: (p) =>
          changeProduct(p, (product, minor) => {
            const side = primarySide(product, productPriceKeys);
            setPrice(product, side, mulRatio(priceOf(product, side, productPriceKeys, "the product"), factor), minor, productPriceKeys, "the product");
          }),
      };
    }
    return {
      apply: (doc) =>
        changeRows(doc, s.rowKinds, (row, where, minor) => {
          const side = primarySide(row, rowPriceKeys);
          setPrice(row, side, mulRatio(priceOf(row, side, rowPriceKeys, where), factor), minor, rowPriceKeys, where);
        }),
    };
  },
});

export const setVatRate = defineManipulator({
  key: "set-vat-rate",
  name: "Set VAT rate",
  description:
    "Sets the VAT rate of rows (all, or those whose SKU matches a pattern) or of a product, e.g. 0 % for exports. You choose whether the price excl. or incl. VAT stays; VAT and totals are recalculated.",
  appliesTo: priced,
  settings: z.strictObject({
    vatRatePercent: vatRate(),
    keep: z
      .enum(["exclVat", "inclVat"])
      .default("exclVat")
      .describe("The price that stays as it is: exclVat (the VAT is added on top) or inclVat (the customer's price stays, the VAT part changes)."),
    skuPattern: z.string().optional().describe('Only rows (or a product) whose SKU matches this regular expression, e.g. "^BOOK-"; empty for all.'),
    rowKinds: rowKindList([...rowKinds]),
  }),
  prepare(s, { recordType }) {
    const rateText = canonicalDecimal(s.vatRatePercent);
    const rate = parseFixed(rateText);
    let sku: RegExp | undefined;
    if (s.skuPattern) {
      const problem = regexProblem(s.skuPattern);
      if (problem) throw SettingsError.at("skuPattern", problem);
      sku = compileRegex(s.skuPattern);
    }
    const skuMatches = (obj: Obj) => !sku || (typeof obj.sku === "string" && sku.test(nfc(obj.sku)));
    const keep = s.keep as Side;
    const reprice = (obj: Obj, keys: typeof rowPriceKeys, minor: number | undefined, where: string) => {
      if (compareFixed(decimalField(obj, "vatRatePercent", where), rate) === 0) return;
      const hasPrice = typeof obj[keys.excl] === "string" || typeof obj[keys.incl] === "string";
      const kept = hasPrice ? priceOf(obj, keep, keys, where) : undefined;
      obj.vatRatePercent = rateText;
      if (kept && minor !== undefined) setPrice(obj, keep, kept, minor, keys, where);
    };
    if (recordType === "product") {
      return {
        apply: (product) => {
          if (!skuMatches(product)) return false;
          const before = snapshot(product, PRODUCT_FIELDS);
          const hasPrice = typeof product.priceExclVat === "string" || typeof product.priceInclVat === "string";
          reprice(product, productPriceKeys, hasPrice ? currencyOf(product, "the product").minor : undefined, "the product");
          return differs(product, PRODUCT_FIELDS, before);
        },
      };
    }
    return { apply: (doc) => changeRows(doc, s.rowKinds, (row, where, minor) => reprice(row, rowPriceKeys, minor, where), skuMatches) };
  },
});

const amountSetting = (what: string) => decimal().describe(`${what}, a decimal such as "49.00"; rounded to the currency's smallest unit.`);

/** A new charge row of quantity 1 with the given price on one side; its VAT and totals computed. */
function chargeRow(fields: { name: string; sku?: string }, side: Side, units: bigint, rateText: string, minor: number, where: string): Obj {
  const row: Obj = {
    ...(fields.sku ? { sku: fields.sku } : {}),
    name: fields.name,
    quantity: "1",
    [side === "exclVat" ? "pricePerUnitExclVat" : "pricePerUnitInclVat"]: formatUnits(units, minor),
    vatRatePercent: rateText,
    vatAmount: "0",
    totalExclVat: "0",
    totalInclVat: "0",
  };
  recomputeRow(row, minor, where);
  return row;
}

function appendFeeRows(doc: Obj, rows: Obj[], minor: number): void {
  if (!Array.isArray(doc.feeRows)) doc.feeRows = [];
  (doc.feeRows as Obj[]).push(...rows);
  recomputeTotals(doc, minor);
}

const amountUnits = (text: string, minor: number) => roundFixed(parseFixed(text), minor);

export const addFeeRow = defineManipulator({
  key: "add-fee-row",
  name: "Add fee row",
  description: "Adds a fee to orders or invoices, such as an invoice or handling fee, with its VAT; the totals are recalculated.",
  appliesTo: documents,
  settings: z.strictObject({
    name: text(500, "Name the fee").describe('The row text, e.g. "Invoice fee".'),
    sku: z.string().max(200).optional().describe("An article number for the fee, if your accounting needs one."),
    amount: amountSetting("The fee"),
    amountIncludesVat: z.boolean().default(true).describe("The amount includes VAT (otherwise VAT is added on top)."),
    vatRatePercent: vatRate(),
  }),
  prepare(s) {
    if (compareFixed(parseFixed(s.amount), parseFixed("0")) === 0) throw SettingsError.at("amount", "A fee of 0 adds nothing");
    const rateText = canonicalDecimal(s.vatRatePercent);
    const side: Side = s.amountIncludesVat ? "inclVat" : "exclVat";
    const sku = s.sku?.trim() || undefined;
    return {
      apply: (doc) => {
        const { minor } = currencyOf(doc);
        const where = `feeRows.${Array.isArray(doc.feeRows) ? doc.feeRows.length : 0}`;
        appendFeeRows(doc, [chargeRow({ name: s.name, sku }, side, amountUnits(s.amount, minor), rateText, minor, where)], minor);
        return true;
      },
    };
  },
});

export const addDiscountRow = defineManipulator({
  key: "add-discount-row",
  name: "Add discount row",
  description:
    "Adds a discount to orders or invoices as a negative fee row: a percentage of the items, or a fixed amount spread over the VAT rates of the items (or at one rate you choose). The totals are recalculated.",
  appliesTo: documents,
  settings: z.strictObject({
    name: text(500, "Name the discount").default("Discount").describe('The row text, e.g. "Loyalty discount".'),
    sku: z.string().max(200).optional().describe("An article number for the discount, if your accounting needs one."),
    type: z.enum(["percent", "amount"]).default("percent").describe("percent: a percentage of the items' prices; amount: a fixed amount."),
    value: decimal({ above: "0" }).describe('The percentage ("10" for 10 %) or the amount ("50.00").'),
    amountIncludesVat: z.boolean().default(true).describe("For a fixed amount: it includes VAT."),
    vatRatePercent: z.string().optional().describe("For a fixed amount: put it all at this VAT rate; empty spreads it over the items' VAT rates in proportion."),
    includeShipping: z.boolean().default(false).describe("Discount shipping rows too."),
  }),
  prepare(s) {
    const value = parseFixed(s.value);
    if (s.type === "percent" && compareFixed(value, parseFixed("100")) > 0) throw SettingsError.at("value", "A discount is at most 100 %");
    let fixedRate: string | undefined;
    if (s.vatRatePercent) {
      const r = vatRate().safeParse(s.vatRatePercent);
      if (!r.success) throw SettingsError.at("vatRatePercent", r.error.issues[0].message);
      if (s.type === "percent") throw SettingsError.at("vatRatePercent", "A percentage discount follows the items' own VAT rates; leave this empty");
      fixedRate = canonicalDecimal(s.vatRatePercent);
    }
    const kinds: RowKind[] = s.includeShipping ? ["rows", "shippingRows"] : ["rows"];
    const sku = s.sku?.trim() || undefined;
    const inclSide: Side = s.amountIncludesVat ? "inclVat" : "exclVat";

    return {
      apply: (doc) => {
        const { minor } = currencyOf(doc);
        // Per VAT rate (compared as numbers: "25" and "25.0" are one rate): the items' excl. and incl. sums.
        const groups = new Map<string, { rate: string; excl: bigint; incl: bigint }>();
        for (const { row, where } of rowsOf(doc, kinds)) {
          const rate = decimalField(row, "vatRatePercent", where);
          const key = decimalKey(rate);
          const a = rowAmounts(row, minor, where);
          const g = groups.get(key) ?? { rate: canonicalDecimal(row.vatRatePercent as string), excl: 0n, incl: 0n };
          g.excl += a.excl;
          g.incl += a.excl + a.vat;
          groups.set(key, g);
        }
        const firstIndex = Array.isArray(doc.feeRows) ? doc.feeRows.length : 0;
        const where = (i: number) => `feeRows.${firstIndex + i}`;
        const named = (rate: string, many: boolean) => ({ name: many ? `${s.name} (${rate} % VAT)` : s.name, sku });
        const rows: Obj[] = [];

        if (s.type === "percent") {
          const parts = [...groups.values()].filter((g) => g.excl !== 0n);
          for (const g of parts) {
            const discount = roundQuotient({ units: g.excl * value.units, scale: minor + value.scale }, { units: 100n, scale: 0 }, minor);
            if (discount !== 0n) rows.push(chargeRow(named(g.rate, parts.length > 1), "exclVat", -discount, g.rate, minor, where(rows.length)));
          }
        } else {
          const amount = roundFixed(value, minor);
          if (fixedRate !== undefined) {
            rows.push(chargeRow(named(fixedRate, false), inclSide, -amount, fixedRate, minor, where(0)));
          } else {
            const weight = (g: { excl: bigint; incl: bigint }) => (s.amountIncludesVat ? g.incl : g.excl);
            const parts = [...groups.values()].filter((g) => weight(g) > 0n);
            const total = parts.reduce((t, g) => t + weight(g), 0n);
            if (total <= 0n) throw new StepError("There are no item rows with a positive amount to spread the discount over; set vatRatePercent");
            // Largest share takes the rounding remainder, so the parts add up to the amount exactly.
            const shares = parts.map((g) => roundQuotient({ units: amount * weight(g), scale: 0 } as Fixed, { units: total, scale: 0 }, 0));
            const largest = shares.indexOf(shares.reduce((a, b) => (b > a ? b : a)));
            shares[largest] += amount - shares.reduce((a, b) => a + b, 0n);
            parts.forEach((g, i) => {
              if (shares[i] !== 0n) rows.push(chargeRow(named(g.rate, parts.length > 1), inclSide, -shares[i], g.rate, minor, where(rows.length)));
            });
          }
        }
        if (rows.length === 0) return false;
        appendFeeRows(doc, rows, minor);
        return true;
      },
    };
  },
});
