import { index, jsonb, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { timestamps } from "./_columns";
import { tenantIsolation } from "./rls";

const auditColumns = {
  id: text("id").notNull(),
  actorType: text("actor_type").notNull(),
  actorId: text("actor_id").notNull(),
  actorLabel: text("actor_label").notNull(),
  /** Set when a partner acted while logged in as a tenant user. */
  onBehalfOf: text("on_behalf_of"),
  action: text("action").notNull(),
  targetType: text("target_type").notNull(),
  targetId: text("target_id").notNull(),
  targetLabel: text("target_label").notNull().default(""),
  before: jsonb("before"),
  after: jsonb("after"),
  ip: text("ip"),
  createdAt: timestamps.createdAt,
};

/** Platform and reseller level changes (resellers, reseller users, templates). */
export const auditLog = pgTable(
  "audit_log",
  { ...auditColumns, resellerId: text("reseller_id") },
  (t) => [primaryKey({ columns: [t.id] }), index("audit_log_reseller_idx").on(t.resellerId, t.createdAt)],
);

/** Everything that changes a tenant or its data, whoever did it; tenant-owned. */
export const tenantAuditLog = pgTable(
  "tenant_audit_log",
  { tenantId: text("tenant_id").notNull(), ...auditColumns },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("tenant_audit_log_time_idx").on(t.tenantId, t.createdAt),
    tenantIsolation("tenant_audit_log"),
  ],
).enableRLS();
