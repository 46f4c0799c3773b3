import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/form";
import { statusLabel } from "./status";

export type FilterValues = { q?: string; status?: string; connection?: string; from?: string; to?: string; archived?: string };

/**
 * The list's search and filters as a plain GET form, so every result is a URL that can be shared
 * or bookmarked. Submitting starts again from the newest record.
 */
export function RecordFilters({ action, values, statuses, connections, searchHint }: { action: string; values: FilterValues; statuses: string[]; connections: { id: string; name: string }[]; searchHint: string }) {
  // A shared URL may name a status or connection this list no longer offers; keep it selectable.
  const statusOptions = [...new Set([...statuses, ...(values.status ? [values.status] : [])])];
  const connectionOptions = !values.connection || connections.some((c) => c.id === values.connection) ? connections : [...connections, { id: values.connection, name: values.connection }];
  const filtered = Object.entries(values).some(([k, v]) => v && !(k === "archived" && v === "exclude"));
  return (
    <form method="get" action={action} role="search" className="mb-6 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200" data-testid="record-filters">
      <div className="grid grid-cols-2 gap-x-3 gap-y-3 sm:gap-x-4 lg:grid-cols-4">
        <div className="col-span-2">
          <TextField name="q" label="Search" type="search" defaultValue={values.q ?? ""} placeholder={searchHint} autoComplete="off" />
        </div>
        <SelectField name="status" label="Status" defaultValue={values.status ?? ""} options={[{ value: "", label: "Any status" }, ...statusOptions.map((s) => ({ value: s, label: statusLabel(s) }))]} />
        <SelectField name="connection" label="Source" defaultValue={values.connection ?? ""} options={[{ value: "", label: "Any source" }, ...connectionOptions.map((c) => ({ value: c.id, label: c.name }))]} />
        <TextField name="from" label="Modified from" type="date" defaultValue={values.from ?? ""} />
        <TextField name="to" label="Modified to" type="date" defaultValue={values.to ?? ""} />
        <SelectField
          name="archived"
          label="Archived"
          defaultValue={values.archived ?? "exclude"}
          options={[
            { value: "exclude", label: "Hide archived" },
            { value: "include", label: "Include archived" },
            { value: "only", label: "Only archived" },
          ]}
        />
        <div className="flex items-end justify-end gap-2">
          {filtered && (
            <Link href={action} className={buttonClass("ghost")}>
              Clear
            </Link>
          )}
          <button type="submit" className={buttonClass("primary", "w-full sm:w-auto")}>
            Search
          </button>
        </div>
      </div>
    </form>
  );
}
