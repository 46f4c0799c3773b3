/**
 * expression: a JSONata 2.x expression evaluated on the record.
 *
 * Result rule (setting `mode`):
 * - "patch" (default): the result is an object merged into the record: objects merge key by key,
 *   anything else (text, lists, null) replaces the field; null clears the field. No result
 *   (undefined, e.g. a condition that did not hold) changes nothing.
 * - "record": the result is the whole new record.
 * Either way the result must be plain record JSON: numbers as strings ($string(...)), no
 * functions. `$context` holds { direction, recordType, connection, now }.
 *
 * Limits: JSONata's own guardrails (time budget per record, evaluation depth, sequence length)
 * stop runaway expressions so they fail that record, not the worker; regular expressions go
 * through the same catastrophic-pattern check as everywhere else.
 */
import jsonata from "jsonata";
import { z } from "zod";
import { catastrophicProblem, MAX_PATTERN_LENGTH } from "@/lib/conditions/regex";
import { defineManipulator, SettingsError, StepError, type Obj } from "../define";
import { deepEqual, isPlainObject, mergePatch, recordJson } from "../json";
import { milliseconds } from "../settings";

export const MAX_EXPRESSION_LENGTH = 20_000;
/** JSONata evaluation depth: deep enough for any record expression, shallow enough for the host stack. */
const MAX_DEPTH = 500;
/** Longest sequence (e.g. a range [1..n]) an expression may build. */
const MAX_SEQUENCE = 100_000;

function patternProblem(source: string): string | undefined {
  if (source.length > MAX_PATTERN_LENGTH) return `A regular expression is at most ${MAX_PATTERN_LENGTH} characters`;
  return catastrophicProblem(source);
}

/** JSONata builds every regex through this: one that looks catastrophic fails the record. */
class GuardedRegExp extends RegExp {
  constructor(pattern: string | RegExp, flags?: string) {
    const problem = patternProblem(typeof pattern === "string" ? pattern : pattern.source);
    if (problem) throw new Error(problem);
    super(pattern, flags);
  }
}

/** Regex literals anywhere in the parsed expression, checked when the chain is saved. */
function regexLiterals(node: unknown, out: RegExp[] = [], depth = 0): RegExp[] {
  if (depth > 200 || node === null || typeof node !== "object") return out;
  if (node instanceof RegExp) {
    out.push(node);
    return out;
  }
  for (const v of Array.isArray(node) ? node : Object.values(node)) regexLiterals(v, out, depth + 1);
  return out;
}

type JsonataError = { message?: string; position?: number; code?: string };

export const expression = defineManipulator({
  key: "expression",
  name: "Expression (JSONata)",
  description:
    'Changes the record with a JSONata expression, for anything the other manipulators cannot do. By default the result is merged into the record, e.g. {"note": "Order " & orderNumber}.',
  settings: z.strictObject({
    expression: z
      .string({ error: "Expected a text" })
      .min(1, "Write an expression")
      .max(MAX_EXPRESSION_LENGTH, `At most ${MAX_EXPRESSION_LENGTH} characters`)
      .describe('A JSONata expression over the record, e.g. {"note": $uppercase(note)}. $context has direction, recordType, connection and now.'),
    mode: z
      .enum(["patch", "record"])
      .default("patch")
      .describe("patch: the result (an object) is merged into the record, null clears a field; record: the result is the whole new record."),
    timeoutMs: milliseconds(100, 1000).describe("Time limit per record in milliseconds (1–1000)."),
  }),
  prepare(s) {
    let expr: ReturnType<typeof jsonata>;
    try {
      expr = jsonata(s.expression, { timeout: s.timeoutMs, stack: MAX_DEPTH, sequence: MAX_SEQUENCE, RegexEngine: GuardedRegExp as RegExpConstructor });
    } catch (e) {
      const err = e as JsonataError;
      throw SettingsError.at("expression", `${err.message ?? String(e)}${typeof err.position === "number" ? ` (at character ${err.position})` : ""}`);
    }
    for (const re of regexLiterals(expr.ast())) {
      const problem = patternProblem(re.source);
      if (problem) throw SettingsError.at("expression", `/${re.source}/: ${problem}`);
    }
    const mode = s.mode;
    return {
      apply: async (record, ctx) => {
        let result: unknown;
        try {
          result = await expr.evaluate(record, {
            context: { direction: ctx.direction, recordType: ctx.recordType, connection: { ...ctx.connection }, now: ctx.now.toISOString() },
          });
        } catch (e) {
          const err = e as JsonataError;
          throw new StepError(err.message ?? String(e));
        }
        if (result === undefined) {
          if (mode === "record") throw new StepError("The expression gave no result; in record mode it must give the whole record");
          return false;
        }
        const json = recordJson(result);
        if (!isPlainObject(json)) {
          throw new StepError(`The expression must give ${mode === "patch" ? "an object of fields to change" : "the record (an object)"}, not ${Array.isArray(json) ? "a list" : json === null ? "null" : `a ${typeof json}`}`);
        }
        if (mode === "record") return deepEqual(json, record) ? false : { replace: json };
        return mergePatch(record, json as Obj);
      },
    };
  },
});
