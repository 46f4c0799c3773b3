import { json, readJson, resellerRoute, tenantOfReseller } from "@/lib/api/reseller-route";
import { resellerTenantUpdateSchema, toResellerTenant } from "@/lib/schemas/reseller-api";
import { findTemplateByRef } from "@/lib/services/templates/find-by-ref";
import { getTenant } from "@/lib/services/tenants/get";
import { setTenantActive, updateTenant } from "@/lib/services/tenants/update";
import { parseInput } from "@/lib/validation";

export const dynamic = "force-dynamic";

type Params = { codeName: string };

export const GET = resellerRoute<Params>({ permission: "tenants.view" }, async (ctx, _req, { codeName }) => {
  const tenant = await getTenant({ ctx, codeName });
  return json(toResellerTenant(tenant, tenant.template));
});

/**
 * Partial update: absent fields keep their value. The body is validated in full first, and the
 * merged settings again by updateTenant, so bad input changes nothing; `active` is applied last.
 */
export const PUT = resellerRoute<Params>({ permission: "tenants.edit" }, async (ctx, req, { codeName }) => {
  const current = await tenantOfReseller(ctx, codeName);
  const { active, ...changes } = parseInput(resellerTenantUpdateSchema, await readJson(req));
  let tenant = current;
  if (Object.values(changes).some((v) => v !== undefined)) {
    tenant = await updateTenant({
      ctx,
      input: {
        tenantId: current.id,
        fullName: changes.fullName ?? current.fullName,
        email: changes.email ?? current.email,
        defaultLanguage: changes.defaultLanguage ?? current.defaultLanguage,
        languages: changes.languages ?? current.languages,
        options: changes.options ?? current.options,
      },
    });
  }
  if (active !== undefined && active !== tenant.active) tenant = await setTenantActive({ ctx, input: { id: current.id, active } });
  const template = tenant.templateId ? await findTemplateByRef(ctx.db, ctx, tenant.templateId) : undefined;
  return json(toResellerTenant(tenant, template));
});
