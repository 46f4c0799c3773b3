"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { DataTable, EmptyState } from "@/components/ui/table";
import type { TransferReport } from "@/lib/services/transfers/latest";
import { formatDateTime, formatDuration, reportHref, triggerLabels } from "./format";
import { connectionKey } from "@/lib/queries/connections";
import { TransferStatusBadge } from "./status";

type Page = { reports: TransferReport[]; nextCursor: string | null };

/** Every run of the connection's plugs, newest first, keyset "Load more"; refreshed by PlugCards while runs go on. */
export function RunHistory({ code, connectionId, plugNames, firstPage, load }: { code: string; connectionId: string; plugNames: Record<string, string>; firstPage: Page; load: (input: { connectionId: string; cursor?: string }) => Promise<Page> }) {
  const query = useInfiniteQuery({
    queryKey: [...connectionKey(code, connectionId), "transfers"],
    queryFn: ({ pageParam }) => load({ connectionId, cursor: pageParam ?? undefined }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    initialData: { pages: [firstPage], pageParams: [null] },
  });
  const rows = query.data.pages.flatMap((p) => p.reports);
  return (
    <div className="space-y-3">
      <DataTable
        testId="run-history"
        rows={rows}
        rowKey={(r) => r.id}
        columns={[
          {
            header: "Started",
            cell: (r) => (
              <span className="block">
                <Link href={reportHref(code, r)} className="font-medium text-brand-700 hover:underline">
                  {formatDateTime(r.start, { seconds: true })}
                </Link>
                {/* Phones hide the plug and trigger columns: both go under the time. */}
                <span className="block text-xs text-slate-500 md:hidden">
                  {plugNames[r.plug] ?? r.plug} · {triggerLabels[r.trigger] ?? r.trigger}
                </span>
              </span>
            ),
            className: "whitespace-nowrap",
          },
          { header: "Plug", cell: (r) => <span className="whitespace-nowrap text-slate-800">{plugNames[r.plug] ?? r.plug}</span>, hideOnMobile: true },
          { header: "Status", cell: (r) => <TransferStatusBadge status={r.status} /> },
          { header: "Records", cell: (r) => <RunCounts report={r} />, hideOnMobile: true },
          { header: "Trigger", cell: (r) => triggerLabels[r.trigger] ?? r.trigger, hideOnMobile: true },
          { header: "Duration", cell: (r) => (r.status === "running" ? "Running…" : formatDuration(r.start, r.end)), hideOnMobile: true },
        ]}
        empty={<EmptyState title="No runs yet" description="Enable a plug or use Run now; each run's report appears here." />}
      />
      {query.hasNextPage && (
        <Button variant="secondary" onClick={() => query.fetchNextPage()} disabled={query.isFetchingNextPage}>
          {query.isFetchingNextPage ? "Loading…" : "Load more"}
        </Button>
      )}
    </div>
  );
}

/** The history's compact counts; the full sentence is on the report. */
function RunCounts({ report }: { report: TransferReport }) {
  return (
    <span className="whitespace-nowrap text-sm text-slate-600" title={`${report.numSucceeded} succeeded, ${report.numFailed} failed, ${report.numIgnored} ignored of ${report.numConsidered}`} data-testid="transfer-counts">
      <span className="font-medium text-emerald-700" data-testid="num-succeeded">{report.numSucceeded}</span> ok · <span className={report.numFailed ? "font-medium text-red-700" : ""} data-testid="num-failed">{report.numFailed}</span> failed
      {report.numIgnored > 0 && <> · {report.numIgnored} ignored</>}
    </span>
  );
}
