import { appOrigin, json, readJson, resellerRoute, tenantOfReseller } from "@/lib/api/reseller-route";
import { resellerLoginUrlCreateSchema, resellerLoginUrlSchema } from "@/lib/schemas/reseller-api";
import { issueLoginUrlToken } from "@/lib/services/tenant-users/issue-login-url";
import { parseInput } from "@/lib/validation";

export const dynamic = "force-dynamic";

/**
 * A single-use link that signs a tenant user in (valid 5 minutes). It opens a page with a
 * "Continue" button, so link scanners that fetch it do not use it up.
 */
export const POST = resellerRoute<{ codeName: string }>({ permission: "tenants.login_as" }, async (ctx, req, { codeName }) => {
  const tenant = await tenantOfReseller(ctx, codeName);
  const { login } = parseInput(resellerLoginUrlCreateSchema, await readJson(req));
  const { token, expiresAt } = await issueLoginUrlToken({ ctx, input: { tenantId: tenant.id, login } });
  const url = new URL("/login/token", appOrigin(req));
  url.searchParams.set("token", token);
  return json(resellerLoginUrlSchema.parse({ url: url.toString(), expiresAt: expiresAt.toISOString() }), { headers: { "cache-control": "no-store" } });
});
