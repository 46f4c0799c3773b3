import { json, tenantRoute } from "@/lib/api/tenant-route";
import { getTransfer } from "@/lib/services/transfers/get";

export const dynamic = "force-dynamic";

/** One transfer report with a page of its per-record outcomes (`outcome`, `after`, `limit`). */
export const GET = tenantRoute<{ id: string }>({}, async (ctx, req, { id }) =>
  json(await getTransfer({ db: ctx.records.db, tenantId: ctx.tenant.id, reportId: id, input: Object.fromEntries(new URL(req.url).searchParams) })),
);
