"use client";

import { cn } from "@/components/ui/cn";
import { listItems, listValue } from "./rows";
import type { FieldOption } from "./types";

const optionText = (o: FieldOption) => (o.hint ? `${o.label} (${o.hint})` : o.label);

/**
 * A condition's value picked from its field's options: one (a select) or several for a list
 * operator (checkboxes). The value stays what the row holds (an option's `value`, lists
 * comma-separated), so saving is unchanged. A value that is not among the options (e.g. an id whose
 * object was deleted) is shown as `${unknownLabel} ${value}` and stays until the user changes it.
 */
export function ValuePicker({
  label,
  value,
  options,
  multiple,
  unknownLabel = "Unknown value",
  disabled,
  className,
  onChange,
}: {
  /** The accessible name, e.g. "Value, condition 2". */
  label: string;
  value: string;
  options: FieldOption[];
  multiple: boolean;
  unknownLabel?: string;
  disabled?: boolean;
  /** Classes of a text control, for the select. */
  className: string;
  onChange: (value: string) => void;
}) {
  const known = new Set(options.map((o) => o.value));
  if (!multiple) {
    const unknown = value !== "" && !known.has(value);
    return (
      <select aria-label={label} className={cn(className, unknown && "text-amber-800")} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)} title={unknown ? `${unknownLabel} ${value}` : undefined} data-testid="value-picker" data-unknown={unknown || undefined}>
        {value === "" && <option value="">Choose…</option>}
        {unknown && <option value={value}>{`${unknownLabel} ${value}`}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {optionText(o)}
          </option>
        ))}
      </select>
    );
  }
  const chosen = listItems(value);
  const unknown = chosen.filter((v) => !known.has(v));
  // Options in their own order, then the unknown ones as they were.
  const toggle = (v: string, on: boolean) => {
    const next = new Set(on ? [...chosen, v] : chosen.filter((x) => x !== v));
    onChange(listValue([...options.map((o) => o.value).filter((x) => next.has(x)), ...unknown.filter((x) => next.has(x))]));
  };
  const rows = [...unknown.map((v) => ({ value: v, text: `${unknownLabel} ${v}`, hint: undefined, unknown: true })), ...options.map((o) => ({ value: o.value, text: o.label, hint: o.hint, unknown: false }))];
  return (
    <div
      role="group"
      aria-label={label}
      className={cn("max-h-44 min-w-0 space-y-1 overflow-y-auto rounded-md bg-white px-2.5 py-1.5 shadow-sm ring-1 ring-inset ring-slate-300", disabled && "bg-slate-50")}
      data-testid="value-picker"
    >
      {chosen.length === 0 && <p className="text-xs text-slate-500">Choose one or more:</p>}
      {rows.map((o) => (
        <label key={o.value} className="flex items-start gap-2 text-sm">
          <input type="checkbox" className="mt-0.5 h-4 w-4 shrink-0 rounded border-slate-300 text-brand-600 disabled:opacity-60" checked={chosen.includes(o.value)} disabled={disabled} onChange={(e) => toggle(o.value, e.target.checked)} />
          <span className={cn("min-w-0 [overflow-wrap:anywhere]", o.unknown ? "text-amber-800" : "text-slate-900")} data-unknown={o.unknown || undefined}>
            {o.text}
            {o.hint && <span className="text-slate-500"> ({o.hint})</span>}
          </span>
        </label>
      ))}
    </div>
  );
}
