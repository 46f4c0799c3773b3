import { and, desc, eq, sql } from "drizzle-orm";
import { rowsOf } from "@/db/client";
import { autoInvoiceErrors } from "@/db/schema";
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
    // Each row names its order, and a credit note the invoice it credits.
    const recent = rowsOf<{ order_local_id: string; order_number: string | null; invoice_local_id: string; invoice_number: string; kind: "invoice" | "credit"; credits: string | null; created_at: string | Date }>(
      await tx.execute(sql`
        select l.order_local_id, o.number as order_number, l.invoice_local_id, l.invoice_number, l.kind, i.invoice_number as credits, l.created_at
        from auto_invoice_links l
        left join records o on o.tenant_id = l.tenant_id and o.local_id = l.order_local_id
        left join auto_invoice_links i on l.kind = 'credit' and i.tenant_id = l.tenant_id and i.order_local_id = l.order_local_id and i.kind = 'invoice'
        where l.tenant_id = ${tenantId} and l.rule_id = ${ruleId}
        order by l.created_at desc limit 20`),
    );
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
      recent: recent.map((l) => ({
        orderLocalId: l.order_local_id,
        orderNumber: l.order_number,
        invoiceLocalId: l.invoice_local_id,
        invoiceNumber: l.invoice_number,
        kind: l.kind,
        creditOf: l.credits,
        createdAt: new Date(l.created_at).toISOString(),
      })),
      errors: errors.map((e) => ({ orderLocalId: e.orderLocalId, orderNumber: e.orderNumber, message: e.message, details: e.details ?? null, attempts: e.attempts, updatedAt: e.updatedAt.toISOString() })),
    };
  });
}
