import { connectionTransfer, progressRoute } from "../../../../_progress";

export const dynamic = "force-dynamic";

/** The report with one page of outcomes (`outcome`, `after`), polled while it runs. */
export const GET = progressRoute<{ tenant: string; connectionId: string; reportId: string }>((ctx, p, url) =>
  connectionTransfer(ctx, p.connectionId, p.reportId, { outcome: url.searchParams.get("outcome") ?? undefined, after: url.searchParams.get("after") ?? undefined }),
);
