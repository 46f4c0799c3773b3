/**
 * Validating and running chains. compileChain checks every link once (key, settings, regexes,
 * expressions, scripts, conditions) and precompiles it; run() then does per record only what the
 * record needs: one deep copy of the input, the links in order, and no work for skipped links.
 */
import { z } from "zod";
import { checkConditions, compileConditions, matchSchema, type RecordPredicate } from "@/lib/conditions";
import { ValidationError } from "@/lib/errors";
import type { RecordType } from "@/lib/records";
import { issueCollector } from "@/lib/records/checks";
import { SettingsError, type Obj, type PreparedLink } from "./define";
import { cloneJson, isPlainObject } from "./json";
import { manipulatorByKey, manipulatorLibrary } from "./library";
import type { ChainLink, ChainResult, CompiledChain, Direction, ManipulatorContext, StepResult } from "./types";

export type ChainOptions = { recordType: RecordType; direction: Direction };

export const MAX_CHAIN_LINKS = 50;
const MAX_MESSAGE = 2000;

const linkShape = z.strictObject(
  {
    key: z.string({ error: "Name a manipulator from the library" }).min(1, "Name a manipulator from the library").max(100),
    enabled: z.boolean({ error: "Expected true or false" }).default(true),
    settings: z.record(z.string(), z.unknown(), { error: "Expected an object of settings" }).default({}),
    conditions: z.unknown().default([]),
    match: z.unknown().default("all"),
  },
  { error: (iss) => (iss.code === "unrecognized_keys" ? "Unknown field: a link has key, enabled, settings, conditions and match" : "Expected a link object") },
);

type Prepared = { key: string; enabled: boolean; when: RecordPredicate; link: PreparedLink };

const keys = () => manipulatorLibrary.map((m) => m.key).join(", ");

/** Checks and prepares every link; throws one ValidationError with every problem ("2.settings.expression"). */
function prepareChain(input: unknown, opts: ChainOptions): { links: ChainLink[]; prepared: Prepared[] } {
  const issues = issueCollector();
  if (!Array.isArray(input)) throw new ValidationError("The manipulator chain is not valid.", { _form: ["Expected a list of links"] });
  if (input.length > MAX_CHAIN_LINKS) throw new ValidationError("The manipulator chain is not valid.", { _form: [`At most ${MAX_CHAIN_LINKS} links in one chain`] });
  const links: ChainLink[] = [];
  const prepared: Prepared[] = [];
  input.forEach((raw, i) => {
    const shape = linkShape.safeParse(raw);
    if (!shape.success) {
      for (const issue of shape.error.issues) issues.add([i, ...(issue.path as (string | number)[])], issue.message);
      return;
    }
    const { key, enabled } = shape.data;
    const def = manipulatorByKey(key);
    const conditions = checkConditions(shape.data.conditions, { recordType: opts.recordType });
    if (!conditions.ok) for (const issue of conditions.issues) issues.add([i, "conditions", ...issue.path], issue.message);
    const match = matchSchema.safeParse(shape.data.match);
    if (!match.success) issues.add([i, "match"], match.error.issues[0].message);
    if (!def) return void issues.add([i, "key"], `Unknown manipulator "${key}": use one of ${keys()}`);
    if (def.appliesTo && !def.appliesTo.includes(opts.recordType)) {
      return void issues.add([i, "key"], `${def.name} (${key}) does not apply to ${opts.recordType} records; it applies to ${def.appliesTo.join(", ")}`);
    }
    const settings = def.settings.safeParse(shape.data.settings);
    if (!settings.success) {
      for (const issue of settings.error.issues) issues.add([i, "settings", ...(issue.path as (string | number)[])], issue.message);
      return;
    }
    let link: PreparedLink;
    try {
      link = def.prepare(settings.data, opts);
    } catch (e) {
      if (!(e instanceof SettingsError)) throw e;
      for (const issue of e.issues) issues.add([i, "settings", ...issue.path], issue.message);
      return;
    }
    if (!conditions.ok || !match.success) return void link.dispose?.();
    links.push({ key, enabled, settings: settings.data, conditions: conditions.conditions, match: match.data });
    prepared.push({ key, enabled, when: compileConditions(conditions.conditions, match.data), link });
  });
  if (issues.count()) {
    for (const p of prepared) p.link.dispose?.();
    throw new ValidationError("Some links of the manipulator chain are not valid.", issues.errors);
  }
  return { links, prepared };
}

/**
 * Checks a chain as stored or sent (unknown key, settings, regexes, JSONata, scripts, conditions)
 * and returns it normalised (settings with their defaults). Throws ValidationError with paths
 * like "2.settings.expression".
 */
export function validateChain(links: unknown, opts: ChainOptions): ChainLink[] {
  const { links: valid, prepared } = prepareChain(links, opts);
  for (const p of prepared) p.link.dispose?.();
  return valid;
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));
const cap = (s: string) => (s.length > MAX_MESSAGE ? `${s.slice(0, MAX_MESSAGE - 1)}…` : s);

/** Validates (as validateChain) and precompiles a chain for running. Call dispose() when done. */
export function compileChain(links: unknown, opts: ChainOptions): CompiledChain {
  const { prepared } = prepareChain(links, opts);
  let disposed = false;
  return {
    async run(record: Record<string, unknown>, ctx: ManipulatorContext): Promise<ChainResult> {
      if (disposed) throw new Error("This manipulator chain was disposed");
      const steps: StepResult[] = [];
      if (!isPlainObject(record)) return { outcome: "fail", message: "The record is not a JSON object", steps };
      // The chain's private copy: links change it in place; the caller's record is never touched.
      let current = cloneJson(record) as Obj;
      for (let i = 0; i < prepared.length; i++) {
        const p = prepared[i];
        const step: StepResult = { key: p.key, matched: false, changed: false };
        steps.push(step);
        try {
          if (!p.enabled || !p.when(current, ctx)) continue;
          step.matched = true;
          let out = p.link.apply(current, ctx);
          if (out instanceof Promise) out = await out;
          if (typeof out === "boolean") {
            step.changed = out;
          } else if ("replace" in out) {
            step.changed = true;
            current = out.replace;
          } else if (out.stop === "ignore") {
            return { outcome: "ignore", reason: cap(out.message), steps };
          } else {
            step.error = cap(out.message);
            return { outcome: "fail", message: step.error, steps };
          }
        } catch (e) {
          step.error = cap(`Step ${i + 1} (${p.key}): ${messageOf(e)}`);
          return { outcome: "fail", message: step.error, steps };
        }
      }
      return { outcome: "ok", record: current, steps };
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const p of prepared) p.link.dispose?.();
    },
  };
}
