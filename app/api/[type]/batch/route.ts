import { json, readJson, recordTypeParam, tenantRoute } from "@/lib/api/tenant-route";
import { batchUpsertRecords } from "@/lib/services/records/batch";

export const dynamic = "force-dynamic";

/** Up to 1,000 upserts by remoteId; one result per item, a bad item never blocks the others. */
export const POST = tenantRoute<{ type: string }>({ write: true }, async (ctx, req, { type }) =>
  json(await batchUpsertRecords({ ctx: ctx.records, type: recordTypeParam(type), body: await readJson(req) })),
);
