import { z } from "zod";
import { conditionsSchema, matchSchema } from "@/lib/conditions";
import { MAX_CHAIN_LINKS } from "@/lib/manipulators";
import { recordTypes } from "@/lib/records";

/**
 * Manipulator chains over the Tenant API and the console: request bodies and answers, for the
 * OpenAPI document and the preview body. A chain itself is checked by lib/manipulators
 * (validateChain: the link shape, each manipulator's settings, regexes, expressions, conditions),
 * the one validator the console, the API and the runtime share.
 */
const iso = z.string().describe("ISO 8601 UTC timestamp with milliseconds.");

export const directionSchema = z.enum(["import", "export"]);
export const chainRecordTypeSchema = z.enum(recordTypes);

export const chainLinkSchema = z
  .object({
    key: z.string().trim().min(1, "Name a manipulator from the library.").max(100).describe('Library key, e.g. "set-field", "map-values", "expression".'),
    enabled: z.boolean().default(true),
    settings: z.record(z.string(), z.unknown()).default({}).describe("The manipulator's own settings (see its description in the console's library)."),
    conditions: conditionsSchema.default([]).describe("When the link applies; none = always."),
    match: matchSchema.default("all"),
  })
  .strict();

/** PUT body: the whole chain, in order; each link gets the record as the previous one left it. */
export const chainBodySchema = z.array(chainLinkSchema).max(MAX_CHAIN_LINKS, `At most ${MAX_CHAIN_LINKS} links in one chain.`);

export const chainSchema = z.object({
  connectionId: z.string(),
  direction: directionSchema,
  recordType: chainRecordTypeSchema,
  version: z.number().int().describe("Goes up by one on every save; 0 when the chain was never saved. Transfer reports name the version they ran with."),
  links: z.array(chainLinkSchema),
  updated: iso.nullable(),
  updatedBy: z.string().nullable().describe("`user/<login>` of whoever saved it last."),
});

const previewRecord = z.record(z.string(), z.unknown(), { error: "Send the record as a JSON object" }).describe("A record in the Tenant API shape (numbers as strings).");

export const previewBodySchema = z
  .object({
    record: previewRecord,
    chain: chainBodySchema.optional().describe("The chain to try; the saved chain when left out."),
  })
  .strict();

/** What the preview parses itself; `chain` goes to validateChain, whose messages are the console's. */
export const previewBodyInput = z.object({ record: previewRecord, chain: z.unknown().optional() }).strict();

export const stepSchema = z.object({
  key: z.string(),
  matched: z.boolean().describe("false when the link is disabled or its conditions did not hold (then it did nothing)."),
  changed: z.boolean(),
  error: z.string().optional(),
});

export const previewSchema = z.object({
  outcome: z.enum(["ok", "ignore", "fail"]).describe("ok: the record goes on; ignore: it is skipped (counted as ignored); fail: it fails with the message."),
  message: z.string().optional().describe("The ignore reason or the failure message."),
  before: z.record(z.string(), z.unknown()),
  after: z.record(z.string(), z.unknown()).nullable().describe("null when the outcome is ignore or fail: nothing the chain did is kept."),
  steps: z.array(stepSchema),
  changes: z
    .array(z.object({ path: z.string().describe('Dot path, e.g. "rows.0.sku".'), kind: z.enum(["added", "removed", "changed"]), before: z.unknown().optional(), after: z.unknown().optional() }))
    .describe("What the chain changed, field by field (at most 500); empty unless the outcome is ok."),
  chainVersion: z.number().int().nullable().describe("The saved version that ran; null when the request sent its own chain."),
});

export type ChainAnswer = z.output<typeof chainSchema>;
export type PreviewAnswer = z.output<typeof previewSchema>;
