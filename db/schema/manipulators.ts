import { sql } from "drizzle-orm";
import { integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { tenantIsolation } from "./rls";

/**
 * The manipulator chain of one connection, direction and record type (lib/manipulators/types.ts
 * ChainLink[] in `links`). `version` starts at 1 and goes up by one on every save; transfer
 * reports name the version they ran with, so a row exists only once a chain was saved.
 */
export const manipulatorChains = pgTable(
  "manipulator_chains",
  {
    tenantId: text("tenant_id").notNull(),
    connectionId: text("connection_id").notNull(),
    /** import | export */
    direction: text("direction").notNull(),
    recordType: text("record_type").notNull(),
    version: integer("version").notNull(),
    links: jsonb("links").notNull().default(sql`'[]'::jsonb`),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    /** `user/<login>` of whoever saved it (console or Tenant API). */
    updatedBy: text("updated_by").notNull(),
  },
  (t) => [primaryKey({ name: "manipulator_chains_pk", columns: [t.tenantId, t.connectionId, t.direction, t.recordType] }), tenantIsolation("manipulator_chains")],
).enableRLS();
