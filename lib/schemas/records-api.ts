import { z } from "zod";
import { languages } from "@/lib/catalog";

/** Response/request shapes of the Tenant API around the per-type record data (lib/records). */
const iso = z.string().describe("ISO 8601 UTC timestamp with milliseconds, e.g. 2026-11-22T10:15:30.123Z");

export const recordSourceSchema = z
  .union([
    z.object({ type: z.literal("connection"), connectionType: z.string(), connectionId: z.string(), connectionName: z.string(), code: z.string().nullable().describe("The only writable part: a sub-source within one remote system.") }),
    z.object({ type: z.literal("user"), login: z.string() }),
    z.object({ type: z.literal("system"), name: z.string() }),
  ])
  .describe("Who created the record.");

export const recordCommonSchema = z.object({
  localId: z.string().regex(/^[0-9a-f]{32}$/).describe("Platform id: 32 lowercase hex characters; never changes."),
  href: z.string().describe("Path of this record, e.g. /api/order/{localId}."),
  remoteId: z.string().nullable().describe("The id this record has in the calling connection's system."),
  remoteIdMap: z.record(z.string(), z.string()).describe("connectionId → remote id, for every connection that knows this record."),
  remoteRefMap: z.record(z.string(), z.string()).describe("connectionId → human reference (e.g. the order number in that system)."),
  created: iso,
  lastModified: iso,
  lastModifiedBy: z.string().describe("`connection/<id>`, `user/<login>` or `system/<name>`."),
  source: recordSourceSchema,
  archived: z.boolean(),
  customData: z.record(z.string(), z.unknown()).describe("Keyed `moduleId|key`; user modules start with `x-`."),
});

export const recordWritableCommonSchema = z.object({
  remoteId: z.string().nullable().optional().describe("Your id for this record; unique per connection and record type. null removes it."),
  remoteRef: z.string().nullable().optional().describe("Your human reference for it (needs a remoteId)."),
  source: z.object({ code: z.string().nullable() }).optional().describe("Only `code` is writable."),
  customData: z.record(z.string(), z.unknown()).nullable().optional().describe("Merged key by key: a null value removes a key; null for the whole object clears it."),
});

export const apiRootSchema = z.object({
  tenant: z.string().describe("The tenant's code name."),
  connectionId: z.string(),
  defaultLanguage: z.enum(languages.map((l) => l.iso3) as [string, ...string[]]),
  defaultLanguage_iso: z.object({ "iso639-1": z.string().nullable(), "iso639-3": z.string() }),
});

export const transferReportSchema = z.object({
  id: z.string().describe("The report's id (trf_…)."),
  href: z.string(),
  connectionId: z.string(),
  plug: z.string().describe("Plug key, e.g. OrderImport."),
  direction: z.enum(["import", "export"]),
  recordType: z.string(),
  trigger: z.enum(["schedule", "manual", "retry", "webhook", "autoInvoice"]),
  status: z.enum(["running", "succeeded", "completedWithErrors", "failed", "interrupted"]),
  start: iso,
  end: iso.nullable().describe("null while the run is going."),
  numConsidered: z.number().int(),
  numSucceeded: z.number().int(),
  numFailed: z.number().int(),
  numIgnored: z.number().int(),
  sessionErrors: z.array(z.object({ at: iso, message: z.string(), kind: z.enum(["transient", "permanent", "internal"]) })).describe("Faults of the run as a whole; transient ones it recovered from are kept too."),
  chainVersion: z.number().int().nullable().describe("Version of the manipulator chain the run used; null when it ran without one."),
  lastModified: iso.describe("Changes while the run goes (counts), so delta readers see a report again until it ends."),
});

export const transferReportDetailSchema = transferReportSchema.extend({
  records: z.array(
    z.object({
      outcome: z.enum(["succeeded", "failed", "ignored"]),
      remoteId: z.string().nullable(),
      localId: z.string().nullable(),
      displayId: z.string().nullable(),
      message: z.string().nullable(),
      at: iso,
    }),
  ),
  nextAfter: z.number().int().nullable().describe("Pass as `after` for the next page of records; null on the last page."),
});

export const connectionSchema = z.object({
  connectionId: z.string(),
  connector: z.string().describe('"api" for external integrations, else a native connector (shopify, woocommerce, quickbooks, …).'),
  connectorName: z.string(),
  name: z.string(),
  active: z.boolean(),
  archived: z.boolean().describe("Connections with history are archived instead of deleted."),
  created: iso,
  lastModified: iso,
  plugs: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      direction: z.enum(["import", "export"]).nullable(),
      recordType: z.string().nullable(),
      enabled: z.boolean(),
      latestTransfer: transferReportSchema.nullable(),
      latestSuccessfulTransfer: transferReportSchema.nullable(),
    }),
  ),
});

export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  code: z.string().describe("snake_case error code, e.g. validation_failed, not_found, conflict, rate_limited."),
  requestId: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional().describe("Per-field problems of a validation error."),
});

export const logEventOutSchema = z.object({
  localId: z.string().describe("The event's id (evt_…)."),
  connectionId: z.string().nullable(),
  severity: z.enum(["debug", "info", "warning", "error", "critical"]),
  relatedRecordType: z.string().nullable(),
  direction: z.enum(["import", "export"]).nullable(),
  summary: z.string(),
  body: z.array(z.string()),
  relatedIdMsgs: z.array(z.object({ id: z.string(), displayId: z.string().optional(), message: z.string() })),
  time: iso.describe("When it happened, as reported."),
  created: iso,
  lastModified: iso.describe("Events never change: the same as created."),
});
