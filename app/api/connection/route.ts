import { json, tenantRoute } from "@/lib/api/tenant-route";
import { listConnections } from "@/lib/services/connections/list";

export const dynamic = "force-dynamic";

/** The tenant's connections, read-only and without settings. */
export const GET = tenantRoute({}, async (ctx) => json(await listConnections({ db: ctx.records.db, tenantId: ctx.tenant.id })));
