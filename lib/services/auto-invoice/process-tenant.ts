import { and, eq } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { autoInvoiceSettings, plugs } from "@/db/schema";
import { withTenantTx } from "@/db/tenant-tx";
import { buildInvoice, NotYetInvoiceable } from "@/lib/auto-invoice/invoice";
import { enqueuePlugRun } from "@/lib/jobs/queue";
import { claimRun } from "@/lib/services/plugs/claim-run";
import { nextModificationTime, type RecordRow } from "@/lib/services/records/internal";
import { AlreadyDone, clearErrors, compileRules, creditOrder, decide, FallBack, invoiceOrder, invoiceOrders, linksOf, markPaid, ordersAfter, ordersWithErrors, recordError, type CompiledRule, type PlannedInvoice } from "./engine";
import { rulesOf, settingsRow, tenantHasOption } from "./internal";

export type ProcessResult = { orders: number; invoiced: number; credited: number; markedPaid: number; failed: number; waiting: number; skipped: number };

const PAGE = 1000;
const DAY_MS = 86_400_000;

/**
 * Auto Invoice for one tenant: the orders changed since the tenant's watermark, in commit order,
 * one transaction per page. A page's new invoices are written together in one savepoint; the
 * rest (credit notes, mark-paid, orders that cannot be invoiced, or the whole page when that
 * savepoint fails) go one order per savepoint, so a failing order (recorded with its reason, read
 * again when it changes) or one another worker linked first (its number rolled back with it)
 * leaves the others alone. The watermark moves in the same transaction as the invoices it covers.
 * Safe to run from several workers at once: the tenant clock orders the transactions, and the
 * links' primary key refuses a second invoice regardless.
 */
export async function processTenant(db: Db, tenantId: string, opts: { pageSize?: number; maxPages?: number } = {}): Promise<ProcessResult> {
  const total: ProcessResult = { orders: 0, invoiced: 0, credited: 0, markedPaid: 0, failed: 0, waiting: 0, skipped: 0 };
  const pageSize = opts.pageSize ?? PAGE;
  for (let page = 0; page < (opts.maxPages ?? 1000); page++) {
    const { read, exports } = await withTenantTx(db, tenantId, (tx) => processPage(tx, tenantId, pageSize, total));
    // The export runs were claimed in the committed transaction; their jobs go out only now.
    for (const connectionId of exports) await enqueuePlugRun({ tenantId, connectionId, plugKey: "InvoiceExport", trigger: "autoInvoice" }).catch((e) => console.error("[auto-invoice] export not queued:", e));
    if (read < pageSize) break;
  }
  return total;
}

async function processPage(tx: Tx, tenantId: string, pageSize: number, total: ProcessResult): Promise<{ read: number; exports: string[] }> {
  // The clock first: its lock orders this page after every earlier write of the tenant (and after
  // a concurrent run's page), so the watermark read below is the latest committed one.
  const now = await nextModificationTime(tx, tenantId);
  const settings = await settingsRow(tx, tenantId);
  if (!settings?.enabled || !(await tenantHasOption(tx, tenantId))) return { read: 0, exports: [] };
  const ruleRows = await rulesOf(tx, tenantId);
  const all = compileRules(ruleRows);
  const byId = new Map(all.map((r) => [r.row.id, r]));
  const enabled = all.filter((r) => r.row.enabled);

  // Without a watermark, start at the cut-off: older orders are never invoiced anyway.
  const after = settings.watermarkAt ? { at: settings.watermarkAt, localId: settings.watermarkLocalId ?? "" } : { at: new Date(now.getTime() - settings.cutoffDays * DAY_MS), localId: "" };
  const page = await ordersAfter(tx, tenantId, after, pageSize);
  const links = await linksOf(tx, tenantId, page.map((p) => p.row.localId));
  // Most orders never failed: only those with a recorded failure need it cleared (one query per page, not per order).
  const failedBefore = await ordersWithErrors(tx, tenantId, page.map((p) => p.row.localId));
  const exports = new Set<string>();
  total.orders += page.length;
  const decided = page.map((p) => ({ ...p, decision: decide(p.order, links.get(p.row.localId) ?? [], enabled, byId, settings.cutoffDays, now) }));

  // New invoices, the bulk of the work, are built in memory and written together in a savepoint.
  // Whatever that leaves (other decisions, orders whose invoice cannot be built, or the whole page
  // if another worker linked one of its orders first) goes order by order below.
  const planned: (PlannedInvoice & { row: RecordRow })[] = [];
  for (const d of decided) {
    if (d.decision.kind !== "invoice") continue;
    try {
      // Any number will do here: the real ones are taken only for the invoices that can be built.
      planned.push({ row: d.row, order: d.order, rule: d.decision.rule, built: buildInvoice(d.order, d.decision.rule.actions, `${d.decision.rule.actions.numberSeries.prefix}0`, now) });
    } catch {
      // recorded with its reason on the order-by-order path
    }
  }
  let bulk = new Set<string>();
  if (planned.length) {
    try {
      await tx.transaction(async (sp) => {
        await invoiceOrders(sp, tenantId, planned, now);
        await clearErrors(sp, tenantId, planned.map((p) => p.row.localId).filter((id) => failedBefore.has(id)));
      });
      bulk = new Set(planned.map((p) => p.row.localId));
      total.invoiced += planned.length;
      for (const p of planned) if (p.rule.actions.exportConnectionId) exports.add(p.rule.actions.exportConnectionId);
    } catch (e) {
      if (!(e instanceof FallBack)) console.warn("[auto-invoice] bulk path failed, continuing order by order", e);
    }
  }

  for (const { row, order, decision } of decided) {
    if (bulk.has(row.localId)) continue;
    let rule: CompiledRule | undefined;
    try {
      await tx.transaction(async (sp) => {
        switch (decision.kind) {
          case "invoice":
            rule = decision.rule;
            await invoiceOrder(sp, tenantId, order, decision.rule, now);
            total.invoiced++;
            if (decision.rule.actions.exportConnectionId) exports.add(decision.rule.actions.exportConnectionId);
            break;
          case "credit":
            rule = decision.rule;
            await creditOrder(sp, tenantId, decision.link, decision.rule, now);
            total.credited++;
            if (decision.rule.actions.exportConnectionId) exports.add(decision.rule.actions.exportConnectionId);
            break;
          case "markPaid":
            if (await markPaid(sp, tenantId, decision.link, now)) total.markedPaid++;
            else total.skipped++;
            break;
          default:
            total.skipped++;
        }
        if (failedBefore.has(row.localId)) await clearErrors(sp, tenantId, [row.localId]);
      });
    } catch (e) {
      if (e instanceof AlreadyDone) {
        total.skipped++;
        continue;
      }
      if (e instanceof NotYetInvoiceable) total.waiting++;
      else total.failed++;
      await recordError(tx, tenantId, row, rule?.row.id ?? null, e);
    }
  }

  const last = page.at(-1)?.row;
  await tx
    .update(autoInvoiceSettings)
    .set({ lastRunAt: now, ...(last ? { watermarkAt: last.lastModified, watermarkLocalId: last.localId } : {}) })
    .where(eq(autoInvoiceSettings.tenantId, tenantId));

  const queued: string[] = [];
  for (const connectionId of exports) {
    const [plug] = await tx.select().from(plugs).where(and(eq(plugs.tenantId, tenantId), eq(plugs.connectionId, connectionId), eq(plugs.key, "InvoiceExport"))).for("update");
    if (plug?.enabled && (await claimRun(tx, plug))) queued.push(connectionId);
  }
  return { read: page.length, exports: queued };
}
