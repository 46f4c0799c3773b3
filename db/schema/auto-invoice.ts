import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { timestamps } from "./_columns";
import { tenantIsolation } from "./rls";

const ms = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/**
 * A tenant's Auto Invoice switch, the order age cut-off, and how far the engine has read the
 * tenant's orders: (watermark_at, watermark_local_id) in records' (last_modified, local_id) order,
 * which is commit order (tenant clock), so no order committed later is ever skipped.
 */
export const autoInvoiceSettings = pgTable(
  "auto_invoice_settings",
  {
    tenantId: text("tenant_id").notNull(),
    enabled: boolean("enabled").notNull().default(false),
    cutoffDays: integer("cutoff_days").notNull().default(30),
    watermarkAt: ms("watermark_at"),
    watermarkLocalId: text("watermark_local_id"),
    lastRunAt: ms("last_run_at"),
    updatedAt: ms("updated_at").notNull().defaultNow(),
    updatedBy: text("updated_by").notNull(),
  },
  (t) => [primaryKey({ name: "auto_invoice_settings_pk", columns: [t.tenantId] }), tenantIsolation("auto_invoice_settings")],
).enableRLS();

/** Ordered rules (lib/auto-invoice/rule.ts): the first enabled rule whose conditions match invoices the order. */
export const autoInvoiceRules = pgTable(
  "auto_invoice_rules",
  {
    tenantId: text("tenant_id").notNull(),
    id: text("id").notNull(),
    position: integer("position").notNull(),
    name: text("name").notNull(),
    enabled: boolean("enabled").notNull().default(false),
    conditions: jsonb("conditions").notNull().default(sql`'[]'::jsonb`),
    match: text("match").notNull().default("all"),
    actions: jsonb("actions").notNull(),
    version: integer("version").notNull().default(1),
    updatedBy: text("updated_by").notNull(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ name: "auto_invoice_rules_pk", columns: [t.tenantId, t.id] }),
    index("auto_invoice_rules_position_idx").on(t.tenantId, t.position),
    tenantIsolation("auto_invoice_rules"),
  ],
).enableRLS();

/**
 * Invoice number series per tenant and prefix. A number is taken with
 * `update … set next_value = next_value + 1 returning` inside the invoice's own transaction: the row
 * lock orders takers and a rolled-back invoice gives its number back, so the sequence has no gaps.
 */
export const numberSeries = pgTable(
  "number_series",
  {
    tenantId: text("tenant_id").notNull(),
    prefix: text("prefix").notNull(),
    nextValue: bigint("next_value", { mode: "number" }).notNull().default(1),
    padding: integer("padding").notNull().default(5),
    ...timestamps,
  },
  (t) => [primaryKey({ name: "number_series_pk", columns: [t.tenantId, t.prefix] }), tenantIsolation("number_series")],
).enableRLS();

/**
 * Which invoice (kind 'invoice') and credit note (kind 'credit') Auto Invoice made for an order.
 * The primary key is the database's "never twice": one of each per tenant and order, whichever
 * worker gets there first.
 */
export const autoInvoiceLinks = pgTable(
  "auto_invoice_links",
  {
    tenantId: text("tenant_id").notNull(),
    orderLocalId: text("order_local_id").notNull(),
    kind: text("kind").notNull(),
    invoiceLocalId: text("invoice_local_id").notNull(),
    invoiceNumber: text("invoice_number").notNull(),
    ruleId: text("rule_id").notNull(),
    /** clock_timestamp(), not the transaction's start: the bench measures order → invoice lag with it. */
    createdAt: ms("created_at").notNull().default(sql`clock_timestamp()`),
  },
  (t) => [
    primaryKey({ name: "auto_invoice_links_pk", columns: [t.tenantId, t.orderLocalId, t.kind] }),
    index("auto_invoice_links_rule_idx").on(t.tenantId, t.ruleId, t.createdAt),
    tenantIsolation("auto_invoice_links"),
  ],
).enableRLS();

/**
 * Orders Auto Invoice could not invoice, with the reason. The engine reads an order again when it
 * changes (its lastModified passes the watermark); success removes the row.
 */
export const autoInvoiceErrors = pgTable(
  "auto_invoice_errors",
  {
    tenantId: text("tenant_id").notNull(),
    orderLocalId: text("order_local_id").notNull(),
    ruleId: text("rule_id"),
    orderNumber: text("order_number"),
    message: text("message").notNull(),
    details: jsonb("details"),
    /** The order's lastModified when it failed: a retry needs a newer one. */
    orderLastModified: ms("order_last_modified").notNull(),
    attempts: integer("attempts").notNull().default(1),
    ...timestamps,
  },
  (t) => [
    primaryKey({ name: "auto_invoice_errors_pk", columns: [t.tenantId, t.orderLocalId] }),
    index("auto_invoice_errors_rule_idx").on(t.tenantId, t.ruleId),
    tenantIsolation("auto_invoice_errors"),
  ],
).enableRLS();
