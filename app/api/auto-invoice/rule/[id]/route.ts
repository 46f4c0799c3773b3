import { json, readJson, tenantRoute } from "@/lib/api/tenant-route";
import { getRule } from "@/lib/services/auto-invoice/get-rule";
import { updateRule } from "@/lib/services/auto-invoice/update-rule";

export const dynamic = "force-dynamic";

type Params = { id: string };

export const GET = tenantRoute<Params>({}, async (ctx, _req, p) => json(await getRule({ ctx: { ...ctx, db: ctx.records.db }, ruleId: p.id })));

/** Changes any of the rule's fields (absent = unchanged), incl. enabled and position. */
export const PUT = tenantRoute<Params>({ write: true }, async (ctx, req, p) => json(await updateRule({ ctx: { ...ctx, db: ctx.records.db }, ruleId: p.id, input: await readJson(req) })));
