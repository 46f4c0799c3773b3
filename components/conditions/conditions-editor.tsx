"use client";

import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { ConditionRow, OperatorInfo } from "./types";

const control = "block w-full min-w-0 rounded-md border-0 bg-white px-2.5 py-1.5 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-brand-500 disabled:bg-slate-50";

/**
 * Conditions on a record (a manipulator link's, an invoice rule's): rows of field path, operator and
 * value, joined by all/any. No rows means always. `errors` are the server's, by row ("0" or "0.value").
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
  /** Field paths with a description, offered before `paths`. */
  suggestions?: { path: string; label: string }[];
}) {
  const offered = [...(suggestions ?? []), ...paths.filter((p) => !suggestions?.some((x) => x.path === p)).map((path) => ({ path, label: "" }))];
  const listId = `paths-${rows.length}-${offered.length}`;
  const set = (i: number, patch: Partial<ConditionRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)), match);
  const byOp = new Map(operators.map((o) => [o.value, o]));
  return (
    <fieldset className="space-y-2" data-testid="conditions">
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
        const rowErrors = Object.entries(errors)
          .filter(([k]) => k === String(i) || k.startsWith(`${i}.`))
          .flatMap(([k, m]) => m.map((msg) => (k === String(i) ? msg : `${k.slice(String(i).length + 1)}: ${msg}`)));
        return (
          // On phones each condition is a small boxed group; from sm up, one row.
          <div key={i} className="rounded-md p-2 ring-1 ring-slate-200 sm:p-0 sm:ring-0" data-testid="condition-row">
            <div className="grid grid-cols-1 gap-2 sm:grid-cols-[minmax(0,1.2fr)_minmax(10rem,1fr)_minmax(0,1fr)_auto] sm:items-center">
              <input
                aria-label={`Field, condition ${i + 1}`}
                placeholder="Field path, e.g. orderStatus or customer.billingAddress.countryCode"
                className={cn(control, "font-mono")}
                value={r.field}
                list={offered.length ? listId : undefined}
                disabled={disabled}
                onChange={(e) => set(i, { field: e.target.value })}
                autoComplete="off"
                spellCheck={false}
              />
              <select aria-label={`Operator, condition ${i + 1}`} className={control} value={r.operator} disabled={disabled} onChange={(e) => set(i, { operator: e.target.value })}>
                {operators.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
              {op?.takes === "none" ? (
                <span className="hidden px-1 text-xs text-slate-400 sm:block">no value</span>
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
