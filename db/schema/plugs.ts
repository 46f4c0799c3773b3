import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { timestamps } from "./_columns";
import { tenantIsolation } from "./rls";

const ms = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/**
 * A plug of a connection: whether it runs, when (interval or cron), its settings and its state
 * (the delta watermark). Rows exist from the moment a native connection is created.
 */
export const plugs = pgTable(
  "plugs",
  {
    tenantId: text("tenant_id").notNull(),
    connectionId: text("connection_id").notNull(),
    key: text("plug_key").notNull(),
    enabled: boolean("enabled").notNull().default(false),
    /** { kind: "interval", minutes } | { kind: "cron", expression } */
    schedule: jsonb("schedule").notNull(),
    settings: jsonb("settings").notNull().default(sql`'{}'::jsonb`),
    /** { watermark?: string } — advanced only in the transaction that saves what it covers. */
    state: jsonb("state").notNull().default(sql`'{}'::jsonb`),
    nextRunAt: ms("next_run_at"),
    /** Set when a run is queued, cleared when it starts: one queued run per plug. */
    runRequestedAt: ms("run_requested_at"),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.connectionId, t.key] }),
    // The scheduler looks across tenants for due plugs.
    index("plugs_due_idx").on(t.nextRunAt).where(sql`${t.enabled}`),
    tenantIsolation("plugs"),
  ],
).enableRLS();

/** One run of a plug: counts, session errors, and (in transfer_outcomes) what happened to each record. */
export const transferReports = pgTable(
  "transfer_reports",
  {
    tenantId: text("tenant_id").notNull(),
    id: text("id").notNull(),
    connectionId: text("connection_id").notNull(),
    plugKey: text("plug_key").notNull(),
    direction: text("direction").notNull(),
    recordType: text("record_type").notNull(),
    /** schedule | manual | retry */
    trigger: text("trigger").notNull(),
    /** running | succeeded | completedWithErrors | failed | interrupted */
    status: text("status").notNull(),
    started: ms("started").notNull(),
    ended: ms("ended"),
    numConsidered: integer("num_considered").notNull().default(0),
    numSucceeded: integer("num_succeeded").notNull().default(0),
    numFailed: integer("num_failed").notNull().default(0),
    numIgnored: integer("num_ignored").notNull().default(0),
    /** [{ at, message, kind: "transient" | "permanent" | "internal" }] */
    sessionErrors: jsonb("session_errors").notNull().default(sql`'[]'::jsonb`),
    /** The version of the manipulator chain the run used (db/schema/manipulators.ts); null when it had none. */
    chainVersion: integer("chain_version"),
    /** Stamped from the tenant clock like records, so GET /api/transferReport pages in commit order. */
    lastModified: ms("last_modified").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("transfer_reports_plug_idx").on(t.tenantId, t.connectionId, t.plugKey, t.started),
    index("transfer_reports_delta_idx").on(t.tenantId, t.lastModified, t.id),
    tenantIsolation("transfer_reports"),
  ],
).enableRLS();

export const transferOutcomes = pgTable(
  "transfer_outcomes",
  {
    tenantId: text("tenant_id").notNull(),
    reportId: text("report_id").notNull(),
    seq: bigint("seq", { mode: "number" }).generatedAlwaysAsIdentity(),
    /** succeeded | failed | ignored */
    outcome: text("outcome").notNull(),
    remoteId: text("remote_id"),
    localId: text("local_id"),
    displayId: text("display_id"),
    message: text("message"),
    at: ms("at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.reportId, t.seq] }), tenantIsolation("transfer_outcomes")],
).enableRLS();

/**
 * Records a plug could not move. One row per (plug, item): a later failure reopens it, a later
 * success resolves it. Import items keep the remote payload so a retry re-maps it with the
 * current settings; export items are re-read from the record.
 */
export const errorQueue = pgTable(
  "error_queue",
  {
    tenantId: text("tenant_id").notNull(),
    id: text("id").notNull(),
    connectionId: text("connection_id").notNull(),
    plugKey: text("plug_key").notNull(),
    recordType: text("record_type").notNull(),
    /** remoteId for imports, localId for exports */
    itemKey: text("item_key").notNull(),
    remoteId: text("remote_id"),
    localId: text("local_id"),
    displayId: text("display_id"),
    /** open | retried | resolved */
    status: text("status").notNull(),
    message: text("message").notNull(),
    payload: jsonb("payload"),
    attempts: integer("attempts").notNull().default(1),
    firstFailedAt: ms("first_failed_at").notNull(),
    lastFailedAt: ms("last_failed_at").notNull(),
    lastReportId: text("last_report_id"),
    resolvedAt: ms("resolved_at"),
    /** "system/succeeded" when a later run moved it, else the user who resolved it */
    resolvedBy: text("resolved_by"),
    updatedAt: timestamps.updatedAt,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("error_queue_item_key").on(t.tenantId, t.connectionId, t.plugKey, t.itemKey),
    index("error_queue_status_idx").on(t.tenantId, t.status, t.lastFailedAt),
    tenantIsolation("error_queue"),
  ],
).enableRLS();
