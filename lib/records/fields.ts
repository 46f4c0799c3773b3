/**
 * Building blocks for record data schemas. Conventions for every field:
 * - every number is a JSON string (a JSON number gets "Send numbers as strings …" at its path);
 * - optional fields accept null ("clear it"; validateRecordData drops null keys from the result);
 * - objects are strict: an unknown key is an "Unknown field" issue at that key's own path;
 * - text never contains NUL or unpaired surrogates (PostgreSQL jsonb rejects both).
 */
import { z } from "zod";
import { currencyCodes } from "@/lib/money/currencies";
import { canonicalDecimal, DECIMAL_PATTERN, decimalProblem } from "@/lib/money/decimal";
import { compareFixed, parseFixed } from "@/lib/money/fixed";
import { countryCodes } from "./countries";

export const NUMBERS_AS_STRINGS = 'Send numbers as strings, e.g. "12.50"';
export const UNKNOWN_FIELD = "Unknown field";
export const REQUIRED = "Required";
export const NOT_CLEARABLE = "Required: this field cannot be cleared with null";

type IssueInput = { input?: unknown };

function kind(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (typeof v === "object") return "an object";
  return `a ${typeof v}`;
}

/** Error map for a field's type issue: missing, null, a JSON number, or some other wrong type. */
export function typeError(expected: string, onNumber?: (n: number) => string) {
  return (iss: IssueInput) => {
    if (iss.input === undefined) return REQUIRED;
    if (iss.input === null) return NOT_CLEARABLE;
    if (typeof iss.input === "number" && onNumber) return onNumber(iss.input);
    return `Expected ${expected}, got ${kind(iss.input)}`;
  };
}

/** Text PostgreSQL can store: no NUL character, no unpaired UTF-16 surrogate. */
export function isStorableText(s: string): boolean {
  return !s.includes("\u0000") && s.isWellFormed();
}
export const BAD_TEXT = "Contains a NUL character or invalid Unicode (an unpaired surrogate)";

/** Free text, kept exactly as sent (no trimming). */
export function text(max = 255) {
  return z
    .string({ error: typeError("a string", (n) => `Expected a string: send numbers as strings, e.g. "${n}"`) })
    .max(max, `At most ${max} characters`)
    .refine(isStorableText, BAD_TEXT);
}

/** An identifier (order number, code, sku …): trimmed, not empty. */
export function identifier(max = 100) {
  return text(max).trim().min(1, "Must not be empty (send null to clear an optional field)");
}

/**
 * A decimal string ("12.50", "-3", "0.125"): optional minus, digits, optional fraction;
 * canonicalised (see canonicalDecimal). `min` / `maxExclusive` bound the value.
 */
export function decimal(opts: { min?: string; maxExclusive?: string; what?: string } = {}) {
  const what = opts.what ?? "a decimal string such as \"12.50\"";
  const min = opts.min === undefined ? undefined : parseFixed(opts.min);
  const maxExclusive = opts.maxExclusive === undefined ? undefined : parseFixed(opts.maxExclusive);
  return z
    .string({ error: typeError(what, () => NUMBERS_AS_STRINGS) })
    .regex(DECIMAL_PATTERN, { error: (iss) => decimalProblem(String(iss.input)) ?? "Not a decimal" })
    .superRefine((s, ctx) => {
      if (!DECIMAL_PATTERN.test(s)) return; // reported by the pattern
      const problem = decimalProblem(s);
      if (problem) return void ctx.addIssue({ code: "custom", message: problem });
      if (min && compareFixed(parseFixed(s), min) < 0) {
        ctx.addIssue({ code: "custom", message: opts.min === "0" ? "Must not be negative" : `Must be at least ${opts.min}` });
      }
      if (maxExclusive && compareFixed(parseFixed(s), maxExclusive) >= 0) {
        ctx.addIssue({ code: "custom", message: `Must be less than ${opts.maxExclusive}` });
      }
    })
    // overwrite (not transform) keeps the schema representable in JSON Schema for both io modes.
    .overwrite((s) => (DECIMAL_PATTERN.test(s) ? canonicalDecimal(s) : s));
}

/** A money amount in the record's currency; its decimals are checked against the currency's minor unit by the record checks. */
export const amount = () => decimal().describe('Amount in the record\'s currency, a decimal string such as "125.00" (at most the currency\'s minor-unit decimals).');
/** A unit price: may carry more decimals than the currency's minor unit. */
export const unitPrice = () => decimal().describe('Price per unit, a decimal string; may carry more decimals than the currency\'s minor unit ("79.2000").');
export const quantity = () => decimal().describe('Quantity, a decimal string ("2", "1.5"); negative on returns and credit notes.');
export const vatRatePercent = () =>
  decimal({ min: "0", maxExclusive: "100" }).describe('VAT rate in percent, a decimal string ("25", "12", "6", "0").');

const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))?)?$/;

function dateProblem(s: string): string | undefined {
  const m = ISO_DATE.exec(s);
  if (!m) return `"${s.slice(0, 40)}" is not an ISO 8601 date or date-time, e.g. "2025-03-31" or "2025-03-31T14:05:00+02:00"`;
  const [y, mo, d, h, mi, se, oh, om] = m.slice(1).map((x) => (x === undefined ? 0 : Number(x)));
  const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth) return `"${s}" is not a calendar date`;
  if (h > 23 || mi > 59 || se > 59 || oh > 23 || om > 59) return `"${s}" is not a valid time`;
  return undefined;
}

/** ISO 8601 date ("2025-03-31") or date-time ("2025-03-31T14:05:00Z", offset or local), kept as sent. */
export function isoDate() {
  return z
    .string({ error: typeError('an ISO 8601 date string such as "2025-03-31"') })
    .regex(ISO_DATE, { error: (iss) => dateProblem(String(iss.input)) ?? "Not a date" })
    .superRefine((s, ctx) => {
      if (!ISO_DATE.test(s)) return;
      const problem = dateProblem(s);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    })
    .describe('ISO 8601 date or date-time, e.g. "2025-03-31" or "2025-03-31T14:05:00+02:00".');
}

export function localId() {
  return z
    .string({ error: typeError("a localId (32 lowercase hex characters)") })
    .regex(/^[0-9a-f]{32}$/, "Expected a localId: 32 lowercase hex characters")
    .describe("localId of another record: 32 lowercase hex characters.");
}

/** A list of localIds, each listed once. */
export function localIdList(max = 1000) {
  return z
    .array(localId(), { error: typeError("an array of localIds") })
    .max(max, `At most ${max} entries`)
    .superRefine((ids, ctx) => {
      const seen = new Set<string>();
      ids.forEach((id, i) => {
        if (seen.has(id)) ctx.addIssue({ code: "custom", path: [i], message: `${id} is listed twice` });
        seen.add(id);
      });
    });
}

export function currency() {
  return z
    .enum(currencyCodes, {
      error: (iss) =>
        iss.input === undefined
          ? REQUIRED
          : iss.input === null
            ? NOT_CLEARABLE
            : `Unknown currency ${JSON.stringify(iss.input)}: use an ISO 4217 code in uppercase, e.g. "SEK"`,
    })
    .describe("ISO 4217 currency code, e.g. SEK, EUR, JPY.");
}

export function countryCode() {
  return z
    .enum(countryCodes, {
      error: (iss) =>
        iss.input === undefined
          ? REQUIRED
          : iss.input === null
            ? NOT_CLEARABLE
            : iss.input === "UK"
              ? 'Unknown country "UK": the ISO 3166-1 code of the United Kingdom is "GB"'
              : `Unknown country ${JSON.stringify(iss.input)}: use an ISO 3166-1 alpha-2 code in uppercase, e.g. "SE"`,
    })
    .describe("ISO 3166-1 alpha-2 country code, e.g. SE, NO, DE.");
}

/** ISO 639-3 language code (3 lowercase letters, e.g. "swe"; see lib/catalog.ts languages). */
export function language() {
  return z
    .string({ error: typeError('an ISO 639-3 language code such as "swe"') })
    .regex(/^[a-z]{3}$/, 'Expected an ISO 639-3 language code: 3 lowercase letters, e.g. "swe"');
}

/** Loose on purpose: rejecting an order over an odd but deliverable address is worse than carrying it. */
export function email() {
  return text(320).regex(/^[^\s@]+@[^\s@]+$/, "Not an email address");
}

export function enumOf<const T extends readonly [string, ...string[]]>(values: T, description: string) {
  return z
    .enum(values, {
      error: (iss) =>
        iss.input === undefined ? REQUIRED : iss.input === null ? NOT_CLEARABLE : `Use one of: ${values.join(", ")}`,
    })
    .describe(description);
}

export function boolean() {
  return z.boolean({ error: typeError('true or false (a JSON boolean, not "true")') });
}

export function list<S extends z.ZodType>(item: S, max: number) {
  return z.array(item, { error: typeError("an array") }).max(max, `At most ${max} entries`);
}

const unknownField = z.never({ error: UNKNOWN_FIELD }).optional();

/**
 * A strict object whose unknown keys are reported one by one ("Unknown field" at `path.key`),
 * instead of zod's single unrecognized_keys issue on the parent. JSON Schema still says
 * additionalProperties: { not: {} } (i.e. false).
 */
export function strictObject<S extends z.core.$ZodLooseShape>(shape: S, what = "an object") {
  return z.object(shape, { error: typeError(what) }).catchall(unknownField) as unknown as z.ZodObject<S, z.core.$strict>;
}

// ---------- translatable text ----------

type TranslatableShape<F extends string> = {
  [K in F | `${F}_fallback`]: z.ZodOptional<z.ZodNullable<ReturnType<typeof text>>>;
} & {
  [K in `${F}_lang` | `${F}_lang2`]: z.ZodOptional<z.ZodNullable<z.ZodRecord<z.ZodString, ReturnType<typeof text>>>>;
};

function languageMap(keyPattern: RegExp, keyMessage: string, value: ReturnType<typeof text>) {
  return z.record(z.string().regex(keyPattern), value, {
    error: (iss) => (iss.code === "invalid_key" ? keyMessage : typeError("an object keyed by language")(iss)),
  });
}

/**
 * The four keys of a translatable text field: `field` (text in the tenant's default language),
 * `field_lang` ({ "swe": "…" }, ISO 639-3 keys), `field_lang2` ({ "sv": "…" }, ISO 639-1 keys) and
 * `field_fallback` (used when no translation matches). Spread into a strictObject shape.
 */
export function translatable<const F extends string>(field: F, max = 255): TranslatableShape<F> {
  const value = text(max);
  return {
    [field]: value.nullish().describe(`${field} in the tenant's default language.`),
    [`${field}_lang`]: languageMap(
      /^[a-z]{3}$/,
      'Language keys of _lang are ISO 639-3 codes: 3 lowercase letters, e.g. "swe"',
      value,
    )
      .nullish()
      .describe(`${field} per language, keyed by ISO 639-3 code: { "swe": "…", "eng": "…" }.`),
    [`${field}_lang2`]: languageMap(
      /^[a-z]{2}$/,
      'Language keys of _lang2 are ISO 639-1 codes: 2 lowercase letters, e.g. "sv"',
      value,
    )
      .nullish()
      .describe(`${field} per language, keyed by ISO 639-1 code: { "sv": "…", "en": "…" }.`),
    [`${field}_fallback`]: value.nullish().describe(`${field} to show when no translation matches.`),
  } as TranslatableShape<F>;
}

/** The first non-empty text of a translatable field: field, then _fallback, then the first translation. */
export function translatedText(data: Record<string, unknown>, field: string): string | null {
  const candidates: unknown[] = [data[field], data[`${field}_fallback`]];
  for (const key of [`${field}_lang`, `${field}_lang2`]) {
    const map = data[key];
    if (map && typeof map === "object") candidates.push(...Object.values(map));
  }
  for (const c of candidates) if (typeof c === "string" && c.trim() !== "") return c;
  return null;
}
