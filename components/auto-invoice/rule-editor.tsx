"use client";

import { useEffect, useMemo, useState, useTransition } from "react";
import { ConditionsEditor } from "@/components/conditions/conditions-editor";
import { fromRows, toRows } from "@/components/conditions/rows";
import type { ConditionRow, OperatorInfo } from "@/components/conditions/types";
import { formatDateTime } from "@/components/connections/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FieldErrorsProvider, SelectField, TextField } from "@/components/ui/form";
import type { FieldErrors } from "@/lib/errors";
import { orderFieldSuggestions } from "./fields";
import { RulePreview } from "./rule-preview";
import type { ConnectionChoice, ExportTarget, MasterSwitch, Rule, RuleActions, RuleActionsApi, RuleDraft } from "./types";
import { DiscardAndSave, SaveMessages } from "@/components/ui/save-messages";

type Pair = { key: string; value: string };

type Form = {
  name: string;
  rows: ConditionRow[];
  match: "all" | "any";
  invoiceDate: RuleActions["invoiceDate"];
  dueDays: string;
  prefix: string;
  markPaid: boolean;
  setFields: Pair[];
  exportConnectionId: string;
  creditNote: boolean;
};

const formOf = (r: Rule): Form => ({
  name: r.name,
  rows: toRows(r.conditions),
  match: r.match,
  invoiceDate: r.actions.invoiceDate,
  dueDays: String(r.actions.dueDays),
  prefix: r.actions.numberSeries.prefix,
  markPaid: r.actions.markPaidWhenOrderPaid,
  setFields: Object.entries(r.actions.setFields ?? {}).map(([key, value]) => ({ key, value })),
  exportConnectionId: r.actions.exportConnectionId ?? "",
  creditNote: r.actions.creditNoteOnCancel,
});

function draftOf(f: Form, operators: OperatorInfo[]): RuleDraft {
  const due = f.dueDays.trim();
  return {
    name: f.name,
    conditions: fromRows(f.rows, operators),
    match: f.match,
    actions: {
      invoiceDate: f.invoiceDate,
      // A non-number goes as typed so the server names the field.
      dueDays: (due !== "" && Number.isFinite(Number(due)) ? Number(due) : due) as number,
      numberSeries: { prefix: f.prefix },
      markPaidWhenOrderPaid: f.markPaid,
      setFields: Object.fromEntries(f.setFields.filter((p) => p.key.trim() !== "").map((p) => [p.key.trim(), p.value])),
      exportConnectionId: f.exportConnectionId || null,
      creditNoteOnCancel: f.creditNote,
    },
  };
}

/** Field errors a field on this page shows; the rest are listed on top. */
const shownAt = (key: string) => key === "name" || /^conditions\.\d+/.test(key) || /^actions\.(invoiceDate|dueDays|numberSeries\.prefix|exportConnectionId|setFields)/.test(key);

const checkbox = "mt-0.5 h-4 w-4 rounded border-slate-300 text-brand-600 disabled:opacity-60";

/** What enabling a rule does, by the master switch as the page was loaded. */
function enabledNotice(master: MasterSwitch): string {
  if (!master.enabled) {
    const who = master.canSwitch ? "switch it on" : "an admin can switch it on";
    return `Rule enabled. Auto Invoice is switched off, so nothing is invoiced yet: ${who} on the Auto Invoice page to start invoicing (it then also invoices matching orders from the last ${master.cutoffDays} days).`;
  }
  const who = master.canSwitch ? "use" : "an admin can use";
  return `Rule enabled: new and changed orders that match are invoiced from now on. For orders that changed before, ${who} “Re-check” on the Auto Invoice page.`;
}

/**
 * One invoice rule: name, conditions on the order, what the invoice looks like, Save (errors at their
 * fields), Enable/Disable, and a preview of the rule as edited on recent orders.
 */
export function RuleEditor({
  rule,
  operators,
  exportTargets,
  connections,
  master,
  readOnly,
  actions,
}: {
  rule: Rule;
  operators: OperatorInfo[];
  exportTargets: ExportTarget[];
  /** The tenant's connections, picked by name for conditions on the order's source connection. */
  connections: ConnectionChoice[];
  master: MasterSwitch;
  readOnly: boolean;
  actions: RuleActionsApi;
}) {
  const [saved, setSaved] = useState(rule);
  const [form, setForm] = useState(() => formOf(rule));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<{ message: string; details: string[] } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [saving, startSave] = useTransition();
  const [toggling, startToggle] = useTransition();
  const [enabled, setEnabled] = useState(rule.enabled);
  const suggestions = useMemo(() => orderFieldSuggestions(connections), [connections]);

  const draft = draftOf(form, operators);
  const json = JSON.stringify(draft);
  const savedJson = useMemo(() => JSON.stringify(draftOf(formOf(saved), operators)), [saved, operators]);
  const dirty = json !== savedJson;

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  const set = (patch: Partial<Form>) => {
    setForm((f) => ({ ...f, ...patch }));
    setNotice(null);
  };

  const save = () =>
    startSave(async () => {
      const r = await actions.save(draft, saved.version);
      if (r.ok) {
        setSaved(r.data);
        setForm(formOf(r.data));
        setErrors({});
        setFormError(null);
        setNotice("Rule saved.");
      } else {
        const fe = r.fieldErrors ?? {};
        setErrors(fe);
        const rest = Object.entries(fe)
          .filter(([k]) => !shownAt(k))
          .flatMap(([k, ms]) => ms.map((m) => (k && k !== "_form" ? `${k}: ${m}` : m)));
        const marked = Object.keys(fe).some(shownAt);
        setFormError({ message: marked ? `${r.error} The fields concerned are marked below.` : r.error, details: rest });
        setNotice(null);
      }
    });

  const toggle = () =>
    startToggle(async () => {
      setFormError(null);
      const r = await actions.setEnabled(!enabled);
      if (r.ok) {
        setEnabled(r.data.enabled);
        // Enabling bumps the version; a later Save must send the new one.
        setSaved((s) => ({ ...s, enabled: r.data.enabled, version: r.data.version, updatedAt: r.data.updatedAt }));
        setNotice(r.data.enabled ? enabledNotice(master) : "Rule disabled.");
      } else setFormError({ message: r.error, details: [] });
    });

  const conditionErrors = Object.fromEntries(
    Object.entries(errors)
      .filter(([k]) => k.startsWith("conditions."))
      .map(([k, v]) => [k.slice("conditions.".length), v]),
  );
  const wholeConditionErrors = [...(errors.conditions ?? []), ...(errors.match ?? [])];
  const setFieldErrors = Object.entries(errors).filter(([k]) => k.startsWith("actions.setFields")).flatMap(([k, ms]) => ms.map((m) => (k === "actions.setFields" ? m : `${k.slice("actions.setFields.".length)}: ${m}`)));
  const exportMissing = form.exportConnectionId && !exportTargets.some((t) => t.connectionId === form.exportConnectionId);

  return (
    <div className="space-y-4">
      <div className="z-10 -mx-2 flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 bg-slate-50 px-2 py-2 md:sticky md:top-0 md:flex-nowrap">
        <div className="flex min-w-0 flex-wrap items-center gap-2 text-sm text-slate-600 md:flex-nowrap" data-testid="rule-status">
          <span data-testid="rule-enabled">
            <Badge tone={enabled ? "green" : "gray"}>{enabled ? "Enabled" : "Disabled"}</Badge>
          </span>
          <span className="min-w-0 truncate text-xs text-slate-500">Saved {formatDateTime(saved.updatedAt)}</span>
          {dirty && (
            <span data-testid="unsaved">
              <Badge tone="amber">Unsaved changes</Badge>
            </span>
          )}
        </div>
        {readOnly && (
          <span className="text-xs text-slate-500" data-testid="read-only-note">
            Read-only: you can preview the rule, not change it.
          </span>
        )}
        {!readOnly && (
          <div className="flex flex-wrap gap-2 md:shrink-0">
            <Button variant="secondary" disabled={toggling || (dirty && !enabled)} title={dirty && !enabled ? "Save your changes first" : undefined} onClick={toggle} data-testid="toggle-rule">
              {toggling ? "Working…" : enabled ? "Disable" : "Enable"}
            </Button>
            <DiscardAndSave
              dirty={dirty}
              saving={saving}
              onDiscard={() => {
                setForm(formOf(saved));
                setErrors({});
                setFormError(null);
              }}
              onSave={save}
              saveLabel="Save rule"
              saveTestId="save-rule"
            />
          </div>
        )}
      </div>
      <SaveMessages error={formError} notice={notice} />
      <FieldErrorsProvider errors={errors}>
        <div className="flex flex-col gap-6 xl:grid xl:grid-cols-5 xl:items-start">
          <div className="min-w-0 space-y-6 xl:col-span-3">
            <Card title="Rule">
              <TextField name="name" label="Name" value={form.name} disabled={readOnly} onChange={(e) => set({ name: e.target.value })} data-testid="rule-name" autoComplete="off" />
            </Card>
            <Card title="Conditions" description="Which orders this rule invoices. Every new or changed order is checked against the enabled rules in order; the first that matches invoices it, once.">
              <ConditionsEditor
                rows={form.rows}
                match={form.match}
                operators={operators}
                paths={[]}
                suggestions={suggestions}
                errors={conditionErrors}
                disabled={readOnly}
                everyText="Applies to every order."
                onChange={(rows, match) => {
                  set({ rows, match });
                  setErrors(({ conditions: _c, match: _m, ...rest }) => Object.fromEntries(Object.entries(rest).filter(([k]) => !k.startsWith("conditions."))));
                }}
              />
              {wholeConditionErrors.length > 0 && (
                <p className="mt-2 text-sm text-red-700" data-testid="field-error">
                  {wholeConditionErrors.join(" ")}
                </p>
              )}
            </Card>
            <Card title="Invoice" description="What the invoice for a matching order looks like, and where it goes.">
              <div className="space-y-4" data-testid="rule-actions">
                <div className="grid gap-4 sm:grid-cols-2">
                  <SelectField
                    name="actions.invoiceDate"
                    label="Invoice date"
                    value={form.invoiceDate}
                    disabled={readOnly}
                    onChange={(e) => set({ invoiceDate: e.target.value as Form["invoiceDate"] })}
                    options={[
                      { value: "orderDate", label: "The order date" },
                      { value: "now", label: "When the invoice is created" },
                      { value: "shippedDate", label: "When the order is shipped" },
                    ]}
                    hint={form.invoiceDate === "shippedDate" ? "Orders are invoiced once shipped; until then the rule waits." : undefined}
                    data-testid="invoice-date"
                  />
                  <TextField name="actions.dueDays" label="Due in (days)" inputMode="numeric" value={form.dueDays} disabled={readOnly} onChange={(e) => set({ dueDays: e.target.value })} data-testid="due-days" />
                </div>
                <TextField
                  name="actions.numberSeries.prefix"
                  label="Number series prefix"
                  value={form.prefix}
                  disabled={readOnly}
                  onChange={(e) => set({ prefix: e.target.value })}
                  placeholder="e.g. INV-"
                  hint={`Invoices are numbered ${form.prefix || "PREFIX"}00001, ${form.prefix || "PREFIX"}00002 … without gaps; each prefix is its own series.`}
                  className="font-mono"
                  autoComplete="off"
                  data-testid="number-prefix"
                />
                <label className="flex items-start gap-2 text-sm">
                  <input type="checkbox" className={checkbox} checked={form.markPaid} disabled={readOnly} onChange={(e) => set({ markPaid: e.target.checked })} data-testid="mark-paid" />
                  <span>
                    <span className="font-medium text-slate-800">Mark the invoice paid when the order is paid</span>
                    <span className="block text-xs text-slate-500">Also later: an invoice created for an unpaid order is marked paid when its payment arrives.</span>
                  </span>
                </label>
                <SetFields pairs={form.setFields} readOnly={readOnly} errors={setFieldErrors} onChange={(setFields) => set({ setFields })} />
                <div>
                  <SelectField
                    name="actions.exportConnectionId"
                    label="Export right away through"
                    value={form.exportConnectionId}
                    disabled={readOnly}
                    onChange={(e) => set({ exportConnectionId: e.target.value })}
                    options={[
                      { value: "", label: "Do not export" },
                      ...(exportMissing ? [{ value: form.exportConnectionId, label: "(a connection that no longer exports invoices)" }] : []),
                      ...exportTargets.map((t) => ({ value: t.connectionId, label: t.enabled ? t.name : `${t.name} (its invoice export is disabled)` })),
                    ]}
                    hint={exportTargets.length === 0 ? "No connection of this tenant has an invoice export. Add an accounting connection to send invoices on." : "Each new invoice is sent through this connection's invoice export as soon as it is created."}
                    data-testid="export-connection"
                  />
                </div>
                <label className="flex items-start gap-2 text-sm">
                  <input type="checkbox" className={checkbox} checked={form.creditNote} disabled={readOnly} onChange={(e) => set({ creditNote: e.target.checked })} data-testid="credit-note" />
                  <span>
                    <span className="font-medium text-slate-800">Create a credit note when an invoiced order is cancelled or refunded</span>
                    <span className="block text-xs text-slate-500">It credits the whole invoice and goes the same way as the invoice.</span>
                  </span>
                </label>
              </div>
            </Card>
          </div>
          <div className="min-w-0 xl:sticky xl:top-16 xl:col-span-2">
            <RulePreview draft={draft} preview={actions.preview} />
          </div>
        </div>
      </FieldErrorsProvider>
    </div>
  );
}

/** Fields the invoice gets, as rows of field path → value. */
function SetFields({ pairs, readOnly, errors, onChange }: { pairs: Pair[]; readOnly: boolean; errors: string[]; onChange: (pairs: Pair[]) => void }) {
  const cell = "block w-full min-w-0 rounded-md border-0 bg-white px-2.5 py-1.5 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-brand-500 disabled:bg-slate-50";
  const setAt = (i: number, patch: Partial<Pair>) => onChange(pairs.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  return (
    <fieldset data-testid="set-fields">
      <legend className="block text-sm font-medium text-slate-800">Set fields on the invoice</legend>
      {pairs.length === 0 ? (
        <p className="mt-1 text-sm text-slate-500">None: the invoice takes its fields from the order.</p>
      ) : (
        <div className="mt-1 space-y-2">
          {pairs.map((p, i) => (
            <div key={i} className="grid grid-cols-[minmax(0,1fr)_auto_minmax(0,1fr)_auto] items-center gap-2">
              <input aria-label={`Invoice field, row ${i + 1}`} className={`${cell} font-mono`} placeholder="e.g. ourReference" value={p.key} disabled={readOnly} onChange={(e) => setAt(i, { key: e.target.value })} autoComplete="off" spellCheck={false} />
              <span className="text-slate-400" aria-hidden>
                =
              </span>
              <input aria-label={`Value, row ${i + 1}`} className={cell} value={p.value} disabled={readOnly} onChange={(e) => setAt(i, { value: e.target.value })} autoComplete="off" />
              <Button variant="ghost" size="sm" disabled={readOnly} aria-label={`Remove row ${i + 1}`} onClick={() => onChange(pairs.filter((_, j) => j !== i))}>
                ✕
              </Button>
            </div>
          ))}
        </div>
      )}
      {errors.length > 0 && (
        <p className="mt-1 text-sm text-red-700" data-testid="field-error">
          {errors.join(" ")}
        </p>
      )}
      {!readOnly && (
        <Button variant="secondary" size="sm" className="mt-2" onClick={() => onChange([...pairs, { key: "", value: "" }])} data-testid="add-set-field">
          Add field
        </Button>
      )}
    </fieldset>
  );
}
