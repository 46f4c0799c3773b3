/**
 * script: JavaScript run in a sandbox (lib/manipulators/sandbox.ts).
 *
 * Contract: `source` is the body of a function called as (record, context) in strict mode.
 * `record` is a JSON copy of the record; `context` is { direction, recordType, connection, now }.
 * The script either changes `record` and returns nothing, or returns the new record (an object).
 * `ignore(reason)` skips the record, `fail(message)` fails it with that message; a thrown error
 * fails it with "Step N (script): <message> (line L)". The result must be plain record JSON:
 * numbers as strings, no "__proto__" keys. The global objects are frozen (assigning to
 * Object.prototype throws), and nothing survives from one record to the next.
 */
import { z } from "zod";
import { defineManipulator, SettingsError, StepError, type Obj } from "../define";
import { deepEqual, isPlainObject, recordJson } from "../json";
import { ScriptSandbox, scriptSyntaxProblem } from "../sandbox";
import { milliseconds } from "../settings";

export const MAX_SCRIPT_LENGTH = 50_000;
const STACK_BYTES = 256 * 1024;

export const script = defineManipulator({
  key: "script",
  name: "Script (JavaScript)",
  description:
    "Changes the record with your own JavaScript, run in a locked sandbox with time and memory limits. Change `record` in place or return a new one; call ignore(reason) or fail(message) to stop it.",
  settings: z.strictObject({
    source: z
      .string({ error: "Expected a text" })
      .min(1, "Write a script")
      .max(MAX_SCRIPT_LENGTH, `At most ${MAX_SCRIPT_LENGTH} characters`)
      .describe('JavaScript: the body of a function of (record, context), e.g. record.note = "Order " + record.orderNumber;'),
    timeoutMs: milliseconds(50, 1000).describe("Time limit per record in milliseconds (1–1000)."),
    memoryMb: z
      .number({ error: "Expected a number of megabytes" })
      .int("Whole megabytes")
      .min(8, "At least 8 MB")
      .max(64, "At most 64 MB")
      .default(32)
      .describe("Memory limit in megabytes (8–64)."),
  }),
  prepare(s) {
    const problem = scriptSyntaxProblem(s.source);
    if (problem) throw SettingsError.at("source", `The script does not compile: ${problem}`);
    const sandbox = new ScriptSandbox(s.source, { timeoutMs: s.timeoutMs, memoryBytes: s.memoryMb * 1024 * 1024, stackBytes: STACK_BYTES });
    return {
      apply: async (record, ctx) => {
        const input = JSON.stringify(record);
        const context = JSON.stringify({ direction: ctx.direction, recordType: ctx.recordType, connection: ctx.connection, now: ctx.now.toISOString() });
        const out = await sandbox.run(input, context);
        switch (out.kind) {
          case "ignore":
            return { stop: "ignore", message: out.reason };
          case "fail":
            return { stop: "fail", message: out.message };
          case "error":
            throw new StepError(out.message);
        }
        // Same text back: nothing changed, and nothing to parse.
        if (out.json === input) return false;
        const next = recordJson(JSON.parse(out.json));
        if (!isPlainObject(next)) throw new StepError("The script must return the record (an object)");
        return deepEqual(next, record) ? false : { replace: next as Obj };
      },
      dispose: () => sandbox.dispose(),
    };
  },
});
