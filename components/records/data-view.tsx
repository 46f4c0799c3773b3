import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import { fieldLabel, isPlainObject, orderedEntries, scalar, type Json } from "./format";

/** A number kept as a string ("12.50", "-3", "25") is right-aligned like a number. */
const numeric = (v: unknown) => typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v);
const str = (v: unknown) => (typeof v === "string" && v ? v : undefined);

/** A postal address as it would be written on an envelope, with contact details below. */
function Address({ value }: { value: Json }) {
  const lines = [
    str(value.name),
    str(value.company),
    str(value.street),
    str(value.street2),
    [str(value.postalCode), str(value.city)].filter(Boolean).join(" ") || undefined,
    str(value.region),
    str(value.countryCode),
  ].filter(Boolean);
  const contact = [str(value.phone), str(value.email)].filter(Boolean);
  const known = new Set(["name", "company", "street", "street2", "postalCode", "city", "region", "countryCode", "phone", "email"]);
  const rest = Object.fromEntries(Object.entries(value).filter(([k]) => !known.has(k)));
  return (
    <address className="not-italic leading-5">
      {lines.length === 0 && contact.length === 0 && <span className="text-slate-400">Empty</span>}
      {lines.map((l, i) => (
        <span key={i} className="block">
          {l}
        </span>
      ))}
      {contact.map((c, i) => (
        <span key={i} className="block text-slate-600">
          {c}
        </span>
      ))}
      {Object.keys(rest).length > 0 && <JsonValue value={rest} />}
    </address>
  );
}

/** Any JSON value, pretty: objects as nested key/value lists, lists of objects as tables. */
export function JsonValue({ value, name }: { value: unknown; name?: string }): ReactNode {
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="text-slate-400">None</span>;
    if (value.every(isPlainObject)) return <ObjectTable rows={value as Json[]} />;
    if (value.every((v) => !isPlainObject(v) && !Array.isArray(v))) return <span className="break-words">{value.map(scalar).join(", ")}</span>;
    return (
      <ol className="space-y-2">
        {value.map((v, i) => (
          <li key={i}>
            <JsonValue value={v} />
          </li>
        ))}
      </ol>
    );
  }
  if (isPlainObject(value)) {
    if (name && /address$/i.test(name)) return <Address value={value} />;
    const entries = orderedEntries(value);
    if (entries.length === 0) return <span className="text-slate-400">Empty</span>;
    return (
      <dl className="space-y-1 rounded-md bg-slate-50 px-3 py-2 text-sm">
        {entries.map(([k, v]) => (
          <div key={k} className="flex flex-wrap gap-x-3">
            <dt className="w-32 shrink-0 text-slate-500">{fieldLabel(k)}</dt>
            <dd className="min-w-0 flex-1 basis-40 break-words text-slate-900">
              <JsonValue value={v} name={k} />
            </dd>
          </div>
        ))}
      </dl>
    );
  }
  return <span className={cn(value === null || value === undefined || value === "" ? "text-slate-400" : undefined, numeric(value) && "tabular-nums")}>{scalar(value)}</span>;
}

/** Top-level fields of a record as a two-column key/value list. */
export function DataFields({ data, omit = [], testId }: { data: Json; omit?: string[]; testId?: string }) {
  const entries = orderedEntries(data).filter(([k]) => !omit.includes(k));
  if (entries.length === 0) return <p className="text-sm text-slate-500">No fields.</p>;
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-4 sm:grid-cols-2" data-testid={testId}>
      {entries.map(([k, v]) => {
        const wide = (isPlainObject(v) && !/address$/i.test(k)) || Array.isArray(v);
        return (
          <div key={k} className={cn("min-w-0", wide && "sm:col-span-2")} data-field={k}>
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{fieldLabel(k)}</dt>
            <dd className="mt-1 min-w-0 break-words text-sm text-slate-900">
              <JsonValue value={v} name={k} />
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

/**
 * A list of objects (order rows, payments, shipments) as a table: preferred columns first in the
 * given order, then any other keys the rows have. Values are shown exactly as stored.
 */
export function ObjectTable({ rows, columns = [], labels = {}, testId }: { rows: Json[]; columns?: string[]; labels?: Record<string, string>; testId?: string }) {
  const present = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const keys = [...columns.filter((c) => present.includes(c)), ...present.filter((k) => !columns.includes(k))];
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid={testId}>
        <thead>
          <tr>
            {keys.map((k) => (
              <th key={k} scope="col" className={cn("px-2 py-2 text-left align-bottom text-xs font-semibold text-slate-500 first:pl-0 last:pr-0", rows.some((r) => numeric(r[k])) && "text-right")}>
                {labels[k] ?? fieldLabel(k)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r, i) => (
            <tr key={i} className="align-top">
              {keys.map((k) => (
                <td key={k} className={cn("px-2 py-2 text-slate-800 first:pl-0 last:pr-0", numeric(r[k]) ? "whitespace-nowrap text-right tabular-nums" : "min-w-24")}>
                  <JsonValue value={r[k]} name={k} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
