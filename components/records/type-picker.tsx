import Link from "next/link";
import { cn } from "@/components/ui/cn";
import { consoleRecordTypes } from "./types";

/** The record types as cards, each with how many records the tenant has of it. */
export function RecordTypePicker({ base, counts }: { base: string; counts: Record<string, number> }) {
  return (
    <ul className="grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-4" data-testid="record-types">
      {consoleRecordTypes.map((t) => {
        const n = counts[t.type] ?? 0;
        return (
          <li key={t.type}>
            <Link
              href={`${base}/${t.type}`}
              className="group flex h-full flex-col rounded-lg bg-white p-4 shadow-sm sm:p-5 ring-1 ring-slate-200 transition hover:ring-brand-300 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500"
              data-testid={`record-type-${t.type}`}
            >
              <span className="flex flex-col gap-1 sm:flex-row sm:items-baseline sm:justify-between sm:gap-3">
                <span className="text-sm font-semibold text-slate-900 group-hover:text-brand-700">{t.label}</span>
                <span className={cn("text-2xl font-semibold tabular-nums", n ? "text-slate-900" : "text-slate-300")} data-testid="record-count">
                  {n.toLocaleString("en-US")}
                </span>
              </span>
              <span className="mt-1 hidden text-sm text-slate-500 sm:block">{t.description}</span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

/** A row of links between the record types, for the list and detail pages. */
export function RecordTypeTabs({ base, current }: { base: string; current: string }) {
  return (
    <nav aria-label="Record types" className="-mx-4 mb-6 overflow-x-auto px-4 sm:mx-0 sm:px-0">
      <ul className="flex w-max gap-1 border-b border-slate-200 sm:w-auto sm:flex-wrap">
        {consoleRecordTypes.map((t) => (
          <li key={t.type}>
            <Link
              href={`${base}/${t.type}`}
              aria-current={t.type === current ? "page" : undefined}
              className={cn(
                "-mb-px block whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium",
                t.type === current ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900",
              )}
            >
              {t.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
