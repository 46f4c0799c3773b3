"use client";

import { useId } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { ConditionRow, FieldSuggestion, OperatorInfo } from "./types";
import { ValuePicker } from "./value-picker";

const control = "block w-full min-w-0 rounded-md border-0 bg-white px-2.5 py-1.5 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-brand-500 disabled:bg-slate-50";

/**
 * Conditions on a record (a manipulator link's, an invoice rule's): rows of field path, operator and
 * value, joined by all/any. No rows means always. `errors` are the server's, by row ("0" or "0.value").
 * A suggested field with `options` gets a picker of them as its value for operators comparing whole
 * values (equals, is one of …); the row still holds the plain value, so saving is the same.
 *
 * The layout follows the editor's own width (a container query), not the window's: one line per
 * condition when there is room for readable paths and values, else the field on its own line above
 * operator and value, else (phones) one control per line.
 */
export function ConditionsEditor({
  rows,
  match,
  operators,
  paths,
  errors,
  disabled,
  onChange,
  everyText = "Applies to every record.",
  suggestions,
}: {
  rows: ConditionRow[];
  match: "all" | "any";
  operators: OperatorInfo[];
  /** Field paths of the preview record, offered while typing. */
  paths: string[];
  errors: Record<string, string[]>;
  disabled?: boolean;
  onChange: (rows: ConditionRow[], match: "all" | "any") => void;
  /** What no rows means, in the caller's words. */
  everyText?: string;
  /** Field paths with a description (and optionally the values they take), offered before `paths`. */
  suggestions?: FieldSuggestion[];
}) {
  const offered: FieldSuggestion[] = [...(suggestions ?? []), ...paths.filter((p) => !suggestions?.some((x) => x.path === p)).map((path) => ({ path, label: "" }))];
  const listId = `paths-${useId()}`;
  const byPath = new Map(offered.map((f) => [f.path, f]));
  const set = (i: number, patch: Partial<ConditionRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)), match);
  const byOp = new Map(operators.map((o) => [o.value, o]));
  return (
    <fieldset className="@container space-y-2" data-testid="conditions">
      <legend className="sr-only">Conditions</legend>
      <div className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
        {rows.length === 0 ? (
          <span className="text-slate-500">{everyText}</span>
        ) : (
          <>
            <span>Apply when</span>
            <select aria-label="Match" className="rounded-md border-0 bg-white py-1 pl-2 pr-7 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-inset focus:ring-brand-500" value={match} disabled={disabled} onChange={(e) => onChange(rows, e.target.value as "all" | "any")} data-testid="conditions-match">
              <option value="all">all</option>
              <option value="any">any</option>
            </select>
            <span>of these hold:</span>
          </>
        )}
      </div>
      {offered.length > 0 && (
        <datalist id={listId}>
          {offered.map((p) => (
            <option key={p.path} value={p.path}>
              {p.label || undefined}
            </option>
          ))}
        </datalist>
      )}
      {rows.map((r, i) => {
        const op = byOp.get(r.operator);
        const field = byPath.get(r.field.trim());
        const choices = op?.whole && field?.options?.length ? field.options : null;
        const rowErrors = Object.entries(errors)
          .filter(([k]) => k === String(i) || k.startsWith(`${i}.`))
          .flatMap(([k, m]) => m.map((msg) => (k === String(i) ? msg : `${k.slice(String(i).length + 1)}: ${msg}`)));
        return (
          // A small boxed group until the editor is wide enough for one line per condition.
          <div key={i} className="rounded-md p-2 ring-1 ring-slate-200 @4xl:p-0 @4xl:ring-0" data-testid="condition-row">
            <div className="grid grid-cols-1 gap-2 @md:grid-cols-[minmax(8rem,11rem)_minmax(0,1fr)_auto] @md:items-start @4xl:grid-cols-[minmax(0,1.3fr)_minmax(9rem,0.7fr)_minmax(0,1.3fr)_auto]">
              <input
                aria-label={`Field, condition ${i + 1}`}
                placeholder="Field path, e.g. orderStatus or customer.billingAddress.countryCode"
                className={cn(control, "font-mono @md:col-span-3 @4xl:col-span-1")}
                value={r.field}
                list={offered.length ? listId : undefined}
                disabled={disabled}
                onChange={(e) => set(i, { field: e.target.value })}
                autoComplete="off"
                spellCheck={false}
                title={field?.label || undefined}
              />
              <select aria-label={`Operator, condition ${i + 1}`} className={control} value={r.operator} disabled={disabled} onChange={(e) => set(i, { operator: e.target.value })}>
                {operators.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
              {op?.takes === "none" ? (
                <span className="hidden self-center px-1 text-xs text-slate-400 @md:block">no value</span>
              ) : choices ? (
                <ValuePicker label={`Value, condition ${i + 1}`} value={r.value} options={choices} multiple={op?.takes === "list"} unknownLabel={field?.unknownLabel} disabled={disabled} className={control} onChange={(value) => set(i, { value })} />
              ) : (
                <input
                  aria-label={`Value, condition ${i + 1}`}
                  className={control}
                  placeholder={op?.takes === "list" ? "a, b, c" : op?.takes === "days" ? "Days, e.g. 30" : "Value"}
                  inputMode={op?.takes === "days" ? "numeric" : undefined}
                  value={r.value}
                  disabled={disabled}
                  onChange={(e) => set(i, { value: e.target.value })}
                  autoComplete="off"
                />
              )}
              <span className="justify-self-end">
                <Button variant="ghost" size="sm" disabled={disabled} aria-label={`Remove condition ${i + 1}`} onClick={() => onChange(rows.filter((_, j) => j !== i), match)}>
                  ✕
                </Button>
              </span>
            </div>
            {rowErrors.length > 0 && (
              <p className="mt-1 text-sm text-red-700" data-testid="field-error">
                {rowErrors.join(" ")}
              </p>
            )}
          </div>
        );
      })}
      {!disabled && (
        <Button variant="secondary" size="sm" onClick={() => onChange([...rows, { field: "", operator: operators[0]?.value ?? "equals", value: "" }], match)} data-testid="add-condition">
          Add condition
        </Button>
      )}
    </fieldset>
  );
}
