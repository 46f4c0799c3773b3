import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { timestamps } from "./_columns";

/** Every human login: platform admins, reseller users and tenant users. Email is the login. */
export const users = pgTable(
  "users",
  {
    id: text("id").primaryKey(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    kind: text("kind", { enum: ["admin", "reseller", "tenant"] }).notNull(),
    active: boolean("active").notNull().default(true),
    passwordChangedAt: timestamp("password_changed_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    lastLoginAt: timestamp("last_login_at", { withTimezone: true, precision: 3 }),
    ...timestamps,
  },
  (t) => [uniqueIndex("users_email_key").on(sql`lower(${t.email})`)],
);

export const resellers = pgTable(
  "resellers",
  {
    id: text("id").primaryKey(),
    codeName: text("code_name").notNull(),
    name: text("name").notNull(),
    active: boolean("active").notNull().default(true),
    ...timestamps,
  },
  (t) => [uniqueIndex("resellers_code_name_key").on(t.codeName)],
);

/** A reseller user belongs to exactly one reseller and holds a set of partner permissions. */
export const resellerUsers = pgTable(
  "reseller_users",
  {
    resellerId: text("reseller_id").notNull().references(() => resellers.id),
    userId: text("user_id").notNull().references(() => users.id),
    permissions: text("permissions").array().notNull().default(sql`'{}'::text[]`),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.resellerId, t.userId] }), uniqueIndex("reseller_users_user_key").on(t.userId)],
);

/** Machine credentials for the Reseller API; only a SHA-256 of the secret is stored. */
export const resellerApiCredentials = pgTable(
  "reseller_api_credentials",
  {
    id: text("id").primaryKey(),
    resellerId: text("reseller_id").notNull().references(() => resellers.id),
    login: text("login").notNull(),
    secretHash: text("secret_hash").notNull(),
    name: text("name").notNull(),
    permissions: text("permissions").array().notNull().default(sql`'{}'::text[]`),
    active: boolean("active").notNull().default(true),
    expiresAt: timestamp("expires_at", { withTimezone: true, precision: 3 }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true, precision: 3 }),
    ...timestamps,
  },
  (t) => [uniqueIndex("reseller_api_credentials_login_key").on(t.login), index("reseller_api_credentials_reseller_idx").on(t.resellerId)],
);

/** Failed-login counters per account and per IP (keys `acct:<email>` / `ip:<addr>`). */
export const loginThrottle = pgTable("login_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  windowStart: timestamp("window_start", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  lockedUntil: timestamp("locked_until", { withTimezone: true, precision: 3 }),
});

/**
 * Single-use, short-lived sign-in tokens: partner "log in as", the way back, and (later) Reseller
 * API login URLs. Only a SHA-256 of the token is stored.
 */
export const loginTokens = pgTable(
  "login_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    purpose: text("purpose", { enum: ["impersonate", "return", "login_url"] }).notNull(),
    userId: text("user_id").notNull().references(() => users.id),
    impersonatorUserId: text("impersonator_user_id").references(() => users.id),
    tenantId: text("tenant_id"),
    expiresAt: timestamp("expires_at", { withTimezone: true, precision: 3 }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true, precision: 3 }),
    createdAt: timestamps.createdAt,
  },
  (t) => [index("login_tokens_expires_idx").on(t.expiresAt)],
);
