import { z } from "zod";
import { languageCodes, tenantOptionCodes } from "@/lib/catalog";
import { tenantRoles } from "@/lib/auth/permissions";
import { checkbox, emailSchema, nameSchema, passwordSchema } from "./common";

const language = z.enum(languageCodes, { error: "Pick a language from the list." });
const languagesSchema = z.array(language).min(1, "Pick at least one language.");
const optionsSchema = z.array(z.enum(tenantOptionCodes, { error: "Unknown option." }));

/** Default language must be one of the tenant's languages. */
function withDefaultInLanguages<T extends { defaultLanguage?: string; languages?: string[] }>(v: T, ctx: z.RefinementCtx) {
  if (v.defaultLanguage && v.languages && !v.languages.includes(v.defaultLanguage)) {
    ctx.addIssue({ code: "custom", path: ["defaultLanguage"], message: "The default language must be one of the tenant's languages." });
  }
}

export const createTenantSchema = z
  .object({
    customerReference: z.string().trim().min(1, "Enter the customer reference.").max(60, "At most 60 characters."),
    fullName: nameSchema,
    email: emailSchema,
    templateId: z.string().trim().optional().transform((v) => v || undefined),
    defaultLanguage: language.optional(),
    languages: languagesSchema.optional(),
    options: optionsSchema.optional(),
    /** Created paused when false (Reseller API); the console always creates active tenants. */
    active: z.boolean().optional(),
    owner: z.object({ name: nameSchema, email: emailSchema, password: passwordSchema }).optional(),
  })
  .superRefine(withDefaultInLanguages);

export const updateTenantSchema = z
  .object({
    tenantId: z.string().min(1),
    fullName: nameSchema,
    email: emailSchema,
    defaultLanguage: language,
    languages: languagesSchema,
    options: optionsSchema,
  })
  .superRefine(withDefaultInLanguages);

export const tenantSettingsSchema = z
  .object({ defaultLanguage: language, languages: languagesSchema })
  .superRefine(withDefaultInLanguages);

export const templateSchema = z
  .object({
    name: nameSchema,
    description: z.string().trim().max(500, "At most 500 characters.").default(""),
    defaultLanguage: language,
    languages: languagesSchema,
    options: optionsSchema.default([]),
  })
  .superRefine(withDefaultInLanguages);

export const tenantRoleSchema = z.enum(tenantRoles, { error: "Pick a role." });

export const createTenantUserSchema = z.object({
  email: emailSchema,
  name: nameSchema,
  role: tenantRoleSchema,
  password: passwordSchema,
  /** May authenticate to the Tenant API with HTTP Basic. */
  apiAccess: checkbox.default(false),
});

export const setTenantUserApiAccessSchema = z.object({ userId: z.string().min(1), apiAccess: z.boolean() });

export const updateTenantUserRoleSchema = z.object({ userId: z.string().min(1), role: tenantRoleSchema });
export const setTenantUserActiveSchema = z.object({ userId: z.string().min(1), active: z.boolean() });
export const resetTenantUserPasswordSchema = z.object({ userId: z.string().min(1), password: passwordSchema });

export const listTenantsQuery = z.object({
  q: z.string().trim().max(100).optional(),
  status: z.enum(["all", "active", "inactive"]).default("all"),
});
