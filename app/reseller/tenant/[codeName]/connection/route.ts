import { json, readJson, resellerRoute, tenantOfReseller } from "@/lib/api/reseller-route";
import { resellerConnectionCreateSchema, resellerConnectionSchema } from "@/lib/schemas/reseller-api";
import { createApiConnection } from "@/lib/services/connections/create-api-connection";
import { parseInput } from "@/lib/validation";

export const dynamic = "force-dynamic";

/** Creates an active `api` connection: its id is the X-ConnectionId an integration sends to the Tenant API. */
export const POST = resellerRoute<{ codeName: string }>({ permission: "tenants.edit" }, async (ctx, req, { codeName }) => {
  const tenant = await tenantOfReseller(ctx, codeName);
  const { name } = parseInput(resellerConnectionCreateSchema, await readJson(req));
  const connection = await createApiConnection({ db: ctx.db, actor: ctx.actor, tenantId: tenant.id, input: { name } });
  return json(resellerConnectionSchema.parse(connection), { status: 201 });
});
