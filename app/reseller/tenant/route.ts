import { json, readJson, resellerRoute, withApiFieldNames } from "@/lib/api/reseller-route";
import { ValidationError } from "@/lib/errors";
import { resellerTenantCreateSchema, resellerTenantListQuerySchema, toResellerTenant, toResellerTenantList } from "@/lib/schemas/reseller-api";
import { findTemplateByRef } from "@/lib/services/templates/find-by-ref";
import { createTenant } from "@/lib/services/tenants/create";
import { listTenants } from "@/lib/services/tenants/list";
import { parseInput } from "@/lib/validation";

export const dynamic = "force-dynamic";

/** The reseller's tenants; `?q=` searches, `?status=all|active|inactive` filters. */
export const GET = resellerRoute({ permission: "tenants.view" }, async (ctx, req) => {
  const params = Object.fromEntries([...new URL(req.url).searchParams].filter(([, v]) => v !== ""));
  const query = parseInput(resellerTenantListQuerySchema, params);
  return json(toResellerTenantList(await listTenants({ ctx, input: query })));
});

/** Creates a tenant, optionally from a template named by id or name. */
export const POST = resellerRoute({ permission: "tenants.create" }, async (ctx, req) => {
  const { template: ref, ...body } = parseInput(resellerTenantCreateSchema, await readJson(req));
  const template = ref ? await findTemplateByRef(ctx.db, ctx, ref) : undefined;
  if (ref && !template) throw new ValidationError("That template does not exist.", { template: ["No template of this reseller has this id or name."] });
  const tenant = await withApiFieldNames({ templateId: "template" }, () => createTenant({ ctx, input: { ...body, templateId: template?.id } }));
  return json(toResellerTenant(tenant, template), { status: 201, headers: { location: `/reseller/tenant/${tenant.codeName}` } });
});
