import { and, desc, eq, sql } from "drizzle-orm";
import { rowsOf } from "@/db/client";
import { autoInvoiceErrors, autoInvoiceLinks } from "@/db/schema";
import { withTenantTx } from "@/db/tenant-tx";
import type { HistoryAnswer } from "@/lib/schemas/auto-invoice";
import { requirePermission, ruleInTenant, settingsRow, type AutoInvoiceCtx } from "./internal";

/** What a rule has done: invoices and credit notes made, the latest ones, and orders it could not invoice. */
export async function ruleHistory({ ctx, ruleId }: { ctx: AutoInvoiceCtx; ruleId: string }): Promise<HistoryAnswer> {
  requirePermission(ctx, "tenant.read");
  const tenantId = ctx.tenant.id;
  return withTenantTx(ctx.db, tenantId, async (tx) => {
    await ruleInTenant(tx, tenantId, ruleId);
    const [counts] = rowsOf<{ invoices: string | number; credits: string | number; last: string | Date | null }>(
      await tx.execute(sql`
        select count(*) filter (where kind = 'invoice') as invoices, count(*) filter (where kind = 'credit') as credits, max(created_at) as last
        from auto_invoice_links where tenant_id = ${tenantId} and rule_id = ${ruleId}`),
    );
    const recent = await tx
      .select()
      .from(autoInvoiceLinks)
      .where(and(eq(autoInvoiceLinks.tenantId, tenantId), eq(autoInvoiceLinks.ruleId, ruleId)))
      .orderBy(desc(autoInvoiceLinks.createdAt))
      .limit(20);
    const errors = await tx
      .select()
      .from(autoInvoiceErrors)
      .where(and(eq(autoInvoiceErrors.tenantId, tenantId), eq(autoInvoiceErrors.ruleId, ruleId)))
      .orderBy(desc(autoInvoiceErrors.updatedAt))
      .limit(100);
    const settings = await settingsRow(tx, tenantId);
    return {
      ruleId,
      invoicesCreated: Number(counts?.invoices ?? 0),
      creditNotesCreated: Number(counts?.credits ?? 0),
      lastInvoiceAt: counts?.last ? new Date(counts.last).toISOString() : null,
      lastRunAt: settings?.lastRunAt?.toISOString() ?? null,
      recent: recent.map((l) => ({ orderLocalId: l.orderLocalId, invoiceLocalId: l.invoiceLocalId, invoiceNumber: l.invoiceNumber, kind: l.kind as "invoice" | "credit", createdAt: l.createdAt.toISOString() })),
      errors: errors.map((e) => ({ orderLocalId: e.orderLocalId, orderNumber: e.orderNumber, message: e.message, details: e.details ?? null, attempts: e.attempts, updatedAt: e.updatedAt.toISOString() })),
    };
  });
}
