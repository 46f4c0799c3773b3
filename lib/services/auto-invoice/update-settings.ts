import { sql } from "drizzle-orm";
import { autoInvoiceSettings } from "@/db/schema";
import { withTenantTx } from "@/db/tenant-tx";
import { recordAudit } from "@/lib/audit";
import { ValidationError } from "@/lib/errors";
import { forgetSwitch, notifyOrdersChanged } from "@/lib/jobs/auto-invoice";
import { settingsBodySchema } from "@/lib/schemas/auto-invoice";
import { parseInput } from "@/lib/validation";
import { actorLabel, presentSettings, requirePermission, settingsRow, tenantHasOption, type AutoInvoiceCtx } from "./internal";

/**
 * The master switch and the order age cut-off. Turning it on is refused when the tenant's plan
 * lacks the Auto Invoice option; once on, the engine catches up on orders within the cut-off.
 */
export async function updateAutoInvoiceSettings({ ctx, input }: { ctx: AutoInvoiceCtx; input: unknown }) {
  requirePermission(ctx, "settings.edit");
  const body = parseInput(settingsBodySchema, input);
  const tenantId = ctx.tenant.id;
  const answer = await withTenantTx(ctx.db, tenantId, async (tx) => {
    const available = await tenantHasOption(tx, tenantId);
    if (body.enabled && !available) {
      throw new ValidationError("Auto Invoice is not included in this tenant's plan; your partner can add it.", { enabled: ["Not included in this tenant's plan."] });
    }
    const before = await settingsRow(tx, tenantId, true);
    const values = { enabled: body.enabled ?? before?.enabled ?? false, cutoffDays: body.cutoffDays ?? before?.cutoffDays ?? 30, updatedBy: actorLabel(ctx), updatedAt: sql`now()` };
    const [row] = await tx
      .insert(autoInvoiceSettings)
      .values({ tenantId, ...values })
      .onConflictDoUpdate({ target: autoInvoiceSettings.tenantId, set: values })
      .returning();
    await recordAudit(tx, ctx.actor, {
      action: "auto_invoice.settings",
      target: { type: "auto_invoice", id: tenantId, label: "Auto Invoice" },
      before: before ? { enabled: before.enabled, cutoffDays: before.cutoffDays } : { enabled: false, cutoffDays: 30 },
      after: { enabled: row.enabled, cutoffDays: row.cutoffDays },
      tenantId,
    });
    return presentSettings(row, available);
  });
  forgetSwitch(tenantId);
  if (answer.enabled) await notifyOrdersChanged(tenantId);
  return answer;
}
