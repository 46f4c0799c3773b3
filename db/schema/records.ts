import { sql } from "drizzle-orm";
import { bigint, boolean, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { timestamps } from "./_columns";
import { tenantIsolation } from "./rls";

const ms = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/**
 * A tenant's connections: `api` (an external integration on the Tenant API) or a native connector
 * (lib/connectors). `settings` holds the plain settings; secret ones live only in `secrets`,
 * AES-256-GCM encrypted (lib/crypto/secrets.ts). Connections with history are archived, not deleted.
 */
export const connections = pgTable(
  "connections",
  {
    tenantId: text("tenant_id").notNull(),
    id: text("id").notNull(),
    connector: text("connector").notNull(),
    name: text("name").notNull(),
    active: boolean("active").notNull().default(true),
    settings: jsonb("settings").notNull().default(sql`'{}'::jsonb`),
    secrets: text("secrets"),
    archived: boolean("archived").notNull().default(false),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), tenantIsolation("connections")],
).enableRLS();

/**
 * Per-tenant modification clock. Every write transaction bumps it and stamps its records with the
 * value; the row lock it takes orders a tenant's writes, so lastModified order equals commit order
 * and a delta reader paging by (lastModified, localId) can never skip a record committed late.
 */
export const tenantClocks = pgTable(
  "tenant_clocks",
  {
    tenantId: text("tenant_id").notNull(),
    lastTs: ms("last_ts").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId] }), tenantIsolation("tenant_clocks")],
).enableRLS();

/** The canonical copy of every record: common columns typed, type-specific fields in `data`. */
export const records = pgTable(
  "records",
  {
    tenantId: text("tenant_id").notNull(),
    localId: text("local_id").notNull(),
    type: text("type").notNull(),
    created: ms("created").notNull(),
    lastModified: ms("last_modified").notNull(),
    lastModifiedBy: text("last_modified_by").notNull(),
    source: jsonb("source").notNull(),
    data: jsonb("data").notNull(),
    customData: jsonb("custom_data").notNull().default(sql`'{}'::jsonb`),
    /** Denormalised for search and uniqueness: orderNumber / invoiceNumber / customerNumber / sku … */
    number: text("number"),
    sku: text("sku"),
    name: text("name"),
    status: text("status"),
    archived: boolean("archived").notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.localId] }),
    index("records_delta_idx").on(t.tenantId, t.type, t.lastModified, t.localId),
    uniqueIndex("records_product_sku_key").on(t.tenantId, t.sku).where(sql`${t.type} = 'product'`),
    index("records_number_idx").on(t.tenantId, t.type, t.number),
    tenantIsolation("records"),
  ],
).enableRLS();

/** remoteId of a record in each connection's system; unique per (connection, record type). */
export const recordRemoteIds = pgTable(
  "record_remote_ids",
  {
    tenantId: text("tenant_id").notNull(),
    connectionId: text("connection_id").notNull(),
    type: text("type").notNull(),
    remoteId: text("remote_id").notNull(),
    localId: text("local_id").notNull(),
    remoteRef: text("remote_ref"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.connectionId, t.type, t.remoteId] }),
    uniqueIndex("record_remote_ids_local_key").on(t.tenantId, t.localId, t.connectionId),
    tenantIsolation("record_remote_ids"),
  ],
).enableRLS();

/** Field-level change history of a record: who changed what, when. */
export const recordHistory = pgTable(
  "record_history",
  {
    tenantId: text("tenant_id").notNull(),
    localId: text("local_id").notNull(),
    seq: bigint("seq", { mode: "number" }).generatedAlwaysAsIdentity(),
    at: ms("at").notNull(),
    by: text("by").notNull(),
    changes: jsonb("changes").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.localId, t.seq] }), tenantIsolation("record_history")],
).enableRLS();

/** Events external integrations post with POST /api/log/event, shown in the tenant's event history. */
export const logEvents = pgTable(
  "log_events",
  {
    tenantId: text("tenant_id").notNull(),
    id: text("id").notNull(),
    connectionId: text("connection_id"),
    severity: text("severity").notNull(),
    relatedRecordType: text("related_record_type"),
    direction: text("direction"),
    summary: text("summary").notNull(),
    body: jsonb("body").notNull().default(sql`'[]'::jsonb`),
    relatedIdMsgs: jsonb("related_id_msgs").notNull().default(sql`'[]'::jsonb`),
    time: ms("time").notNull(),
    createdAt: timestamps.createdAt,
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), index("log_events_time_idx").on(t.tenantId, t.time), tenantIsolation("log_events")],
).enableRLS();
