import { and, eq, sql } from "drizzle-orm";
import { tenants, tenantTemplates, tenantUsers } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { requireResellerPermission, type ResellerCtx } from "@/lib/auth/guard";
import { ConflictError, uniqueViolation, ValidationError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { slugify } from "@/lib/schemas/common";
import { createTenantSchema } from "@/lib/schemas/tenants";
import { parseInput } from "@/lib/validation";
import { insertUser } from "../users/internal";

/**
 * Creates a tenant, blank or from one of the reseller's templates (template values fill whatever the
 * input leaves out), optionally with its first owner. codeName is derived from customerReference.
 */
export async function createTenant({ ctx, input }: { ctx: ResellerCtx; input: unknown }) {
  requireResellerPermission(ctx, "tenants.create");
  const data = parseInput(createTenantSchema, input);
  const codeName = slugify(data.customerReference);
  if (codeName.length < 2) throw new ValidationError("The customer reference needs at least two letters or digits.", { customerReference: ["Needs at least two letters or digits."] });

  return ctx.db.transaction(async (tx) => {
    let template: typeof tenantTemplates.$inferSelect | undefined;
    if (data.templateId) {
      [template] = await tx.select().from(tenantTemplates).where(and(eq(tenantTemplates.id, data.templateId), eq(tenantTemplates.resellerId, ctx.reseller.id)));
      if (!template) throw new ValidationError("That template does not exist.", { templateId: ["Pick a template from the list."] });
    }
    const languages = data.languages ?? template?.languages ?? ["eng"];
    const defaultLanguage = data.defaultLanguage ?? template?.defaultLanguage ?? languages[0];
    if (!languages.includes(defaultLanguage)) throw new ValidationError("The default language must be one of the tenant's languages.", { defaultLanguage: ["Must be one of the tenant's languages."] });

    const [clash] = await tx
      .select({ codeName: tenants.codeName, customerReference: tenants.customerReference })
      .from(tenants)
      .where(sql`${tenants.codeName} = ${codeName} or lower(${tenants.customerReference}) = ${data.customerReference.toLowerCase()}`);
    if (clash) {
      throw new ConflictError(`A tenant with customer reference "${data.customerReference}" (code name ${codeName}) already exists.`, { customerReference: ["Another tenant already uses this customer reference."] });
    }

    const [tenant] = await tx
      .insert(tenants)
      .values({
        id: newId("tenant"),
        resellerId: ctx.reseller.id,
        codeName,
        customerReference: data.customerReference,
        fullName: data.fullName,
        email: data.email,
        active: data.active ?? true,
        defaultLanguage,
        languages,
        options: data.options ?? template?.options ?? [],
        templateId: template?.id ?? null,
      })
      .returning();
    await recordAudit(tx, ctx.actor, { action: "tenant.create", target: { type: "tenant", id: tenant.id, label: codeName }, after: { ...tenant, template: template?.name ?? null }, tenantId: tenant.id });

    if (data.owner) {
      const user = await insertUser(tx, { ...data.owner, kind: "tenant" }).catch((e) => {
        // The clash is the owner's login, so name that field, not the tenant's own email.
        if (e instanceof ConflictError && e.fieldErrors?.email) throw new ConflictError(e.message, { "owner.email": e.fieldErrors.email });
        throw e;
      });
      await tx.insert(tenantUsers).values({ tenantId: tenant.id, userId: user.id, role: "owner" });
      await recordAudit(tx, ctx.actor, { action: "tenant_user.create", target: { type: "user", id: user.id, label: user.email }, after: { ...user, role: "owner" }, tenantId: tenant.id });
    }
    return tenant;
  }).catch((e) => {
    // Two partners racing for the same reference: the unique index decides.
    if (uniqueViolation(e)?.startsWith("tenants_")) {
      throw new ConflictError(`A tenant with customer reference "${data.customerReference}" already exists.`, { customerReference: ["Another tenant already uses this customer reference."] });
    }
    throw e;
  });
}
