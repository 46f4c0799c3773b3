import { json, readJson, tenantRoute } from "@/lib/api/tenant-route";
import { recheckOrders } from "@/lib/services/auto-invoice/recheck-orders";

export const dynamic = "force-dynamic";

/** Runs the enabled rules again over the orders changed in the last `days` days; invoicing follows within seconds. */
export const POST = tenantRoute({ write: true }, async (ctx, req) => json(await recheckOrders({ ctx: { ...ctx, db: ctx.records.db }, input: await readJson(req) }), { status: 202 }));
