import { and, asc, eq, gt, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { transferOutcomes, transferReports } from "@/db/schema";
import { withTenantTx } from "@/db/tenant-tx";
import { NotFoundError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { presentTransferReport } from "./latest";

export const transferOutcomesQuery = z.object({
  outcome: z.enum(["succeeded", "failed", "ignored"]).optional().or(z.literal("").transform(() => undefined)),
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

/**
 * One transfer report with a page of its per-record outcomes (in the order they happened). Shared by
 * the console and GET /api/transferReport/{id}; callers have checked the tenant and its permission.
 */
export async function getTransfer({ db, tenantId, reportId, input }: { db: Db; tenantId: string; reportId: string; input?: unknown }) {
  const q = parseInput(transferOutcomesQuery, input ?? {});
  return withTenantTx(db, tenantId, async (tx) => {
    const [report] = await tx.select().from(transferReports).where(and(eq(transferReports.tenantId, tenantId), eq(transferReports.id, reportId)));
    if (!report) throw new NotFoundError("Transfer report");
    const where: SQL[] = [eq(transferOutcomes.tenantId, tenantId), eq(transferOutcomes.reportId, reportId)];
    if (q.outcome) where.push(eq(transferOutcomes.outcome, q.outcome));
    if (q.after !== undefined) where.push(gt(transferOutcomes.seq, q.after));
    const rows = await tx.select().from(transferOutcomes).where(and(...where)).orderBy(asc(transferOutcomes.seq)).limit(q.limit + 1);
    const page = rows.slice(0, q.limit);
    return {
      ...presentTransferReport(report),
      records: page.map((o) => ({ outcome: o.outcome, remoteId: o.remoteId, localId: o.localId, displayId: o.displayId, message: o.message, at: o.at.toISOString() })),
      nextAfter: rows.length > q.limit ? page[page.length - 1].seq : null,
    };
  });
}
