import Decimal from "decimal.js";

/**
 * Exact decimals for money, quantities and rates. Every number travels as a JSON string and is
 * computed with this dedicated decimal.js clone, never with JS floats.
 *
 * - A clone, so no other code in the process can change its configuration.
 * - precision 100 significant digits: inputs are limited to 18 integer + 12 fraction digits
 *   (see `decimalProblem`), so a product of three of them (quantity × price × rate) is exact.
 * - rounding ROUND_HALF_UP: in decimal.js this is half **away from zero** (2.125 → 2.13,
 *   -2.125 → -2.13), the commercial rounding used on invoices; symmetric, so a credit note mirrors
 *   its invoice exactly.
 * - toExpNeg/toExpPos far out so toString() never switches to exponent notation.
 */
export const Dec = Decimal.clone({
  precision: 100,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -1000,
  toExpPos: 1000,
});
export type Dec = Decimal;

/** Wire grammar for decimals: optional minus, digits, optional fraction. No "+", exponent, spaces or separators. */
export const DECIMAL_PATTERN = /^-?\d+(?:\.\d+)?$/;
export const MAX_INTEGER_DIGITS = 18;
export const MAX_FRACTION_DIGITS = 12;

/** Why a string is not an acceptable decimal, or undefined when it is. */
export function decimalProblem(s: string): string | undefined {
  if (s === "") return "Empty: send a decimal string such as \"12.50\", or null to clear";
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) {
    return `"${truncate(s)}" is not a decimal: use digits with an optional minus and fraction, e.g. "-12.50" (no "+", exponent, spaces or thousands separators)`;
  }
  const intDigits = m[2].replace(/^0+(?=\d)/, "").length;
  if (intDigits > MAX_INTEGER_DIGITS) return `At most ${MAX_INTEGER_DIGITS} digits before the decimal point`;
  if ((m[3]?.length ?? 0) > MAX_FRACTION_DIGITS) return `At most ${MAX_FRACTION_DIGITS} digits after the decimal point`;
  return undefined;
}

export function isDecimalString(s: unknown): s is string {
  return typeof s === "string" && decimalProblem(s) === undefined;
}

/**
 * Canonical form of a valid decimal string: no leading zeros ("007.50" → "7.50"), no negative
 * zero ("-0.00" → "0.00"). The number of fraction digits sent is kept ("12.50" stays "12.50"):
 * for money it carries meaning, and the value is unchanged either way.
 */
export function canonicalDecimal(s: string): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) throw new Error(`Not a decimal string: ${s}`);
  const int = m[2].replace(/^0+(?=\d)/, "");
  const frac = m[3];
  const zero = /^0+$/.test(int) && (frac === undefined || /^0+$/.test(frac));
  return (m[1] && !zero ? "-" : "") + int + (frac === undefined ? "" : `.${frac}`);
}

export function dec(value: string | number | Dec): Dec {
  return new Dec(value);
}

/** Rounds to `places` fraction digits, half away from zero. */
export function roundTo(value: Dec, places: number): Dec {
  return value.toDecimalPlaces(places, Dec.ROUND_HALF_UP);
}

/** Fixed-point string with exactly `places` fraction digits (rounded half away from zero), never "-0.00". */
export function formatFixed(value: Dec, places: number): string {
  const rounded = roundTo(value, places);
  return (rounded.isZero() ? rounded.abs() : rounded).toFixed(places);
}

/** Plain string without exponent, never "-0". */
export function formatPlain(value: Dec): string {
  return (value.isZero() ? value.abs() : value).toFixed();
}

function truncate(s: string, max = 40): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}
