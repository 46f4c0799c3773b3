/** Reading record values for comparisons: text (NFC), decimals and ISO dates. */
import { DECIMAL_PATTERN } from "@/lib/money/decimal";
import { parseFixed, type Fixed } from "@/lib/money/fixed";

/**
 * NFC form of a string. Code points below U+0300 are all NFC-stable (no combining marks there),
 * so the common ASCII / Latin-1 case skips ICU: this runs for every compared value.
 */
export function nfc(s: string): string {
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) >= 0x300) return s.normalize("NFC");
  }
  return s;
}

/** The text of a scalar field value, NFC; undefined for null, objects and arrays. */
export function textOf(v: unknown): string | undefined {
  if (typeof v === "string") return nfc(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  // Records carry numbers as strings; a stray JSON number still compares by its text.
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  return undefined;
}

/**
 * A decimal string as Fixed, or undefined ("1e3", "12,5", " 1" are not decimals). Same result as
 * parseFixed; up to 15 digits go through Number, which is exact there (< 2^53) and much faster
 * than parsing the BigInt from text: this runs for every amount of every row.
 */
export function decimalOf(v: unknown): Fixed | undefined {
  if (typeof v !== "string" || !DECIMAL_PATTERN.test(v)) return undefined;
  const dot = v.indexOf(".");
  if (v.length > 16) return parseFixed(v);
  const digits = dot < 0 ? v : v.slice(0, dot) + v.slice(dot + 1);
  return { units: BigInt(Number(digits)), scale: dot < 0 ? 0 : v.length - dot - 1 };
}

const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * Milliseconds since the epoch of an ISO 8601 date or date-time as records carry them, or
 * undefined. A date without time is midnight UTC; a date-time without offset is read as UTC
 * (records are written in UTC by the platform; a local time has no other defined zone).
 */
export function instantOf(v: unknown): number | undefined {
  if (typeof v !== "string" || v.length > 40) return undefined;
  const m = ISO_INSTANT.exec(v);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((x) => (x === undefined ? 0 : Number(x)));
  if (mo < 1 || mo > 12 || d < 1 || d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return undefined;
  if (h > 23 || mi > 59 || s > 59) return undefined;
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, "0")) : 0;
  let offsetMinutes = 0;
  const zone = m[8];
  if (zone && zone !== "Z") {
    const oh = Number(zone.slice(1, 3));
    const om = Number(zone.slice(4, 6));
    if (oh > 23 || om > 59) return undefined;
    offsetMinutes = (zone[0] === "-" ? -1 : 1) * (oh * 60 + om);
  }
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not.
  const date = new Date(Date.UTC(2000, mo - 1, d, h, mi, s, ms));
  date.setUTCFullYear(y);
  return date.getTime() - offsetMinutes * 60_000;
}

export function isIsoInstant(s: string): boolean {
  return instantOf(s) !== undefined;
}
