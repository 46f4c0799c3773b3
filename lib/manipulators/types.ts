import type { RecordType } from "@/lib/records";
import type { Condition, Match } from "@/lib/conditions";

/**
 * The contract between the manipulator library (lib/manipulators), where chains are stored and
 * edited (lib/services/manipulators, the console, the Tenant API) and where they run (the import and
 * export pipelines in lib/connectors/runtime). Records are in the Tenant API shape: plain JSON, every
 * number a string.
 */

export type Direction = "import" | "export";

/** One link of a chain as stored and as the API reads and writes it. */
export type ChainLink = {
  /** Library key, kebab-case: "set-field", "map-values", "expression", "script" … */
  key: string;
  enabled: boolean;
  settings: Record<string, unknown>;
  conditions: Condition[];
  match: Match;
};

/** What a link sees besides the record. */
export type ManipulatorContext = {
  direction: Direction;
  recordType: RecordType;
  connection: { id: string; name: string; connectorKey: string };
  /** Injected so conditions like order age and templates like {{now}} are testable. */
  now: Date;
};

/** What happened at one link, for the preview and for error messages. */
export type StepResult = {
  key: string;
  /** false when disabled or when its conditions did not match (then it did nothing). */
  matched: boolean;
  changed: boolean;
  error?: string;
};

/**
 * A chain's result for one record. On "fail" or "ignore" nothing the chain did is kept; the input
 * record is never mutated (a failed run can never save a half-manipulated record).
 */
export type ChainResult =
  | { outcome: "ok"; record: Record<string, unknown>; steps: StepResult[] }
  | { outcome: "ignore"; reason: string; steps: StepResult[] }
  | { outcome: "fail"; message: string; steps: StepResult[] };

export type CompiledChain = {
  /** Runs the chain on one record. Never throws for a record's problem: that is outcome "fail". */
  run(record: Record<string, unknown>, ctx: ManipulatorContext): Promise<ChainResult>;
  /** Frees sandboxes (script links). Safe to call twice. */
  dispose(): void;
};

export type { Condition, Match };
