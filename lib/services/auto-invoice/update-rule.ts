import { and, eq, sql } from "drizzle-orm";
import { autoInvoiceRules } from "@/db/schema";
import { withTenantTx } from "@/db/tenant-tx";
import { recordAudit } from "@/lib/audit";
import { validateRule } from "@/lib/auto-invoice/rule";
import { ConflictError } from "@/lib/errors";
import { notifyOrdersChanged } from "@/lib/jobs/auto-invoice";
import { ruleUpdateSchema } from "@/lib/schemas/auto-invoice";
import { parseInput } from "@/lib/validation";
import { actorLabel, checkExportConnection, presentRule, renumber, requirePermission, ruleInTenant, rulesOf, type AutoInvoiceCtx } from "./internal";

/**
 * Changes a rule: any of name, conditions, match, actions (validated as a whole, as on create),
 * enabled, and position (the others shift). Every change is a new version, audited before/after.
 */
export async function updateRule({ ctx, ruleId, input }: { ctx: AutoInvoiceCtx; ruleId: string; input: unknown }) {
  requirePermission(ctx, "tenant.write");
  const body = parseInput(ruleUpdateSchema, input);
  const tenantId = ctx.tenant.id;
  const answer = await withTenantTx(ctx.db, tenantId, async (tx) => {
    await tx.execute(sql`select 1 from auto_invoice_settings where tenant_id = ${tenantId} for update`);
    const before = await ruleInTenant(tx, tenantId, ruleId, true);
    if (body.version !== undefined && body.version !== before.version) {
      throw new ConflictError(`This rule was changed by someone else (now version ${before.version}); reload it and try again.`, { version: ["Out of date."] });
    }
    const rule = validateRule({ name: body.name ?? before.name, conditions: body.conditions ?? before.conditions, match: body.match ?? before.match, actions: body.actions ?? before.actions });
    if (body.actions) await checkExportConnection(tx, tenantId, rule.actions.exportConnectionId);
    const [row] = await tx
      .update(autoInvoiceRules)
      .set({ name: rule.name, conditions: rule.conditions, match: rule.match, actions: rule.actions, enabled: body.enabled ?? before.enabled, version: before.version + 1, updatedBy: actorLabel(ctx), updatedAt: sql`now()` })
      .where(and(eq(autoInvoiceRules.tenantId, tenantId), eq(autoInvoiceRules.id, ruleId)))
      .returning();
    let position = before.position;
    if (body.position !== undefined && body.position !== before.position) {
      const others = (await rulesOf(tx, tenantId)).filter((r) => r.id !== ruleId);
      position = Math.min(body.position, others.length);
      others.splice(position, 0, row);
      await renumber(tx, tenantId, others.map((r) => (r.id === ruleId ? { ...r, position: -1 } : r)));
    }
    const answer = presentRule({ ...row, position });
    await recordAudit(tx, ctx.actor, { action: "auto_invoice_rule.update", target: { type: "auto_invoice_rule", id: ruleId, label: row.name }, before: presentRule(before), after: answer, tenantId });
    return answer;
  });
  // A rule switched on (or changed) applies to orders from now on; nudge the engine for waiting ones.
  if (answer.enabled) await notifyOrdersChanged(tenantId);
  return answer;
}
