import { sql } from "drizzle-orm";
import { autoInvoiceRules, autoInvoiceSettings } from "@/db/schema";
import { withTenantTx } from "@/db/tenant-tx";
import { recordAudit } from "@/lib/audit";
import { validateRule } from "@/lib/auto-invoice/rule";
import { newId } from "@/lib/ids";
import { notifyOrdersChanged } from "@/lib/jobs/auto-invoice";
import { ruleBodySchema } from "@/lib/schemas/auto-invoice";
import { parseInput } from "@/lib/validation";
import { actorLabel, checkExportConnection, presentRule, renumber, requirePermission, rulesOf, type AutoInvoiceCtx } from "./internal";

/** A new rule, disabled unless the input says otherwise, last in the order unless a position is given. */
export async function createRule({ ctx, input }: { ctx: AutoInvoiceCtx; input: unknown }) {
  requirePermission(ctx, "tenant.write");
  const body = parseInput(ruleBodySchema, input);
  const rule = validateRule(body);
  const tenantId = ctx.tenant.id;
  const answer = await withTenantTx(ctx.db, tenantId, async (tx) => {
    await checkExportConnection(tx, tenantId, rule.actions.exportConnectionId);
    // The settings row orders concurrent rule edits of a tenant, so positions stay dense.
    await tx.insert(autoInvoiceSettings).values({ tenantId, updatedBy: actorLabel(ctx) }).onConflictDoNothing();
    await tx.execute(sql`select 1 from auto_invoice_settings where tenant_id = ${tenantId} for update`);
    const existing = await rulesOf(tx, tenantId);
    const position = Math.min(body.position ?? existing.length, existing.length);
    const [row] = await tx
      .insert(autoInvoiceRules)
      .values({ tenantId, id: newId("autoInvoiceRule"), position, name: rule.name, enabled: body.enabled ?? false, conditions: rule.conditions, match: rule.match, actions: rule.actions, updatedBy: actorLabel(ctx) })
      .returning();
    const ordered = [...existing];
    ordered.splice(position, 0, row);
    await renumber(tx, tenantId, ordered);
    const answer = presentRule({ ...row, position });
    await recordAudit(tx, ctx.actor, { action: "auto_invoice_rule.create", target: { type: "auto_invoice_rule", id: row.id, label: row.name }, after: answer, tenantId });
    return answer;
  });
  if (answer.enabled) await notifyOrdersChanged(tenantId);
  return answer;
}
