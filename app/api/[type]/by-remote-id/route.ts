import { json, recordTypeParam, tenantRoute } from "@/lib/api/tenant-route";
import { ValidationError } from "@/lib/errors";
import { getRecordByRemoteId } from "@/lib/services/records/get";

export const dynamic = "force-dynamic";

/** A record by the calling connection's own id for it. */
export const GET = tenantRoute<{ type: string }>({}, async (ctx, req, { type }) => {
  const t = recordTypeParam(type);
  const remoteId = new URL(req.url).searchParams.get("remoteId");
  if (!remoteId) throw new ValidationError("Give the remoteId query parameter.", { remoteId: ["Required."] });
  return json(await getRecordByRemoteId({ ctx: ctx.records, type: t, remoteId }));
});
