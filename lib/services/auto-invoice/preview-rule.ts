import { and, desc, eq } from "drizzle-orm";
import { records } from "@/db/schema";
import { withTenantTx } from "@/db/tenant-tx";
import { buildInvoice, formatInvoiceNumber, isCancelled, NotYetInvoiceable } from "@/lib/auto-invoice/invoice";
import { validateRule } from "@/lib/auto-invoice/rule";
import { isAppError } from "@/lib/errors";
import { previewBodySchema, ruleBodySchema, type PreviewAnswer } from "@/lib/schemas/auto-invoice";
import { parseInput } from "@/lib/validation";
import { compileRules, linksOf, olderThanCutoff, peekNumber, presentOrders } from "./engine";
import { checkExportConnection, presentRule, requirePermission, ruleInTenant, rulesOf, settingsRow, type AutoInvoiceCtx, type RuleRow } from "./internal";

type Outcome = PreviewAnswer["orders"][number];

/**
 * Which of the latest orders a rule (the saved one, or the unsaved version sent) would invoice, and
 * the invoice it would create, as if the rule were enabled in its place. Reads only: nothing is
 * written, no number is taken (the numbers shown are the series' next ones).
 */
export async function previewRule({ ctx, ruleId, input }: { ctx: AutoInvoiceCtx; ruleId: string; input: unknown }): Promise<PreviewAnswer> {
  requirePermission(ctx, "tenant.read");
  const body = parseInput(previewBodySchema, input ?? {});
  const draft = body.rule === undefined ? undefined : parseInput(ruleBodySchema, body.rule);
  const tenantId = ctx.tenant.id;
  const now = new Date();
  return withTenantTx(ctx.db, tenantId, async (tx) => {
    const saved = await ruleInTenant(tx, tenantId, ruleId);
    const def = draft ? validateRule(draft) : validateRule({ name: saved.name, conditions: saved.conditions, match: saved.match, actions: saved.actions });
    if (draft) await checkExportConnection(tx, tenantId, def.actions.exportConnectionId);
    const tried: RuleRow = { ...saved, name: def.name, conditions: def.conditions, match: def.match, actions: def.actions, enabled: true };
    const rules = compileRules((await rulesOf(tx, tenantId)).map((r) => (r.id === ruleId ? tried : r)));
    const mine = rules.find((r) => r.row.id === ruleId)!;
    const earlier = rules.filter((r) => r.row.enabled && r.row.position < saved.position);
    const cutoffDays = (await settingsRow(tx, tenantId))?.cutoffDays ?? 30;

    const rows = await tx
      .select()
      .from(records)
      .where(and(eq(records.tenantId, tenantId), eq(records.type, "order"), eq(records.archived, false)))
      .orderBy(desc(records.lastModified), desc(records.localId))
      .limit(body.limit ?? 20);
    const orders = await presentOrders(tx, tenantId, rows);
    const links = await linksOf(tx, tenantId, rows.map((r) => r.localId));
    const first = await peekNumber(tx, tenantId, def.actions.numberSeries.prefix);
    let next = Number(first.slice(def.actions.numberSeries.prefix.length));
    const padding = first.length - def.actions.numberSeries.prefix.length;

    // Numbers go in the engine's order (oldest change first); the list shows the newest first.
    const out: Outcome[] = [...orders].reverse().map(({ row, order }) => {
      const totals = order.totals as { totalInclVat?: string } | undefined;
      const base = {
        orderLocalId: row.localId,
        orderNumber: row.number,
        orderDate: (order.orderDate as string | undefined) ?? null,
        totalInclVat: totals?.totalInclVat ?? null,
        currency: (order.currency as string | undefined) ?? null,
        lastModified: row.lastModified.toISOString(),
      };
      const condCtx = { now };
      if (links.get(row.localId)?.some((l) => l.kind === "invoice")) return { ...base, outcome: "alreadyInvoiced", reason: "Already invoiced." };
      if (olderThanCutoff(order, cutoffDays, now)) return { ...base, outcome: "tooOld", reason: `Placed more than ${cutoffDays} days ago.` };
      if (isCancelled(order)) return { ...base, outcome: "noMatch", reason: "Cancelled or refunded orders are not invoiced." };
      if (!mine.matches(order, condCtx)) return { ...base, outcome: "noMatch" };
      const taker = earlier.find((r) => r.matches(order, condCtx));
      if (taker) return { ...base, outcome: "earlierRule", reason: `Rule "${taker.row.name}" comes first and matches.` };
      try {
        const invoice = buildInvoice(order, def.actions, formatInvoiceNumber(def.actions.numberSeries.prefix, next, padding), now);
        next++;
        return { ...base, outcome: "invoice", invoice: { ...invoice.data, ...(Object.keys(invoice.customData).length ? { customData: invoice.customData } : {}) } };
      } catch (e) {
        if (e instanceof NotYetInvoiceable) return { ...base, outcome: "waiting", reason: e.message };
        if (isAppError(e)) return { ...base, outcome: "error", reason: e.message };
        throw e;
      }
    });
    out.reverse();
    const { createdAt: _c, updatedAt: _u, ...rule } = presentRule(tried);
    return { rule: { ...rule, enabled: saved.enabled }, orders: out };
  });
}
