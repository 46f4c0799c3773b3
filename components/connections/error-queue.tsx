"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable, EmptyState } from "@/components/ui/table";
import type { ActionResult } from "@/lib/actions/result";
import { formatDateTime, recordTypeLabel } from "./format";

export type ErrorItem = {
  id: string;
  connectionId: string;
  connectionName: string | null;
  plugName: string;
  recordType: string;
  remoteId: string | null;
  localId: string | null;
  displayId: string | null;
  status: string;
  message: string;
  attempts: number;
  lastFailedAt: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
};

const statusBadge: Record<string, { label: string; tone: "red" | "blue" | "green" }> = {
  open: { label: "Open", tone: "red" },
  retried: { label: "Retrying…", tone: "blue" },
  resolved: { label: "Resolved", tone: "green" },
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * The error queue table: pick rows (or one row's buttons) to retry with the plug's current settings
 * or resolve by hand. While anything is being retried the page refreshes itself until the runs end.
 */
export function ErrorQueue({ code, items, canWrite, emptyTitle, emptyDescription, retry, resolve }: { code: string; items: ErrorItem[]; canWrite: boolean; emptyTitle: string; emptyDescription: string; retry: (ids: string[]) => Promise<ActionResult<{ runs: number; items: number }>>; resolve: (ids: string[]) => Promise<ActionResult<{ items: number }>> }) {
  const router = useRouter();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [flash, setFlash] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();
  const actionable = items.filter((i) => i.status !== "resolved");
  const retrying = items.some((i) => i.status === "retried");

  useEffect(() => {
    if (!retrying) return;
    const timer = setInterval(() => router.refresh(), 2000);
    return () => clearInterval(timer);
  }, [retrying, router]);

  // Rows that left the list (resolved, filtered away) cannot stay selected.
  const picked = [...selected].filter((id) => actionable.some((i) => i.id === id));

  const run = (kind: "retry" | "resolve", ids: string[]) =>
    start(async () => {
      setFlash(null);
      if (kind === "retry") {
        const r = await retry(ids);
        setFlash(r.ok ? { ok: true, text: `Queued ${plural(r.data.items, "record")} for a retry (${plural(r.data.runs, "run")}).` } : { ok: false, text: r.error });
      } else {
        const r = await resolve(ids);
        setFlash(r.ok ? { ok: true, text: `Resolved ${plural(r.data.items, "record")}.` } : { ok: false, text: r.error });
      }
      setSelected(new Set());
      router.refresh();
    });

  const toggle = (id: string, on: boolean) => setSelected((s) => { const n = new Set(s); if (on) n.add(id); else n.delete(id); return n; });

  return (
    <div className="space-y-3">
      {flash && (
        <p className={flash.ok ? "rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ring-1 ring-inset ring-emerald-200" : "rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-inset ring-red-200"} data-testid="error-queue-flash">
          {flash.text}
        </p>
      )}
      {canWrite && actionable.length > 0 && (
        <div className="flex flex-wrap items-center justify-between gap-3 rounded-lg bg-white px-4 py-3 shadow-sm ring-1 ring-slate-200">
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" className="h-4 w-4 rounded border-slate-300 text-brand-600" checked={picked.length === actionable.length} onChange={(e) => setSelected(new Set(e.target.checked ? actionable.map((i) => i.id) : []))} aria-label="Select all" />
            {picked.length ? `${picked.length} selected` : "Select all"}
          </label>
          <span className="flex gap-2">
            <Button variant="secondary" size="sm" disabled={pending || !picked.length} onClick={() => run("resolve", picked)} data-testid="resolve-selected">
              Resolve selected
            </Button>
            <Button size="sm" disabled={pending || !picked.length} onClick={() => run("retry", picked)} data-testid="retry-selected">
              Retry selected
            </Button>
          </span>
        </div>
      )}
      <DataTable
        testId="error-queue"
        rows={items}
        rowKey={(i) => i.id}
        columns={[
          ...(canWrite && actionable.length
            ? [
                {
                  header: " ",
                  className: "w-8",
                  cell: (i: ErrorItem) =>
                    i.status !== "resolved" && <input type="checkbox" className="h-4 w-4 rounded border-slate-300 text-brand-600" checked={selected.has(i.id)} onChange={(e) => toggle(i.id, e.target.checked)} aria-label={`Select ${i.displayId ?? i.remoteId ?? "—"}`} />,
                },
              ]
            : []),
          {
            header: "Record",
            cell: (i) => (
              <span className="block whitespace-nowrap">
                {i.localId ? (
                  <Link href={`/t/${code}/records/${i.recordType}/${i.localId}`} className="font-medium text-brand-700 hover:underline" data-testid="error-record">
                    {i.displayId ?? i.remoteId ?? "—"}
                  </Link>
                ) : (
                  <span className="font-medium text-slate-900" data-testid="error-record">{i.displayId ?? i.remoteId ?? "—"}</span>
                )}
                <span className="block text-xs text-slate-500">{recordTypeLabel(i.recordType)}</span>
                {/* Phones have no Where and Status columns: the essentials go under the record. */}
                <span className="mt-1 block md:hidden">
                  <ErrorStatus item={i} />
                </span>
              </span>
            ),
          },
          {
            header: "Where",
            hideOnMobile: true,
            cell: (i) => (
              <span className="text-sm">
                <Link href={`/t/${code}/connections/${i.connectionId}`} className="whitespace-nowrap text-slate-800 hover:underline">{i.connectionName ?? i.connectionId}</Link>
                <span className="block whitespace-nowrap text-xs text-slate-500">{i.plugName}</span>
              </span>
            ),
          },
          { header: "Message", cell: (i) => <span className="block max-w-xl break-words text-slate-700 md:min-w-48" data-testid="error-message">{i.message}</span> },
          {
            header: "Attempts",
            hideOnMobile: true,
            cell: (i) => (
              <span className="block whitespace-nowrap">
                <span className="font-medium text-slate-800" data-testid="error-attempts">{i.attempts}</span>
                <span className="block text-xs text-slate-500" title="Last failed">{formatDateTime(i.lastFailedAt)}</span>
              </span>
            ),
          },
          { header: "Status", cell: (i) => <ErrorStatus item={i} testId="error-status" />, hideOnMobile: true },
          ...(canWrite
            ? [
                {
                  header: "Actions",
                  hideOnMobile: true,
                  cell: (i: ErrorItem) =>
                    i.status !== "resolved" && (
                      <span className="flex gap-1.5">
                        <Button size="sm" variant="secondary" disabled={pending || i.status === "retried"} onClick={() => run("retry", [i.id])} data-testid="retry-one">
                          Retry
                        </Button>
                        <Button size="sm" variant="ghost" disabled={pending} onClick={() => run("resolve", [i.id])} data-testid="resolve-one">
                          Resolve
                        </Button>
                      </span>
                    ),
                },
              ]
            : []),
        ]}
        empty={<EmptyState title={emptyTitle} description={emptyDescription} />}
      />
    </div>
  );
}

function ErrorStatus({ item, testId }: { item: ErrorItem; testId?: string }) {
  const s = statusBadge[item.status] ?? { label: item.status, tone: "red" as const };
  return (
    <span className="whitespace-nowrap" data-testid={testId} data-status={item.status} title={item.resolvedBy ? `Resolved ${formatDateTime(item.resolvedAt)} by ${item.resolvedBy}` : undefined}>
      <Badge tone={s.tone}>{s.label}</Badge>
    </span>
  );
}
