import type { Metadata } from "next";
import Link from "next/link";
import { RuleEditor } from "@/components/auto-invoice/rule-editor";
import { RuleHistory } from "@/components/auto-invoice/rule-history";
import { operatorInfo } from "@/components/conditions/operators";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { PageHeader } from "@/components/ui/card";
import { forPage } from "@/lib/auth/page";
import { tenantRoleCan } from "@/lib/auth/permissions";
import { tenantScope } from "@/lib/auth/scopes";
import { conditionOperators } from "@/lib/conditions";
import { getRule } from "@/lib/services/auto-invoice/get-rule";
import { getAutoInvoiceSettings } from "@/lib/services/auto-invoice/get-settings";
import { ruleHistory } from "@/lib/services/auto-invoice/rule-history";
import { ruleConnections } from "../_data";
import { previewRuleAction, saveRuleAction, setRuleEnabledAction } from "../actions";

export const metadata: Metadata = { title: "Invoice rule" };

type Props = { params: Promise<{ tenant: string; ruleId: string }> };

/** One rule: the editor with its preview, then what it has done. */
export default async function RulePage({ params }: Props) {
  const { tenant: code, ruleId } = await params;
  const ctx = await forPage(() => tenantScope(code, "tenant.read"));
  const t = ctx.tenant.codeName;
  const [rule, history, settings, { targets, connections }] = await Promise.all([forPage(() => getRule({ ctx, ruleId })), forPage(() => ruleHistory({ ctx, ruleId })), forPage(() => getAutoInvoiceSettings({ ctx })), ruleConnections(ctx)]);
  return (
    <>
      <PageHeader
        title={<span data-testid="rule-title">{rule.name}</span>}
        description={`Rule ${rule.position + 1} of Auto Invoice: an order that meets its conditions, and no earlier enabled rule's, is invoiced as set below.`}
        breadcrumb={<Breadcrumb items={[{ href: `/t/${t}/auto-invoice`, label: "Auto Invoice" }]} />}
      />
      {!settings.enabled && (
        <p className="mb-4 rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-inset ring-amber-200" data-testid="master-off-note">
          Auto Invoice is switched off for this tenant: no rule invoices anything until it is{" "}
          <Link href={`/t/${t}/auto-invoice`} className="font-medium underline">
            switched on
          </Link>
          . You can still edit and preview this rule.
        </p>
      )}
      <RuleEditor
        rule={rule}
        operators={operatorInfo(conditionOperators)}
        exportTargets={targets}
        connections={connections}
        master={{ enabled: settings.enabled, cutoffDays: settings.cutoffDays, canSwitch: tenantRoleCan(ctx.role, "settings.edit") }}
        readOnly={!tenantRoleCan(ctx.role, "tenant.write")}
        actions={{ save: saveRuleAction.bind(null, t, ruleId), setEnabled: setRuleEnabledAction.bind(null, t, ruleId), preview: previewRuleAction.bind(null, t, ruleId) }}
      />
      <section aria-labelledby="history-heading" className="mt-8">
        <h2 id="history-heading" className="mb-3 text-base font-semibold text-slate-900">History</h2>
        <RuleHistory code={t} history={history} />
      </section>
    </>
  );
}
