import type { ReactNode } from "react";
import { PageHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/table";

export type Section = {
  title: string;
  summary: string;
  explanation: string;
  highlights: { title: string; body: string }[];
  empty: { title: string; description: string };
  /** A tenant option the section depends on; without it the page says so. */
  option?: { code: string; missing: string };
};

/**
 * The frame of a console section that has no content yet: what the section is for, what it will
 * show, and an honest empty state.
 */
export function SectionPage({ section, enabledOptions, emptyAction }: { section: Section; enabledOptions: string[]; emptyAction?: ReactNode }) {
  const missingOption = section.option && !enabledOptions.includes(section.option.code);
  return (
    <>
      <PageHeader title={section.title} description={section.summary} />
      <p className="mb-6 max-w-3xl text-sm leading-6 text-slate-600" data-testid="section-explanation">
        {section.explanation}
      </p>
      {missingOption && (
        <p className="mb-6 rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-inset ring-amber-200" data-testid="option-missing">
          {section.option!.missing}
        </p>
      )}
      <EmptyState title={section.empty.title} description={section.empty.description} action={emptyAction} />
      <dl className="mt-6 grid gap-4 md:grid-cols-3">
        {section.highlights.map((h) => (
          <div key={h.title} className="rounded-lg bg-white px-5 py-4 shadow-sm ring-1 ring-slate-200">
            <dt className="text-sm font-semibold text-slate-900">{h.title}</dt>
            <dd className="mt-1 text-sm text-slate-600">{h.body}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
