"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, DescriptionList } from "@/components/ui/card";
import { DataTable, EmptyState } from "@/components/ui/table";
import { formatDateTime, formatDuration, recordTypeLabel, triggerLabels } from "./format";
import { connectionKey, fetchTransferPage, transferPageUrl, type TransferPage, type TransferRecord } from "@/lib/queries/connections";
import { TransferCounts, TransferStatusBadge } from "./status";

const outcomes = [
  { value: "", label: "All" },
  { value: "failed", label: "Failed" },
  { value: "succeeded", label: "Succeeded" },
  { value: "ignored", label: "Ignored" },
];
const outcomeTone = { succeeded: "green", failed: "red", ignored: "gray" } as const;

/**
 * A transfer report: summary, session errors and the per-record outcomes (filter, "Load more"
 * after the last seq). While the run goes on, every loaded page is polled so counts and rows grow.
 */
export function TransferReportView({ code, connectionId, reportId, plugName, first, recordHref }: { code: string; connectionId: string; reportId: string; plugName: string; first: TransferPage; recordHref: string }) {
  const [outcome, setOutcome] = useState("");
  const query = useInfiniteQuery({
    queryKey: [...connectionKey(code, connectionId), "report", reportId, outcome],
    queryFn: ({ pageParam }) => fetchTransferPage(transferPageUrl(code, connectionId, reportId, { outcome, after: pageParam })),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.nextAfter,
    initialData: outcome ? undefined : { pages: [first], pageParams: [null] },
    refetchInterval: (q) => (q.state.data?.pages[0]?.status === "running" ? 1500 : false),
  });
  const report = query.data?.pages[0] ?? first;
  const rows = query.data?.pages.flatMap((p) => p.records) ?? [];
  return (
    <div className="space-y-6">
      <Card title="Summary" actions={<TransferStatusBadge status={report.status} />}>
        <div className="space-y-4">
          <TransferCounts report={report} />

          <DescriptionList
            items={[
              { label: "Plug", value: `${plugName} · ${report.direction === "import" ? "Import" : "Export"} of ${recordTypeLabel(report.recordType).toLowerCase()}s` },
              { label: "Trigger", value: triggerLabels[report.trigger] ?? report.trigger },
              { label: "Started", value: formatDateTime(report.start) },
              { label: "Ended", value: report.end ? formatDateTime(report.end) : "Still running" },
              { label: "Duration", value: report.status === "running" ? "Running…" : formatDuration(report.start, report.end) },
              { label: "Considered", value: String(report.numConsidered) },
              { label: "Manipulator chain", value: report.chainVersion ? `Version ${report.chainVersion}` : "None" },
            ]}
          />
        </div>
      </Card>
      {report.sessionErrors.length > 0 && (
        <Card title="Session errors" description="Problems with the run as a whole rather than one record.">
          <ul className="space-y-2 text-sm" data-testid="session-errors">
            {report.sessionErrors.map((e, i) => (
              <li key={i} className="rounded-md bg-red-50 px-3 py-2 text-red-800 ring-1 ring-inset ring-red-200">
                <span className="font-mono text-xs text-red-700">{formatDateTime(e.at)}</span> <Badge tone="red">{e.kind}</Badge> <span className="break-words">{e.message}</span>
              </li>
            ))}
          </ul>
        </Card>
      )}
      <section aria-labelledby="records-heading" className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="records-heading" className="text-base font-semibold text-slate-900">Records</h2>
          <div role="group" aria-label="Outcome" className="inline-flex overflow-hidden rounded-md shadow-sm ring-1 ring-slate-300" data-testid="outcome-filter">
            {outcomes.map((o) => (
              <button
                key={o.value}
                type="button"
                aria-pressed={outcome === o.value}
                onClick={() => setOutcome(o.value)}
                className={outcome === o.value ? "bg-brand-600 px-3 py-1.5 text-xs font-medium text-white" : "bg-white px-3 py-1.5 text-xs font-medium text-slate-700 hover:bg-slate-50"}
              >
                {o.label}
              </button>
            ))}
          </div>
        </div>
        {query.isPending ? (
          <p className="text-sm text-slate-500">Loading…</p>
        ) : (
          <DataTable<TransferRecord>
            testId="transfer-records"
            rows={rows}
            rowKey={(r) => `${r.at}/${r.remoteId}/${r.localId}/${r.outcome}`}
            columns={[
              {
                header: "Record",
                cell: (r) => {
                  const label = r.displayId ?? r.remoteId ?? r.localId ?? "—";
                  return (
                    <span className="flex flex-col items-start gap-1">
                      {r.localId ? (
                        <Link href={`${recordHref}/${r.localId}`} className="font-medium text-brand-700 hover:underline">
                          {label}
                        </Link>
                      ) : (
                        <span className="font-medium text-slate-800">{label}</span>
                      )}
                      <span className="md:hidden">
                        <OutcomeBadge outcome={r.outcome} />
                      </span>
                    </span>
                  );
                },
                className: "whitespace-nowrap",
              },
              { header: "Outcome", cell: (r) => <OutcomeBadge outcome={r.outcome} />, hideOnMobile: true },
              { header: "Message", cell: (r) => <span className="block break-words text-slate-700 md:min-w-48">{r.message ?? "—"}</span> },
              { header: "Remote id", cell: (r) => <code className="font-mono text-xs">{r.remoteId ?? "—"}</code>, hideOnMobile: true },
              { header: "At", cell: (r) => <span className="whitespace-nowrap text-xs text-slate-500">{formatDateTime(r.at)}</span>, hideOnMobile: true },
            ]}
            empty={<EmptyState title={outcome ? `No ${outcome} records` : "No records yet"} description={report.status === "running" ? "Records appear here as the run goes." : "This run did not touch any records."} />}
          />
        )}
        {query.hasNextPage && (
          <Button variant="secondary" onClick={() => query.fetchNextPage()} disabled={query.isFetchingNextPage}>
            {query.isFetchingNextPage ? "Loading…" : "Load more"}
          </Button>
        )}
      </section>
    </div>
  );
}

function OutcomeBadge({ outcome }: { outcome: string }) {
  return <Badge tone={outcomeTone[outcome as keyof typeof outcomeTone] ?? "gray"}>{outcome.charAt(0).toUpperCase() + outcome.slice(1)}</Badge>;
}
