/**
 * Conditions as stored and as the API reads and writes them: { field, operator, value }.
 * Text comparisons are exact and case-sensitive on NFC-normalised text ("é" typed as e + combining
 * accent equals "é"); nothing is trimmed or lower-cased implicitly. For case-insensitive matching
 * use `matches` with the "(?i)" prefix.
 */
import { z } from "zod";
import { decimalProblem } from "@/lib/money/decimal";
import { parseFieldPath } from "./paths";
import { regexProblem } from "./regex";
import { isIsoInstant } from "./values";

export const operators = [
  "equals",
  "notEquals",
  "in",
  "notIn",
  "contains",
  "notContains",
  "startsWith",
  "matches",
  "greaterThan",
  "greaterOrEqual",
  "lessThan",
  "lessOrEqual",
  "isEmpty",
  "isNotEmpty",
  "exists",
  "notExists",
  "olderThanDays",
  "newerThanDays",
] as const;
export type Operator = (typeof operators)[number];

export type Condition = { field: string; operator: Operator; value?: string | string[] };
export type Match = "all" | "any";

/** What each operator takes as `value`. */
export const operatorValue: Record<Operator, "none" | "text" | "list" | "pattern" | "comparable" | "days"> = {
  equals: "text",
  notEquals: "text",
  in: "list",
  notIn: "list",
  contains: "text",
  notContains: "text",
  startsWith: "text",
  matches: "pattern",
  greaterThan: "comparable",
  greaterOrEqual: "comparable",
  lessThan: "comparable",
  lessOrEqual: "comparable",
  isEmpty: "none",
  isNotEmpty: "none",
  exists: "none",
  notExists: "none",
  olderThanDays: "days",
  newerThanDays: "days",
};

/** Negated operators match when NO value of a "[]" path matches the positive form. */
export const negatedOperators: ReadonlySet<Operator> = new Set(["notEquals", "notIn", "notContains", "isEmpty", "notExists"]);

export const MAX_VALUE_LENGTH = 1000;
export const MAX_LIST_VALUES = 500;
export const MAX_CONDITIONS = 50;
const MAX_DAYS = "36500";

/** Why `value` does not suit `operator`, or undefined. */
export function conditionValueProblem(operator: Operator, value: unknown): string | undefined {
  const kind = operatorValue[operator];
  if (kind === "none") return value === undefined ? undefined : `${operator} takes no value: remove "value"`;
  if (value === undefined || value === null) return `${operator} needs a value`;
  if (kind === "list") {
    if (!Array.isArray(value)) return `${operator} needs a list of texts, e.g. ["SE", "NO"]`;
    if (value.length === 0) return `${operator} needs at least one value`;
    if (value.length > MAX_LIST_VALUES) return `At most ${MAX_LIST_VALUES} values`;
    const bad = value.findIndex((v) => typeof v !== "string" || v.length > MAX_VALUE_LENGTH);
    if (bad >= 0) return `Value ${bad + 1} is not a text of at most ${MAX_VALUE_LENGTH} characters (send numbers as strings)`;
    return undefined;
  }
  if (typeof value !== "string") {
    return Array.isArray(value)
      ? `${operator} compares with one value: send a string${kind === "text" ? " (use in / notIn for a list)" : ""}`
      : `${operator} needs a string value (send numbers as strings, e.g. "10.50")`;
  }
  if (value.length > MAX_VALUE_LENGTH) return `At most ${MAX_VALUE_LENGTH} characters`;
  switch (kind) {
    case "text":
      return undefined;
    case "pattern":
      return regexProblem(value);
    case "comparable": {
      if (decimalProblem(value) === undefined || isIsoInstant(value)) return undefined;
      return `${operator} compares decimals ("10.50") or ISO 8601 dates ("2025-03-31", "2025-03-31T14:05:00Z"); "${value.slice(0, 40)}" is neither`;
    }
    case "days": {
      const problem = decimalProblem(value);
      if (problem) return `${operator} needs a number of days as a decimal string, e.g. "30": ${problem}`;
      if (value.startsWith("-")) return "The number of days must not be negative";
      if (Number(value) > Number(MAX_DAYS)) return `At most ${MAX_DAYS} days`;
      return undefined;
    }
  }
}

export const matchSchema = z
  .enum(["all", "any"], { error: () => 'Use "all" (every condition must match) or "any" (at least one)' })
  .describe('"all": every condition must match; "any": at least one. No conditions always match.');

export const conditionSchema = z
  .strictObject(
    {
      field: z
        .string({ error: "Enter a field path as a string" })
        .describe('Dot path into the record: "orderStatus", "customer.billingAddress.countryCode", "rows[].sku" (any row), "customData.x-app|key".'),
      operator: z
        .enum(operators, {
          error: (iss) =>
            typeof iss.input === "string"
              ? `Unknown operator "${iss.input.slice(0, 40)}": use one of ${operators.join(", ")}`
              : `Enter an operator: one of ${operators.join(", ")}`,
        })
        .describe("How the field is compared with value."),
      value: z
        .union([z.string(), z.array(z.string())], { error: "Expected a string or a list of strings (send numbers as strings)" })
        .optional()
        .describe("A string (a list for in / notIn; none for isEmpty, isNotEmpty, exists, notExists)."),
    },
    { error: (iss) => (iss.code === "unrecognized_keys" ? `Unknown field: a condition has field, operator and value` : "Expected a condition object { field, operator, value }") },
  )
  .superRefine((c, ctx) => {
    const path = parseFieldPath(c.field);
    if (!path.ok) ctx.addIssue({ code: "custom", path: ["field"], message: path.problem });
    const problem = conditionValueProblem(c.operator, c.value);
    if (problem) ctx.addIssue({ code: "custom", path: ["value"], message: problem });
  })
  .describe("A condition: the record's field, compared with operator against value.");

export const conditionsSchema = z
  .array(conditionSchema, { error: "Expected a list of conditions" })
  .max(MAX_CONDITIONS, `At most ${MAX_CONDITIONS} conditions`);
