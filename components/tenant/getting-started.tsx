import Link from "next/link";
import { Badge } from "@/components/ui/badge";

export type Step = { href: string; title: string; description: string; status: { label: string; tone: "green" | "gray" | "amber" }; cta: string };

/** Next steps on the dashboard, each with an honest status of what is set up. */
export function GettingStarted({ steps }: { steps: Step[] }) {
  return (
    <ol className="grid gap-4 md:grid-cols-3" data-testid="getting-started">
      {steps.map((s, i) => (
        <li key={s.href} className="flex flex-col rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
          <div className="flex items-center justify-between gap-2">
            <span className="flex h-7 w-7 items-center justify-center rounded-full bg-brand-50 text-sm font-semibold text-brand-700" aria-hidden>
              {i + 1}
            </span>
            <Badge tone={s.status.tone}>{s.status.label}</Badge>
          </div>
          <h3 className="mt-3 text-sm font-semibold text-slate-900">{s.title}</h3>
          <p className="mt-1 flex-1 text-sm text-slate-600">{s.description}</p>
          <Link href={s.href} className="mt-4 text-sm font-medium text-brand-700 hover:text-brand-600">
            {s.cta} <span aria-hidden>→</span>
          </Link>
        </li>
      ))}
    </ol>
  );
}
