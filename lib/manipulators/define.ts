/**
 * What a manipulator of the library is: its settings schema (forms are generated from its JSON
 * Schema) and `prepare`, called once per link by compileChain, which does every check the schema
 * cannot (regexes, expressions, paths against the record type) and returns the link's `apply`.
 */
import type { z } from "zod";
import type { RecordType } from "@/lib/records";
import type { Direction, ManipulatorContext } from "./types";

export type Obj = Record<string, unknown>;

export type PrepareOptions = { recordType: RecordType; direction: Direction };

/**
 * What a link did. `true` / `false`: it changed the working record in place (or not);
 * `{ replace }`: the record it produced instead (expression, script); `{ stop }`: the chain ends
 * here with that outcome and message.
 */
export type LinkOutcome = boolean | { replace: Obj } | { stop: "ignore" | "fail"; message: string };

export type PreparedLink = {
  /** May mutate `record` (the chain's private working copy). Throwing fails the record with the message. */
  apply(record: Obj, ctx: ManipulatorContext): LinkOutcome | Promise<LinkOutcome>;
  dispose?(): void;
};

export type ManipulatorDefinition<S extends z.ZodType<Obj> = z.ZodType<Obj>> = {
  /** kebab-case, stable: stored in chains. */
  key: string;
  name: string;
  /** One or two sentences a merchant understands. */
  description: string;
  settings: S;
  /** Record types it makes sense for; all when absent. */
  appliesTo?: readonly RecordType[];
  prepare(settings: z.output<S>, opts: PrepareOptions): PreparedLink;
};

/** Identity with inference: each manipulator keeps its own settings type. */
export function defineManipulator<S extends z.ZodType<Obj>>(def: ManipulatorDefinition<S>): ManipulatorDefinition<S> {
  return def;
}

/** A problem with a link's settings found by `prepare`; `path` is relative to the settings. */
export class SettingsError extends Error {
  constructor(readonly issues: { path: (string | number)[]; message: string }[]) {
    super(issues.map((i) => `${i.path.join(".") || "settings"}: ${i.message}`).join("; "));
  }
  static at(path: string | (string | number)[], message: string): SettingsError {
    return new SettingsError([{ path: Array.isArray(path) ? path : [path], message }]);
  }
}

/** A record-level problem while applying a link: fails the record with this message. */
export class StepError extends Error {}
