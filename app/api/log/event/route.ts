import { json, readJson, tenantRoute } from "@/lib/api/tenant-route";
import { createLogEvents } from "@/lib/services/log-events/create";

export const dynamic = "force-dynamic";

export const POST = tenantRoute({ write: true }, async (ctx, req) =>
  json(await createLogEvents({ db: ctx.records.db, tenantId: ctx.tenant.id, connectionId: ctx.connection.id, input: await readJson(req) }), { status: 201 }),
);
