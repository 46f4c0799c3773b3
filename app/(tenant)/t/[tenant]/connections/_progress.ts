import { problemResponse } from "@/lib/api/problem";
import type { TenantCtx } from "@/lib/auth/guard";
import { tenantScope } from "@/lib/auth/scopes";
import { getConnection, type ConnectionDetail } from "@/lib/services/connections/get-connection";
import { getTransfer } from "@/lib/services/transfers/get";
import { NotFoundError } from "@/lib/errors";

/**
 * JSON for the console's live polling: the session guard with tenant.read, and the HTTP error
 * mapper for every throw (a foreign or missing id is a 404 like any other).
 */
export function progressRoute<P extends { tenant: string }>(load: (ctx: TenantCtx, params: P, url: URL) => Promise<unknown>) {
  return async (req: Request, { params }: { params: Promise<P> }): Promise<Response> => {
    try {
      const p = await params;
      const ctx = await tenantScope(p.tenant, "tenant.read");
      return Response.json(await load(ctx, p, new URL(req.url)), { headers: { "cache-control": "no-store" } });
    } catch (e) {
      return problemResponse(e);
    }
  };
}

/** The live part of each plug of a native connection. */
export async function connectionProgress(ctx: TenantCtx, connectionId: string) {
  return progressOf(await getConnection({ ctx, connectionId }));
}

export function progressOf(c: ConnectionDetail) {
  return {
    active: c.active && !c.archived,
    plugs: c.plugs.map((p) => ({ key: p.key, enabled: p.enabled, queued: p.queued, scheduleText: p.scheduleText, nextRunAt: p.nextRunAt, watermark: p.watermark, latestTransfer: p.latestTransfer, latestSuccessfulTransfer: p.latestSuccessfulTransfer })),
  };
}

/** A report of this connection (another connection's id in the URL is a 404), with a page of outcomes. */
export async function connectionTransfer(ctx: TenantCtx, connectionId: string, reportId: string, input: Record<string, string | undefined>) {
  const report = await getTransfer({ db: ctx.db, tenantId: ctx.tenant.id, reportId, input });
  if (report.connectionId !== connectionId) throw new NotFoundError("Transfer report");
  return report;
}
