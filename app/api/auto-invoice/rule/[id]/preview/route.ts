import { json, readJson, tenantRoute } from "@/lib/api/tenant-route";
import { previewRule } from "@/lib/services/auto-invoice/preview-rule";

export const dynamic = "force-dynamic";

type Params = { id: string };

/** Which of the latest orders the rule (or the unsaved version sent) would invoice; writes nothing. */
export const POST = tenantRoute<Params>({}, async (ctx, req, p) => json(await previewRule({ ctx: { ...ctx, db: ctx.records.db }, ruleId: p.id, input: await readJson(req) })));
