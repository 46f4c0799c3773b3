import { json, readJson, resellerRoute, tenantOfReseller, withApiFieldNames } from "@/lib/api/reseller-route";
import { resellerTenantUserCreateSchema, toResellerTenantUser } from "@/lib/schemas/reseller-api";
import { tenantUserAdminForPartner } from "@/lib/services/tenant-users/access";
import { createTenantUser } from "@/lib/services/tenant-users/create";
import { parseInput } from "@/lib/validation";

export const dynamic = "force-dynamic";

/** Adds a user to the tenant; the login is the email and must be unused on the platform. */
export const POST = resellerRoute<{ codeName: string }>({ permission: "tenants.manage_users" }, async (ctx, req, { codeName }) => {
  const tenant = await tenantOfReseller(ctx, codeName);
  const body = parseInput(resellerTenantUserCreateSchema, await readJson(req));
  const admin = await tenantUserAdminForPartner(ctx, tenant.id);
  const member = await withApiFieldNames({ email: "login", apiAccess: "api" }, () =>
    createTenantUser({ admin, input: { email: body.login, name: body.name, role: body.role, password: body.password, apiAccess: body.api } }),
  );
  return json(toResellerTenantUser(member), { status: 201 });
});
