import { pagedJson } from "@/lib/api/http";
import { json, readJson, recordTypeParam, tenantRoute } from "@/lib/api/tenant-route";
import { createRecord } from "@/lib/services/records/create";
import { listRecords } from "@/lib/services/records/list";

export const dynamic = "force-dynamic";

/** Delta sync list; the next page is in the Link header (rel="next"). */
export const GET = tenantRoute<{ type: string }>({}, async (ctx, req, { type }) => {
  const page = await listRecords({ ctx: ctx.records, type: recordTypeParam(type), query: Object.fromEntries(new URL(req.url).searchParams) });
  return pagedJson(req, page, page.nextCursor);
});

export const POST = tenantRoute<{ type: string }>({ write: true }, async (ctx, req, { type }) => {
  const record = await createRecord({ ctx: ctx.records, type: recordTypeParam(type), body: await readJson(req) });
  return json(record, { status: 201, headers: { location: String(record.href) } });
});
