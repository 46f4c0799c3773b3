import { pagedJson } from "@/lib/api/http";
import { tenantRoute } from "@/lib/api/tenant-route";
import { listTransfersDelta } from "@/lib/services/transfers/list-delta";

export const dynamic = "force-dynamic";

/** Transfer reports of plug runs as a read-only delta list. */
export const GET = tenantRoute({}, async (ctx, req) => {
  const page = await listTransfersDelta({ db: ctx.records.db, tenantId: ctx.tenant.id, query: Object.fromEntries(new URL(req.url).searchParams) });
  return pagedJson(req, page.reports, page.nextCursor);
});
