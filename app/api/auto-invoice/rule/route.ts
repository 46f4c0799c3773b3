import { json, readJson, tenantRoute } from "@/lib/api/tenant-route";
import { createRule } from "@/lib/services/auto-invoice/create-rule";
import { listRules } from "@/lib/services/auto-invoice/list-rules";

export const dynamic = "force-dynamic";

/** The tenant's Auto Invoice rules in evaluation order. */
export const GET = tenantRoute({}, async (ctx) => json(await listRules({ ctx: { ...ctx, db: ctx.records.db } })));

/** A new rule (disabled unless `enabled` says otherwise), validated as the console validates it. */
export const POST = tenantRoute({ write: true }, async (ctx, req) => json(await createRule({ ctx: { ...ctx, db: ctx.records.db }, input: await readJson(req) }), { status: 201 }));
