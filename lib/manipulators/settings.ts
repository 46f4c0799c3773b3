/**
 * Building blocks for manipulator settings schemas. Plain types only (strings, enums, booleans,
 * string lists, string maps), so the console's generated forms can show every one; decimals are
 * strings like everywhere in the platform.
 */
import { z } from "zod";
import { decimalProblem } from "@/lib/money/decimal";
import { compareFixed, parseFixed } from "@/lib/money/fixed";
import { MAX_PATH_LENGTH } from "@/lib/conditions";
import { rowKinds } from "./money";

export function text(max: number, required = "Enter a value") {
  return z.string({ error: "Expected a text" }).min(1, required).max(max, `At most ${max} characters`);
}

export function fieldPath() {
  return z.string({ error: "Expected a field path as text" }).min(1, 'Enter a field path, e.g. "note" or "rows[].sku"').max(MAX_PATH_LENGTH);
}

/** A decimal string; `min` inclusive, `above` / `below` exclusive bounds. */
export function decimal(opts: { min?: string; above?: string; below?: string } = {}) {
  return z.string({ error: 'Expected a decimal as text, e.g. "12.50"' }).superRefine((s, ctx) => {
    const problem = decimalProblem(s);
    if (problem) return void ctx.addIssue({ code: "custom", message: problem });
    const v = parseFixed(s);
    if (opts.min !== undefined && compareFixed(v, parseFixed(opts.min)) < 0) ctx.addIssue({ code: "custom", message: `Must be at least ${opts.min}` });
    if (opts.above !== undefined && compareFixed(v, parseFixed(opts.above)) <= 0) ctx.addIssue({ code: "custom", message: `Must be more than ${opts.above}` });
    if (opts.below !== undefined && compareFixed(v, parseFixed(opts.below)) >= 0) ctx.addIssue({ code: "custom", message: `Must be less than ${opts.below}` });
  });
}

export const vatRate = () => decimal({ min: "0", below: "100" }).describe('VAT rate in percent, e.g. "25", "12", "6", "0".');

export function rowKindList(defaults: (typeof rowKinds)[number][]) {
  return z
    .array(z.enum(rowKinds, { error: `Use ${rowKinds.join(", ")}` }))
    .min(1, "Pick at least one kind of row")
    .default(defaults)
    .describe("Which rows of orders and invoices: rows (items), shippingRows, feeRows.");
}

export function milliseconds(defaultMs: number, max: number) {
  return z
    .number({ error: "Expected a number of milliseconds" })
    .int("Whole milliseconds")
    .min(1, "At least 1 ms")
    .max(max, `At most ${max} ms`)
    .default(defaultMs);
}
