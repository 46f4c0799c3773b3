"use client";

import { formatDateTime } from "@/components/connections/format";
import { Badge } from "@/components/ui/badge";
import { ConfirmAction } from "@/components/ui/confirm";
import { ActionForm, SubmitButton, TextField } from "@/components/ui/form";
import type { ActionResult } from "@/lib/actions/result";
import type { SettingsAnswer } from "./types";

/**
 * The master switch and the cut-off. Switching on asks first: from then on invoices are created
 * for real. Users who may not edit settings see the state only.
 */
export function SettingsPanel({
  settings,
  enabledRules,
  canEdit,
  setEnabled,
  saveCutoff,
  recheck,
}: {
  settings: SettingsAnswer;
  enabledRules: number;
  canEdit: boolean;
  setEnabled: (enabled: boolean) => Promise<ActionResult<unknown>>;
  saveCutoff: (prev: unknown, form: FormData) => Promise<ActionResult<unknown>>;
  recheck: (prev: unknown, form: FormData) => Promise<ActionResult<unknown>>;
}) {
  const on = settings.enabled;
  return (
    <section className="rounded-lg bg-white shadow-sm ring-1 ring-slate-200" aria-labelledby="switch-heading" data-testid="auto-invoice-settings">
      <div className="flex flex-col gap-4 px-5 py-4 md:flex-row md:items-start md:justify-between">
        <div className="min-w-0">
          <h2 id="switch-heading" className="flex flex-wrap items-center gap-2 text-base font-semibold text-slate-900">
            Automatic invoicing
            <span data-testid="master-state">
              <Badge tone={on ? "green" : "gray"}>{on ? "On" : "Off"}</Badge>
            </span>
          </h2>
          <p className="mt-1 max-w-2xl text-sm text-slate-600">
            {on
              ? enabledRules > 0
                ? "New and changed orders are invoiced within seconds by the first enabled rule below that matches them."
                : "On, but no rule is enabled yet, so no order is invoiced. Enable a rule below."
              : "When on, new and changed orders are invoiced within seconds by the first enabled rule that matches them. While off, nothing is invoiced; rules can still be edited and previewed."}
          </p>
          <p className="mt-1 text-xs text-slate-500">
            {settings.lastRunAt ? `Last ran ${formatDateTime(settings.lastRunAt)}` : "Has not run yet"}
            {settings.updatedBy && settings.updatedAt ? ` · Changed ${formatDateTime(settings.updatedAt)} by ${settings.updatedBy.replace(/^user\//, "")}` : ""}
          </p>
        </div>
        {canEdit && (
          <div className="shrink-0">
            {on ? (
              <ConfirmAction
                label="Switch off"
                title="Switch Auto Invoice off?"
                body="Orders stop being invoiced until you switch it on again. Invoices already created stay as they are."
                confirmLabel="Switch off"
                action={() => setEnabled(false)}
                testId="master-off"
              />
            ) : (
              <ConfirmAction
                label="Switch on"
                variant="primary"
                title="Switch Auto Invoice on?"
                body={`New and changed orders, and orders from the last ${settings.cutoffDays} days not yet invoiced, are invoiced by the enabled rules within seconds${settings.available ? "" : ". (Not included in this tenant's plan: your partner can add it.)"}`}
                confirmLabel="Switch on"
                action={() => setEnabled(true)}
                testId="master-on"
              />
            )}
          </div>
        )}
      </div>
      <div className="grid gap-6 border-t border-slate-100 px-5 py-4 md:grid-cols-2">
        {canEdit ? (
          <ActionForm action={saveCutoff} className="max-w-md" testId="cutoff-form">
            <div className="flex items-end gap-2">
              <div className="min-w-0 flex-1">
                <TextField name="cutoffDays" label="Cut-off (days)" inputMode="numeric" defaultValue={String(settings.cutoffDays)} />
              </div>
              <SubmitButton variant="secondary">Save</SubmitButton>
            </div>
            <p className="-mt-2 text-xs text-slate-500">Orders placed longer ago than this are never invoiced automatically, e.g. when Auto Invoice is first switched on.</p>
          </ActionForm>
        ) : (
          <p className="text-sm text-slate-700">
            Orders older than <span className="font-medium">{settings.cutoffDays} days</span> are never invoiced automatically.
          </p>
        )}
        {canEdit && on && (
          // Rules apply to orders as they change: after enabling or changing one, this catches up on recent orders.
          <ActionForm action={recheck} className="max-w-md" testId="recheck-form">
            <div className="flex items-end gap-2">
              <div className="min-w-0 flex-1">
                <TextField name="days" label="Re-check orders changed in the last (days)" inputMode="numeric" defaultValue={String(Math.min(7, settings.cutoffDays))} />
              </div>
              <SubmitButton variant="secondary">Re-check</SubmitButton>
            </div>
            <p className="-mt-2 text-xs text-slate-500">Runs the enabled rules again over those orders, e.g. after enabling or changing a rule. Orders already invoiced are never invoiced twice.</p>
          </ActionForm>
        )}
      </div>
    </section>
  );
}
