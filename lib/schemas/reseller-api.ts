import { z } from "zod";
import { tenantRoles } from "@/lib/auth/permissions";
import { languageCodes, tenantOptionCodes } from "@/lib/catalog";
import { codeNameSchema, emailSchema, nameSchema, passwordSchema } from "./common";

/**
 * Contracts of the Reseller API (`/reseller/…`): request bodies, queries and response shapes. The
 * route handlers validate with these, every response goes through its schema (so internal columns
 * never leak), and the OpenAPI document is generated from them.
 */

const iso = z.iso.datetime({ offset: true }).describe("ISO 8601 UTC timestamp with milliseconds, e.g. 2026-11-22T10:15:30.123Z.");
const language = z.enum(languageCodes, { error: "Pick a language code from the list (ISO 639-3, e.g. swe)." }).describe("ISO 639-3 language code, e.g. `swe`.");
const languages = z.array(language).min(1, "Give at least one language.").describe("Languages the tenant works in (ISO 639-3).");
const options = z.array(z.enum(tenantOptionCodes, { error: "Unknown option code." })).describe(`Feature codes switched on for the tenant: ${tenantOptionCodes.join(", ")}.`);

// ---- headers and parameters ----

export const resellerHeaderSchema = codeNameSchema.describe("`X-Reseller` header: the code name of the reseller the credential belongs to.");

export const resellerTenantParamsSchema = z.object({
  codeName: z.string().describe("The tenant's code name (lowercase slug derived from its customer reference)."),
});

// ---- tenants ----

export const resellerTenantCreateSchema = z
  .object({
    customerReference: z
      .string({ error: "Enter the customer reference." })
      .trim()
      .min(1, "Enter the customer reference.")
      .max(60, "At most 60 characters.")
      .describe("Your reference for the customer; unique on the platform. The tenant's codeName is derived from it and never changes."),
    active: z.boolean().default(true).describe("false creates the tenant paused (no plug runs, its API answers 403). Default true."),
    fullName: nameSchema.describe("The customer's full (company) name."),
    email: emailSchema.describe("Contact email of the customer."),
    defaultLanguage: language.optional().describe("Default language; must be one of `languages`. Default: the template's, else the first language."),
    languages: languages.optional().describe("Languages (ISO 639-3). Default: the template's, else [\"eng\"]."),
    options: options.optional().describe("Feature codes. Default: the template's, else none."),
    template: z.string().trim().min(1, "Give a template id or name.").optional().describe("Id or name of one of your tenant templates; it fills every field left out above."),
  })
  .describe("A new tenant.");

export const resellerTenantUpdateSchema = z
  .object({
    fullName: nameSchema.optional().describe("The customer's full (company) name."),
    email: emailSchema.optional().describe("Contact email of the customer."),
    defaultLanguage: language.optional().describe("Default language; must be one of the tenant's languages after the update."),
    languages: languages.optional(),
    options: options.optional().describe("The complete new list of feature codes (replaces the old list)."),
    active: z.boolean().optional().describe("false pauses the tenant, true reactivates it."),
  })
  .describe("Partial update: fields left out keep their value. codeName and customerReference never change.");

export const resellerTenantListQuerySchema = z.object({
  q: z.string().trim().max(100, "At most 100 characters.").optional().describe("Search in code name, full name, customer reference and email."),
  status: z.enum(["all", "active", "inactive"], { error: "Use all, active or inactive." }).default("all").describe("Filter by status. Default all."),
});

export const resellerTenantSchema = z
  .object({
    codeName: z.string().describe("Unique lowercase slug; addresses the tenant in every API (X-Tenant) and URL."),
    customerReference: z.string(),
    fullName: z.string(),
    email: z.string(),
    active: z.boolean().describe("false while the tenant is paused."),
    defaultLanguage: z.string().describe("ISO 639-3."),
    languages: z.array(z.string()).describe("ISO 639-3."),
    options: z.array(z.string()).describe("Feature codes switched on."),
    template: z.object({ id: z.string(), name: z.string() }).nullable().describe("The template the tenant was created from, if any."),
    created: iso,
    lastModified: iso,
  })
  .describe("A tenant of the calling reseller.");

export const resellerTenantListItemSchema = z.object({
  codeName: z.string(),
  customerReference: z.string(),
  fullName: z.string(),
  email: z.string(),
  active: z.boolean(),
  defaultLanguage: z.string(),
  options: z.array(z.string()),
  userCount: z.number().int().describe("Active users of the tenant."),
  created: iso,
});

export const resellerTenantListSchema = z.array(resellerTenantListItemSchema).describe("The reseller's tenants ordered by code name (at most 500).");

// ---- tenant users ----

export const resellerTenantUserCreateSchema = z
  .object({
    login: emailSchema.describe("The user's email; it is their login everywhere on the platform and must be unused."),
    password: passwordSchema.describe("Initial password, 10–200 characters."),
    name: nameSchema.describe("Display name."),
    role: z.enum(tenantRoles, { error: `Use one of ${tenantRoles.join(", ")}.` }).describe("owner, admin, member or read-only."),
    api: z.boolean().default(false).describe("May authenticate to the Tenant API with HTTP Basic (login:password). Default false."),
  })
  .describe("A new user of the tenant.");

export const resellerTenantUserSchema = z
  .object({
    userId: z.string(),
    login: z.string().describe("The user's email."),
    name: z.string(),
    role: z.enum(tenantRoles),
    api: z.boolean().describe("Has Tenant API access."),
    active: z.boolean(),
  })
  .describe("A tenant user (never includes a password or hash).");

// ---- connections ----

export const resellerConnectionCreateSchema = z
  .object({
    connector: z.literal("api", { error: 'Only "api" connections can be created through the Reseller API.' }).describe('The connector; only "api" for now.'),
    name: nameSchema.describe("Display name of the connection."),
  })
  .describe("A new connection of the tenant.");

export const resellerConnectionSchema = z
  .object({
    connectionId: z.string().describe("Send it as X-ConnectionId to the Tenant API."),
    connector: z.string(),
    name: z.string(),
    active: z.boolean(),
    created: iso,
    lastModified: iso,
  })
  .describe("A connection (never includes its settings).");

// ---- login URL ----

export const resellerLoginUrlCreateSchema = z.object({
  login: emailSchema.describe("Login (email) of an active user of the tenant."),
});

export const resellerLoginUrlSchema = z
  .object({
    url: z.url().describe("Opens a page that signs the user in to the tenant after one click. Single use."),
    expiresAt: iso.describe("The URL stops working at this time (5 minutes after it was made)."),
  })
  .describe("A short-lived, single-use sign-in link for a tenant user.");

// ---- presenters: internal rows → response shapes ----

type TenantRow = {
  codeName: string;
  customerReference: string;
  fullName: string;
  email: string;
  active: boolean;
  defaultLanguage: string;
  languages: string[];
  options: string[];
  createdAt: Date;
  updatedAt: Date;
};

export function toResellerTenant(t: TenantRow, template: { id: string; name: string } | null | undefined): z.output<typeof resellerTenantSchema> {
  return resellerTenantSchema.parse({ ...t, template: template ? { id: template.id, name: template.name } : null, created: t.createdAt.toISOString(), lastModified: t.updatedAt.toISOString() });
}

export function toResellerTenantList(rows: (Omit<TenantRow, "languages" | "updatedAt"> & { userCount: number })[]): z.output<typeof resellerTenantListSchema> {
  return resellerTenantListSchema.parse(rows.map((t) => ({ ...t, created: t.createdAt.toISOString() })));
}

export function toResellerTenantUser(m: { id: string; email: string; name: string; role: string; apiAccess: boolean; active: boolean; memberActive: boolean }): z.output<typeof resellerTenantUserSchema> {
  return resellerTenantUserSchema.parse({ userId: m.id, login: m.email, name: m.name, role: m.role, api: m.apiAccess, active: m.active && m.memberActive });
}
