/**
 * Keeping orders, invoices and products consistent after a manipulator changes prices, rates or
 * rows. Row VAT, row totals and document totals are recomputed with exactly the formulas and
 * rounding of lib/records/checks.ts (checkMoneyDocument: BigInt fixed point from lib/money/fixed,
 * half away from zero to the currency's minor unit), so a manipulated record passes
 * validateRecordData. Those formulas are inline in checks.ts (no per-row function to export), so
 * they are restated here from the same primitives; money.test.ts checks both agree.
 *
 * Only rows a manipulator touched are recomputed; the others keep the VAT their source system
 * rounded (checks.ts tolerates one minor unit there). Document totals are then the sums checks.ts
 * compares them with.
 */
import { minorUnits } from "@/lib/money/currencies";
import { addFixed, fixedOfInt, formatUnits, mulFixed, parseFixed, roundFixed, roundQuotient, type Fixed } from "@/lib/money/fixed";
import { decimalOf } from "@/lib/conditions";
import { StepError, type Obj } from "./define";

export const rowKinds = ["rows", "shippingRows", "feeRows"] as const;
export type RowKind = (typeof rowKinds)[number];
export type Side = "exclVat" | "inclVat";

const HUNDRED = fixedOfInt(100);

/** The document's currency and its minor units; fails the record when they are unknown. */
export function currencyOf(doc: Obj, what = "the record"): { currency: string; minor: number } {
  const currency = doc.currency;
  const minor = typeof currency === "string" ? minorUnits(currency) : undefined;
  if (minor === undefined) {
    throw new StepError(`${what} has ${currency === undefined || currency === null ? "no currency" : `an unknown currency ${JSON.stringify(currency)}`}, so its amounts cannot be rounded`);
  }
  return { currency: currency as string, minor };
}

/** A required decimal field, or the record fails naming it. */
export function decimalField(obj: Obj, key: string, where: string): Fixed {
  const f = decimalOf(obj[key]);
  if (!f) throw new StepError(`${where}.${key} ${obj[key] === undefined || obj[key] === null ? "is missing" : `${JSON.stringify(obj[key])} is not a decimal string`}`);
  return f;
}

/** An optional decimal field: undefined when absent or null. */
export function optionalDecimal(obj: Obj, key: string, where: string): Fixed | undefined {
  return obj[key] === undefined || obj[key] === null ? undefined : decimalField(obj, key, where);
}

const priceKey = (side: Side) => (side === "exclVat" ? "pricePerUnitExclVat" : "pricePerUnitInclVat");

/**
 * An exact rational (n / d, d > 0) for prices derived through a VAT rate (× (100 + rate) / 100 and
 * back), in BigInt: exact like Dec, and an order of magnitude faster on the hot path.
 */
export type Ratio = { n: bigint; d: bigint };

const pow10Cache: bigint[] = [];
const pow10 = (k: number) => (pow10Cache[k] ??= 10n ** BigInt(k));

export const ratioOf = (f: Fixed): Ratio => ({ n: f.units, d: pow10(f.scale) });
export const mulRatio = (a: Ratio, b: Ratio): Ratio => ({ n: a.n * b.n, d: a.d * b.d });
export const divRatio = (a: Ratio, b: Ratio): Ratio => (b.n < 0n ? { n: -a.n * b.d, d: a.d * -b.n } : { n: a.n * b.d, d: a.d * b.n });
export const sameRatio = (a: Ratio, b: Ratio) => a.n * b.d === b.n * a.d;
const HUNDRED_R: Ratio = { n: 100n, d: 1n };
/** 1 + rate / 100 as a ratio: (100 + rate) / 100. */
const vatFactor = (rate: Ratio): Ratio => ({ n: rate.n + rate.d * 100n, d: rate.d * 100n });

export type Rounding = "nearest" | "up" | "down";

/** The ratio rounded to `places` decimals, as units: nearest (halves away from zero), up (toward +∞) or down (toward −∞). */
export function roundRatio(r: Ratio, places: number, mode: Rounding = "nearest"): bigint {
  const num = r.n * pow10(places);
  const q = num / r.d; // truncates toward zero
  const rem = num % r.d;
  if (rem === 0n) return q;
  if (mode === "up") return num > 0n ? q + 1n : q;
  if (mode === "down") return num < 0n ? q - 1n : q;
  const twice = (rem < 0n ? -rem : rem) * 2n;
  return twice >= r.d ? q + (num < 0n ? -1n : 1n) : q;
}

/**
 * A unit price we derived: the currency's decimals plus four (at most 12, the record limit), so
 * an incl. price computed back from it rounds to the same minor unit; trailing zeros are trimmed
 * down to the currency's decimals ("249.00", "94.339623").
 */
export function formatUnitPrice(value: Ratio, minor: number): string {
  const places = Math.min(minor + 4, 12);
  const s = formatUnits(roundRatio(value, places), places);
  if (!places) return s;
  let end = s.length;
  const keep = s.indexOf(".") + minor;
  while (end > keep + 1 && s[end - 1] === "0") end--;
  return s.slice(0, s[end - 1] === "." ? end - 1 : end);
}

/** The price of one side of a row or product (given, or derived from the other side and the rate), exactly. */
export function priceOf(obj: Obj, side: Side, keys: { excl: string; incl: string; rate: string }, where: string): Ratio {
  const own = optionalDecimal(obj, side === "exclVat" ? keys.excl : keys.incl, where);
  if (own) return ratioOf(own);
  const other = optionalDecimal(obj, side === "exclVat" ? keys.incl : keys.excl, where);
  if (!other) throw new StepError(`${where} has neither ${keys.excl} nor ${keys.incl}`);
  const factor = vatFactor(ratioOf(decimalField(obj, keys.rate, where)));
  return side === "exclVat" ? divRatio(ratioOf(other), factor) : mulRatio(ratioOf(other), factor);
}

/** Sets one side's price and writes every price field the object carries (the other side derived with its rate). */
export function setPrice(obj: Obj, side: Side, value: Ratio, minor: number, keys: { excl: string; incl: string; rate: string }, where: string): void {
  const hasExcl = typeof obj[keys.excl] === "string";
  const hasIncl = typeof obj[keys.incl] === "string";
  if (!hasExcl && !hasIncl) throw new StepError(`${where} has neither ${keys.excl} nor ${keys.incl}`);
  const needsOther = side === "exclVat" ? hasIncl : hasExcl;
  const factor = needsOther ? vatFactor(ratioOf(decimalField(obj, keys.rate, where))) : HUNDRED_R;
  if (hasExcl) obj[keys.excl] = formatUnitPrice(side === "exclVat" ? value : divRatio(value, factor), minor);
  if (hasIncl) obj[keys.incl] = formatUnitPrice(side === "inclVat" ? value : mulRatio(value, factor), minor);
}

export const rowPriceKeys = { excl: "pricePerUnitExclVat", incl: "pricePerUnitInclVat", rate: "vatRatePercent" };
export const productPriceKeys = { excl: "priceExclVat", incl: "priceInclVat", rate: "vatRatePercent" };

/** The side a row's own prices are computed from in checks.ts: excl. when it has it. */
export function primarySide(obj: Obj, keys: { excl: string }): Side {
  return typeof obj[keys.excl] === "string" ? "exclVat" : "inclVat";
}

/** A row's VAT and excl. total computed from its unit prices (checks.ts checkRow). */
function computeRow(row: Obj, minor: number, where: string): { excl: bigint; vat: bigint } {
  const q = decimalField(row, "quantity", where);
  const rate = decimalField(row, "vatRatePercent", where);
  const excl = optionalDecimal(row, priceKey("exclVat"), where);
  if (excl) {
    return { vat: roundQuotient(mulFixed(q, excl, rate), HUNDRED, minor), excl: roundFixed(mulFixed(q, excl), minor) };
  }
  const incl = optionalDecimal(row, priceKey("inclVat"), where);
  if (!incl) throw new StepError(`${where} has neither pricePerUnitExclVat nor pricePerUnitInclVat`);
  const inclTotal = roundFixed(mulFixed(q, incl), minor);
  const vat = roundQuotient(mulFixed(q, incl, rate), addFixed(rate, HUNDRED), minor);
  return { vat, excl: inclTotal - vat };
}

export type RowAmounts = { excl: bigint; vat: bigint };

/** Rewrites a row's vatAmount and the row totals it carries from its unit prices; returns what checks.ts will sum for it. */
export function recomputeRow(row: Obj, minor: number, where: string): RowAmounts {
  const amounts = computeRow(row, minor, where);
  row.vatAmount = formatUnits(amounts.vat, minor);
  if (typeof row.totalExclVat === "string") row.totalExclVat = formatUnits(amounts.excl, minor);
  if (typeof row.totalInclVat === "string") row.totalInclVat = formatUnits(amounts.excl + amounts.vat, minor);
  return amounts;
}

/** What checks.ts sums for a row: its given excl. total (else computed) and its vatAmount, in minor units. */
export function rowAmounts(row: Obj, minor: number, where: string): { excl: bigint; vat: bigint } {
  const given = optionalDecimal(row, "totalExclVat", where);
  const vat = optionalDecimal(row, "vatAmount", where);
  return {
    excl: given ? roundFixed(given, minor) : computeRow(row, minor, where).excl,
    vat: vat ? roundFixed(vat, minor) : 0n,
  };
}

/**
 * Sets totals.totalExclVat / totalVat / totalInclVat to the sums of all row kinds. `known` holds
 * the amounts of rows just recomputed, so they are not parsed again.
 */
export function recomputeTotals(doc: Obj, minor: number, known?: Map<Obj, RowAmounts>): void {
  let excl = 0n;
  let vat = 0n;
  for (const kind of rowKinds) {
    const rows = doc[kind];
    if (!Array.isArray(rows)) continue;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as Obj;
      const a = known?.get(row) ?? rowAmounts(row, minor, `${kind}.${i}`);
      excl += a.excl;
      vat += a.vat;
    }
  }
  const totals = doc.totals !== null && typeof doc.totals === "object" ? (doc.totals as Obj) : (doc.totals = {});
  totals.totalExclVat = formatUnits(excl, minor);
  totals.totalVat = formatUnits(vat, minor);
  totals.totalInclVat = formatUnits(excl + vat, minor);
}

/** Rows of the given kinds with their paths ("rows.2"). */
export function* rowsOf(doc: Obj, kinds: readonly RowKind[]): Generator<{ row: Obj; where: string; kind: RowKind }> {
  for (const kind of kinds) {
    const rows = doc[kind];
    if (!Array.isArray(rows)) continue;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      if (row !== null && typeof row === "object") yield { row: row as Obj, where: `${kind}.${i}`, kind };
    }
  }
}

/**
 * Rounds to a multiple of `step` ("1", "0.05", "5"): nearest (halves away from zero), up (never
 * lower: toward +∞) or down (never higher: toward −∞). Exact.
 */
export function roundToStep(value: Ratio, step: Ratio, mode: Rounding): Ratio {
  const k = roundRatio(divRatio(value, step), 0, mode);
  return { n: k * step.n, d: step.d };
}

/** A canonical text for a decimal's value ("25", "25.0" and "25.00" are one rate). */
export function decimalKey(f: Fixed): string {
  let { units, scale } = f;
  while (scale > 0 && units % 10n === 0n) {
    units /= 10n;
    scale--;
  }
  return formatUnits(units, scale);
}
