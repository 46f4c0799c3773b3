import Link from "next/link";
import type { TransferReport } from "@/lib/services/transfers/latest";
import { formatDateTime, reportHref } from "./format";
import { TransferCounts, TransferStatusBadge } from "./status";

/** One transfer in a plug card: status, counts, when, and the way to its report. */
export function TransferSummary({ code, label, report, testId }: { code: string; label: string; report: TransferReport | null; testId: string }) {
  return (
    <div className="min-w-0 rounded-md bg-slate-50 px-3 py-2.5 ring-1 ring-inset ring-slate-200" data-testid={testId}>
      <div className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</div>
      {report ? (
        <div className="mt-1.5 space-y-1">
          <div className="flex flex-wrap items-center gap-2">
            <TransferStatusBadge status={report.status} />
            <Link href={reportHref(code, report)} className="text-sm font-medium text-brand-700 hover:underline" data-testid="report-link">
              View report
            </Link>
          </div>
          <TransferCounts report={report} />
          <div className="text-xs text-slate-500">
            {report.status === "running" ? "Started" : "Ran"} {formatDateTime(report.start)}
          </div>
        </div>
      ) : (
        <p className="mt-1.5 text-sm text-slate-500">None yet</p>
      )}
    </div>
  );
}
