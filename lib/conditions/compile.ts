/**
 * Compiles validated conditions into one predicate. Everything that can be done once is done here
 * (paths parsed, regexes compiled, values normalised and parsed as decimals / instants), because
 * the predicate runs for every record passing a connection (50,000+ times a second).
 */
import { ValidationError, type FieldErrors } from "@/lib/errors";
import type { RecordType } from "@/lib/records";
import { compareFixed, parseFixed, type Fixed } from "@/lib/money/fixed";
import { decimalProblem } from "@/lib/money/decimal";
import { parseFieldPath, pathReader, type PathSegment } from "./paths";
import { fieldPathInfo } from "./record-fields";
import { compileRegex } from "./regex";
import { conditionsSchema, matchSchema, operatorValue, type Condition, type Match, type Operator } from "./schema";
import { decimalOf, instantOf, nfc, textOf } from "./values";

export type ConditionContext = { now: Date };
export type RecordPredicate = (record: Record<string, unknown>, ctx: ConditionContext) => boolean;

type Test = (value: unknown, nowMs: number) => boolean;

const DAY_MS = 86_400_000;

function nonEmpty(v: unknown): boolean {
  if (v === null || v === undefined || v === "") return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === "object") {
    for (const k in v) if (Object.hasOwn(v, k)) return true;
    return false;
  }
  return true;
}

/** The positive test behind an operator (notEquals → equals …) and whether the result is negated. */
function positiveTest(operator: Operator, value: string | string[] | undefined): { test: Test; negate: boolean } {
  const one = typeof value === "string" ? nfc(value) : "";
  switch (operator) {
    case "equals":
    case "notEquals":
      return { test: (v) => textOf(v) === one, negate: operator === "notEquals" };
    case "in":
    case "notIn": {
      const set = new Set((value as string[]).map(nfc));
      return { test: (v) => set.has(textOf(v) as string), negate: operator === "notIn" };
    }
    case "contains":
    case "notContains":
      return { test: (v) => textOf(v)?.includes(one) === true, negate: operator === "notContains" };
    case "startsWith":
      return { test: (v) => textOf(v)?.startsWith(one) === true, negate: false };
    case "matches": {
      // No "g" flag: test() keeps no lastIndex state between records.
      const re = compileRegex(one);
      return {
        test: (v) => {
          const t = textOf(v);
          return t !== undefined && re.test(t);
        },
        negate: false,
      };
    }
    case "greaterThan":
    case "greaterOrEqual":
    case "lessThan":
    case "lessOrEqual": {
      const accept =
        operator === "greaterThan" ? (c: number) => c > 0
        : operator === "greaterOrEqual" ? (c: number) => c >= 0
        : operator === "lessThan" ? (c: number) => c < 0
        : (c: number) => c <= 0;
      if (decimalProblem(one) === undefined) {
        const bound: Fixed = parseFixed(one);
        return {
          test: (v) => {
            const d = decimalOf(v);
            return d !== undefined && accept(compareFixed(d, bound));
          },
          negate: false,
        };
      }
      const instant = instantOf(one)!;
      return {
        test: (v) => {
          const t = instantOf(v);
          return t !== undefined && accept(t < instant ? -1 : t > instant ? 1 : 0);
        },
        negate: false,
      };
    }
    case "isEmpty":
    case "isNotEmpty":
      return { test: nonEmpty, negate: operator === "isEmpty" };
    case "exists":
    case "notExists":
      return { test: (v) => v !== null && v !== undefined, negate: operator === "notExists" };
    case "olderThanDays":
    case "newerThanDays": {
      const ms = Number(one) * DAY_MS;
      const older = operator === "olderThanDays";
      return {
        test: (v, now) => {
          const t = instantOf(v);
          return t !== undefined && (older ? now - t > ms : now - t < ms);
        },
        negate: false,
      };
    }
  }
}

type Compiled = (record: Record<string, unknown>, nowMs: number) => boolean;

function compileOne(c: Condition, segments: PathSegment[]): Compiled {
  const reader = pathReader(segments);
  const { test, negate } = positiveTest(c.operator, c.value);
  if (!reader.multi) {
    const get = reader.get;
    return negate
      ? (r, now) => {
          const v = get(r);
          return v === undefined || !test(v, now);
        }
      : (r, now) => {
          const v = get(r);
          return v !== undefined && test(v, now);
        };
  }
  // "[]" paths: positive operators match when ANY value does; negated ones when NO value matches.
  return negate ? (r, now) => !reader.some(r, (v) => test(v, now)) : (r, now) => reader.some(r, (v) => test(v, now));
}

export type ConditionIssue = { path: (string | number)[]; message: string };

/**
 * Validates conditions (shape, operator, value, regex, path syntax, and the path against the
 * record type when given). Returns the conditions or every problem, paths relative to the list
 * ("2.value").
 */
export function checkConditions(
  input: unknown,
  opts: { recordType?: RecordType } = {},
): { ok: true; conditions: Condition[] } | { ok: false; issues: ConditionIssue[] } {
  const parsed = conditionsSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.map((i) => ({ path: i.path as (string | number)[], message: i.message })) };
  }
  const issues: ConditionIssue[] = [];
  if (opts.recordType) {
    parsed.data.forEach((c, i) => {
      const path = parseFieldPath(c.field);
      if (!path.ok) return;
      const info = fieldPathInfo(opts.recordType!, path.segments);
      if ("problem" in info) issues.push({ path: [i, "field"], message: info.problem });
    });
  }
  return issues.length ? { ok: false, issues } : { ok: true, conditions: parsed.data as Condition[] };
}

/**
 * One predicate for a list of conditions. `match` "all": every condition; "any": at least one.
 * No conditions: always true. Throws ValidationError (paths like "conditions.2.value") when a
 * condition is invalid, so callers may pass stored data as is.
 */
export function compileConditions(
  conditions: readonly Condition[],
  match: Match = "all",
  opts: { recordType?: RecordType } = {},
): RecordPredicate {
  const checked = checkConditions(conditions, opts);
  const matchOk = matchSchema.safeParse(match);
  if (!checked.ok || !matchOk.success) {
    const errors: FieldErrors = {};
    const add = (key: string, message: string) => (errors[key] ??= []).push(message);
    if (!checked.ok) for (const i of checked.issues) add(["conditions", ...i.path].join("."), i.message);
    if (!matchOk.success) add("match", matchOk.error.issues[0].message);
    throw new ValidationError("Some conditions are not valid.", errors);
  }
  const compiled = checked.conditions.map((c) => {
    const path = parseFieldPath(c.field);
    if (!path.ok) throw new Error("unreachable: checked above");
    return compileOne(c, path.segments);
  });
  const usesNow = checked.conditions.some((c) => operatorValue[c.operator] === "days");
  const nowOf = usesNow ? (ctx: ConditionContext) => ctx.now.getTime() : () => 0;
  if (compiled.length === 0) return () => true;
  if (compiled.length === 1) {
    const only = compiled[0];
    return (r, ctx) => only(r, nowOf(ctx));
  }
  return match === "all"
    ? (r, ctx) => {
        const now = nowOf(ctx);
        for (const c of compiled) if (!c(r, now)) return false;
        return true;
      }
    : (r, ctx) => {
        const now = nowOf(ctx);
        for (const c of compiled) if (c(r, now)) return true;
        return false;
      };
}
