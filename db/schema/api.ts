import { index, integer, jsonb, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { timestamps } from "./_columns";
import { tenantIsolation } from "./rls";

/**
 * Idempotency-Key records for POSTs of both APIs: the first response is kept for 24 h and replayed for
 * the same key and body; `status` 0 marks a request still in flight. Reseller API keys are kept under
 * "reseller:<resellerId>" in tenant_id, isolated by the same policy.
 */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    tenantId: text("tenant_id").notNull(),
    principal: text("principal").notNull(),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    status: integer("status").notNull(),
    responseBody: text("response_body"),
    responseHeaders: jsonb("response_headers"),
    createdAt: timestamps.createdAt,
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.principal, t.key] }), index("idempotency_keys_created_idx").on(t.tenantId, t.createdAt), tenantIsolation("idempotency_keys")],
).enableRLS();
