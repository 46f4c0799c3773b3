import { pagedJson } from "@/lib/api/http";
import { tenantRoute } from "@/lib/api/tenant-route";
import { listLogEventsDelta } from "@/lib/services/log-events/list-delta";

export const dynamic = "force-dynamic";

/** The event history as a read-only delta list (events are written with POST /api/log/event). */
export const GET = tenantRoute({}, async (ctx, req) => {
  const page = await listLogEventsDelta({ db: ctx.records.db, tenantId: ctx.tenant.id, query: Object.fromEntries(new URL(req.url).searchParams) });
  return pagedJson(req, page.events, page.nextCursor);
});
