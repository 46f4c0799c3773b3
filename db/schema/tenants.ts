import { sql } from "drizzle-orm";
import { boolean, index, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { timestamps } from "./_columns";
import { resellers, users } from "./accounts";
import { tenantIsolation } from "./rls";

export const tenantTemplates = pgTable(
  "tenant_templates",
  {
    id: text("id").primaryKey(),
    resellerId: text("reseller_id").notNull().references(() => resellers.id),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    defaultLanguage: text("default_language").notNull(),
    languages: text("languages").array().notNull(),
    options: text("options").array().notNull().default(sql`'{}'::text[]`),
    ...timestamps,
  },
  (t) => [uniqueIndex("tenant_templates_reseller_name_key").on(t.resellerId, sql`lower(${t.name})`)],
);

/** The tenant row is the root every tenant-owned table hangs from (its id is their tenant_id). */
export const tenants = pgTable(
  "tenants",
  {
    id: text("id").primaryKey(),
    resellerId: text("reseller_id").notNull().references(() => resellers.id),
    codeName: text("code_name").notNull(),
    customerReference: text("customer_reference").notNull(),
    fullName: text("full_name").notNull(),
    email: text("email").notNull(),
    active: boolean("active").notNull().default(true),
    defaultLanguage: text("default_language").notNull(),
    languages: text("languages").array().notNull(),
    options: text("options").array().notNull().default(sql`'{}'::text[]`),
    templateId: text("template_id").references(() => tenantTemplates.id),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("tenants_code_name_key").on(t.codeName),
    uniqueIndex("tenants_customer_reference_key").on(sql`lower(${t.customerReference})`),
    index("tenants_reseller_idx").on(t.resellerId, t.codeName),
  ],
);

export const tenantUsers = pgTable(
  "tenant_users",
  {
    tenantId: text("tenant_id").notNull().references(() => tenants.id),
    userId: text("user_id").notNull().references(() => users.id),
    role: text("role", { enum: ["owner", "admin", "member", "read-only"] }).notNull(),
    active: boolean("active").notNull().default(true),
    /** May authenticate to the Tenant API with HTTP Basic (login = email). */
    apiAccess: boolean("api_access").notNull().default(false),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.userId] }),
    index("tenant_users_user_idx").on(t.tenantId, t.role),
    tenantIsolation("tenant_users"),
  ],
).enableRLS();
