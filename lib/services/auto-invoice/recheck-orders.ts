import { and, count, eq, gte } from "drizzle-orm";
import { autoInvoiceSettings, records } from "@/db/schema";
import { withTenantTx } from "@/db/tenant-tx";
import { recordAudit } from "@/lib/audit";
import { ValidationError } from "@/lib/errors";
import { forgetSwitch, notifyOrdersChanged } from "@/lib/jobs/auto-invoice";
import { recheckBodySchema, type RecheckAnswer } from "@/lib/schemas/auto-invoice";
import { nextModificationTime } from "@/lib/services/records/internal";
import { parseInput } from "@/lib/validation";
import { requirePermission, settingsRow, type AutoInvoiceCtx } from "./internal";

const DAY_MS = 86_400_000;

/**
 * Runs the enabled rules again over the orders changed in the last `days` days: the engine's
 * position moves back and it reads those orders again within seconds. A rule enabled or changed
 * today otherwise applies only to orders that change from now on. Orders already invoiced are
 * never invoiced again (the links' key), so a re-check only adds what is missing.
 */
export async function recheckOrders({ ctx, input }: { ctx: AutoInvoiceCtx; input: unknown }): Promise<RecheckAnswer> {
  requirePermission(ctx, "settings.edit");
  const { days } = parseInput(recheckBodySchema, input);
  const tenantId = ctx.tenant.id;
  const answer = await withTenantTx(ctx.db, tenantId, async (tx) => {
    // The tenant clock first, as the engine's pages take it: a page in progress commits before the
    // position moves back, and cannot move it forward again afterwards.
    const now = await nextModificationTime(tx, tenantId);
    const settings = await settingsRow(tx, tenantId, true);
    if (!settings?.enabled) throw new ValidationError("Auto Invoice is off: switch it on, and it reads every order not yet invoiced from the cut-off on.", { days: ["Auto Invoice is off."] });
    if (days > settings.cutoffDays) {
      throw new ValidationError(`At most ${settings.cutoffDays} days, the cut-off: older orders are never invoiced.`, { days: [`At most ${settings.cutoffDays} days (the cut-off).`] });
    }
    const from = new Date(now.getTime() - days * DAY_MS);
    // Only ever back: a position already earlier (the engine still catching up) stays.
    if (!settings.watermarkAt || settings.watermarkAt > from) {
      await tx.update(autoInvoiceSettings).set({ watermarkAt: from, watermarkLocalId: "" }).where(eq(autoInvoiceSettings.tenantId, tenantId));
    }
    const [{ n }] = await tx
      .select({ n: count() })
      .from(records)
      .where(and(eq(records.tenantId, tenantId), eq(records.type, "order"), eq(records.archived, false), gte(records.lastModified, from)));
    await recordAudit(tx, ctx.actor, { action: "auto_invoice.recheck", target: { type: "auto_invoice", id: tenantId, label: "Auto Invoice" }, after: { days, from: from.toISOString(), orders: n }, tenantId });
    return { from: from.toISOString(), orders: n };
  });
  forgetSwitch(tenantId); // the switch was just read on: no stale "off" may drop the job
  await notifyOrdersChanged(tenantId);
  return answer;
}
