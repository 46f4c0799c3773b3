import type { Metadata } from "next";
import { ruleSummary } from "@/components/auto-invoice/fields";
import { RuleList } from "@/components/auto-invoice/rule-list";
import { SettingsPanel } from "@/components/auto-invoice/settings-panel";
import { sections } from "@/components/tenant/sections";
import { PageHeader } from "@/components/ui/card";
import { FormDialog } from "@/components/ui/form-dialog";
import { TextField } from "@/components/ui/form";
import { EmptyState } from "@/components/ui/table";
import { forPage } from "@/lib/auth/page";
import { tenantRoleCan } from "@/lib/auth/permissions";
import { tenantScope } from "@/lib/auth/scopes";
import { getAutoInvoiceSettings } from "@/lib/services/auto-invoice/get-settings";
import { listRules } from "@/lib/services/auto-invoice/list-rules";
import { ruleHistory } from "@/lib/services/auto-invoice/rule-history";
import { sectionMetadata } from "../_section";
import { ruleConnections } from "./_data";
import { createRuleAction, moveRuleAction, recheckAction, saveCutoffAction, setAutoInvoiceEnabledAction, setRuleEnabledAction } from "./actions";

export const metadata: Metadata = sectionMetadata("autoInvoice");

type Props = { params: Promise<{ tenant: string }> };

/** The master switch, the cut-off and the rules in the order they are tried. */
export default async function AutoInvoicePage({ params }: Props) {
  const { tenant: code } = await params;
  const ctx = await forPage(() => tenantScope(code, "tenant.read"));
  const t = ctx.tenant.codeName;
  const section = sections.autoInvoice;
  const [settings, rules, { names }] = await Promise.all([forPage(() => getAutoInvoiceSettings({ ctx })), forPage(() => listRules({ ctx })), ruleConnections(ctx)]);
  // A handful of rules per tenant: one history each is cheap enough for the counts.
  const histories = await Promise.all(rules.map((r) => ruleHistory({ ctx, ruleId: r.id }).catch(() => null)));
  const canWrite = tenantRoleCan(ctx.role, "tenant.write");
  const newRule = canWrite && (
    <FormDialog label="New rule" variant="primary" title="New invoice rule" description="It starts disabled and invoices every order until you add conditions; preview it before you enable it." action={createRuleAction.bind(null, t)} submitLabel="Create rule" testId="new-rule">
      <TextField name="name" label="Name" placeholder="e.g. Paid web shop orders" autoComplete="off" required />
      <TextField name="actions.numberSeries.prefix" label="Number series prefix" defaultValue="INV-" className="font-mono" hint="Invoice numbers are this prefix and the next number of its series." autoComplete="off" />
    </FormDialog>
  );
  return (
    <>
      <PageHeader title={section.title} description={section.summary} actions={newRule} />
      {!settings.available && (
        <p className="mb-6 rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-inset ring-amber-200" data-testid="option-missing">
          {section.option.missing}
        </p>
      )}
      <SettingsPanel
        settings={settings}
        enabledRules={rules.filter((r) => r.enabled).length}
        canEdit={tenantRoleCan(ctx.role, "settings.edit")}
        setEnabled={setAutoInvoiceEnabledAction.bind(null, t)}
        saveCutoff={saveCutoffAction.bind(null, t)}
        recheck={recheckAction.bind(null, t)}
      />
      <section aria-labelledby="rules-heading" className="mt-8">
        <div className="mb-3">
          <h2 id="rules-heading" className="text-base font-semibold text-slate-900">Rules</h2>
          <p className="mt-0.5 text-sm text-slate-500">Tried from the top: the first enabled rule whose conditions an order meets invoices it, once.</p>
        </div>
        {rules.length === 0 ? (
          <EmptyState title={section.empty.title} description={`${section.empty.description} New rules start disabled, so you can preview them first.`} />
        ) : (
          <RuleList
            code={t}
            canWrite={canWrite}
            rules={rules.map((r, i) => {
              const h = histories[i];
              return { id: r.id, name: r.name, enabled: r.enabled, summary: ruleSummary(r, names), stats: h && { invoicesCreated: h.invoicesCreated, lastInvoiceAt: h.lastInvoiceAt, errors: h.errors.length } };
            })}
            setEnabled={setRuleEnabledAction.bind(null, t)}
            move={moveRuleAction.bind(null, t)}
          />
        )}
      </section>
    </>
  );
}
