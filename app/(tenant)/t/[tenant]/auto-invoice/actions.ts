"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formNumber } from "@/lib/actions/form";
import { runAction } from "@/lib/actions/result";
import { tenantScope } from "@/lib/auth/scopes";
import { createRule } from "@/lib/services/auto-invoice/create-rule";
import { previewRule } from "@/lib/services/auto-invoice/preview-rule";
import { recheckOrders } from "@/lib/services/auto-invoice/recheck-orders";
import { updateRule } from "@/lib/services/auto-invoice/update-rule";
import { updateAutoInvoiceSettings } from "@/lib/services/auto-invoice/update-settings";

/**
 * Auto Invoice settings and rules. The tenant code and rule ids are bound by the pages but arrive
 * from the browser like any argument: tenantScope and the services re-check everything per call.
 */

const base = (code: string) => `/t/${code}/auto-invoice`;

export async function setAutoInvoiceEnabledAction(code: string, enabled: boolean) {
  return runAction(async () => {
    const saved = await updateAutoInvoiceSettings({ ctx: await tenantScope(code), input: { enabled } });
    revalidatePath(base(code));
    return saved;
  });
}

export async function saveCutoffAction(code: string, _prev: unknown, form: FormData) {
  return runAction(async () => {
    await updateAutoInvoiceSettings({ ctx: await tenantScope(code), input: { cutoffDays: formNumber(form, "cutoffDays") } });
    revalidatePath(base(code));
  }, "Cut-off saved.");
}

/** Runs the enabled rules again over recent orders; the answer says how many. */
export async function recheckAction(code: string, _prev: unknown, form: FormData) {
  const result = await runAction(async () => {
    const answer = await recheckOrders({ ctx: await tenantScope(code), input: { days: formNumber(form, "days") } });
    revalidatePath(base(code));
    return answer;
  });
  if (!result.ok) return result;
  const n = result.data.orders;
  return { ...result, message: `${n} order${n === 1 ? "" : "s"} changed since ${result.data.from.slice(0, 10)} ${n === 1 ? "is" : "are"} being checked again; new invoices appear within seconds.` };
}

/** A new rule starts disabled, with no conditions; the editor is where it is shaped. */
export async function createRuleAction(code: string, _prev: unknown, form: FormData) {
  return runAction(async () => {
    const ctx = await tenantScope(code);
    const rule = await createRule({ ctx, input: { name: form.get("name"), enabled: false, conditions: [], match: "all", actions: { numberSeries: { prefix: form.get("actions.numberSeries.prefix") } } } });
    revalidatePath(base(code));
    redirect(`${base(code)}/${rule.id}`);
  });
}

/** Saves the rule as edited; `version` refuses the save when someone else changed it meanwhile. */
export async function saveRuleAction(code: string, ruleId: string, draft: unknown, version: number) {
  return runAction(async () => {
    const d = (draft ?? {}) as Record<string, unknown>;
    const saved = await updateRule({ ctx: await tenantScope(code), ruleId, input: { name: d.name, conditions: d.conditions, match: d.match, actions: d.actions, version } });
    revalidatePath(base(code), "layout");
    return saved;
  }, "Rule saved.");
}

export async function setRuleEnabledAction(code: string, ruleId: string, enabled: boolean) {
  return runAction(async () => {
    const saved = await updateRule({ ctx: await tenantScope(code), ruleId, input: { enabled } });
    revalidatePath(base(code), "layout");
    return saved;
  });
}

export async function moveRuleAction(code: string, ruleId: string, position: number) {
  return runAction(async () => {
    await updateRule({ ctx: await tenantScope(code), ruleId, input: { position } });
    revalidatePath(base(code));
  });
}

/** Tries the rule as edited (unsaved) on the latest orders; writes nothing. */
export async function previewRuleAction(code: string, ruleId: string, input: { limit: number; rule: unknown }) {
  return runAction(async () => previewRule({ ctx: await tenantScope(code), ruleId, input: { limit: input.limit, rule: input.rule } }));
}
