import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/form";

export type FilterValues = { q?: string; status?: string; connection?: string; from?: string; to?: string; archived?: string };

/**
 * The list's search and filters as a plain GET form, so every result is a URL that can be shared
 * or bookmarked. Submitting starts again from the newest record.
 */
export function RecordFilters({ action, values, statuses, connections, searchHint }: { action: string; values: FilterValues; statuses: string[]; connections: { id: string; name: string }[]; searchHint: string }) {
  const statusOptions = [...new Set([...statuses, ...(values.status ? [values.status] : [])])];
  const connectionOptions = connections.some((c) => c.id === values.connection) || !values.connection ? connections : [...connections, { id: values.connection, name: values.connection }];
  const filtered = Object.values(values).some((v) => v && v !== "exclude");
  return (
    <form method="get" action={action} role="search" className="mb-6 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200" data-testid="record-filters">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-6">
        <div className="sm:col-span-2 lg:col-span-2">
          <TextField name="q" label="Search" type="search" defaultValue={values.q ?? ""} placeholder={searchHint} autoComplete="off" />
        </div>
        <SelectField name="status" label="Status" defaultValue={values.status ?? ""} options={[{ value: "", label: "Any status" }, ...statusOptions.map((s) => ({ value: s, label: s }))]} />
        <SelectField name="connection" label="Source" defaultValue={values.connection ?? ""} options={[{ value: "", label: "Any source" }, ...connectionOptions.map((c) => ({ value: c.id, label: c.name }))]} />
        <TextField name="from" label="Modified from" type="date" defaultValue={values.from ?? ""} />
        <TextField name="to" label="Modified to" type="date" defaultValue={values.to ?? ""} />
      </div>
      <div className="mt-4 flex flex-wrap items-end justify-between gap-3">
        <div className="w-full sm:w-56">
          <SelectField
            name="archived"
            label="Archived records"
            defaultValue={values.archived ?? "exclude"}
            options={[
              { value: "exclude", label: "Hide archived" },
              { value: "include", label: "Show archived too" },
              { value: "only", label: "Only archived" },
            ]}
          />
        </div>
        <div className="flex gap-2">
          {filtered && (
            <Link href={action} className={buttonClass("ghost")}>
              Clear
            </Link>
          )}
          <button type="submit" className={buttonClass("primary")}>
            Search
          </button>
        </div>
      </div>
    </form>
  );
}
