import { json, readJson, recordTypeParam, tenantRoute } from "@/lib/api/tenant-route";
import { getRecord } from "@/lib/services/records/get";
import { updateRecord } from "@/lib/services/records/update";

export const dynamic = "force-dynamic";

export const GET = tenantRoute<{ type: string; localId: string }>({}, async (ctx, _req, { type, localId }) =>
  json(await getRecord({ ctx: ctx.records, type: recordTypeParam(type), localId })),
);

/** Partial merge: absent fields stay, null clears, values set. */
export const PUT = tenantRoute<{ type: string; localId: string }>({ write: true }, async (ctx, req, { type, localId }) =>
  json(await updateRecord({ ctx: ctx.records, type: recordTypeParam(type), localId, body: await readJson(req) })),
);
