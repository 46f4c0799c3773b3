"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/table";
import type { AuditRow } from "@/lib/services/audit/list";

type Page = { rows: AuditRow[]; nextCursor: string | null };
type Loader = (input: { cursor?: string; action?: string }) => Promise<Page>;

/**
 * The audit trail for any scope (platform, reseller, tenant): newest first, filter by action,
 * keyset "load more", and each entry expands to show what changed.
 */
export function AuditLog({ scopeKey, load, firstPage, showTenant }: { scopeKey: string; load: Loader; firstPage: Page; showTenant?: boolean }) {
  const [action, setAction] = useState("");
  const [applied, setApplied] = useState("");
  const query = useInfiniteQuery({
    queryKey: ["audit", scopeKey, applied],
    queryFn: ({ pageParam }) => load({ cursor: pageParam ?? undefined, action: applied || undefined }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    initialData: applied ? undefined : { pages: [firstPage], pageParams: [null] },
  });
  const rows = query.data?.pages.flatMap((p) => p.rows) ?? [];
  return (
    <div className="space-y-4">
      <form
        className="flex flex-wrap gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          setApplied(action.trim());
        }}
      >
        <input
          value={action}
          onChange={(e) => setAction(e.target.value)}
          placeholder="Filter by action, e.g. tenant_user"
          aria-label="Filter by action"
          className="w-72 max-w-full rounded-md border-0 px-3 py-2 text-sm shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500"
        />
        <Button type="submit" variant="secondary">Filter</Button>
        {applied && (
          <Button variant="ghost" onClick={() => { setAction(""); setApplied(""); }}>
            Clear
          </Button>
        )}
      </form>
      {query.isPending ? (
        <p className="text-sm text-slate-500">Loading…</p>
      ) : query.isError ? (
        <p className="text-sm text-red-700">Could not load the audit log. Try again.</p>
      ) : rows.length === 0 ? (
        <EmptyState title="No audit entries" description={applied ? "Nothing matches this filter." : "Changes made by people and the system will show up here."} />
      ) : (
        <ol className="divide-y divide-slate-100 overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-slate-200" data-testid="audit-log">
          {rows.map((r) => (
            <AuditItem key={r.id} row={r} showTenant={showTenant} />
          ))}
        </ol>
      )}
      {query.hasNextPage && (
        <Button variant="secondary" onClick={() => query.fetchNextPage()} disabled={query.isFetchingNextPage}>
          {query.isFetchingNextPage ? "Loading…" : "Load more"}
        </Button>
      )}
    </div>
  );
}

function AuditItem({ row, showTenant }: { row: AuditRow; showTenant?: boolean }) {
  const changes = diff(row.before, row.after);
  return (
    <li className="px-4 py-3 text-sm">
      <details>
        <summary className="flex cursor-pointer list-none flex-wrap items-center gap-x-3 gap-y-1">
          <time className="w-40 shrink-0 font-mono text-xs text-slate-500" dateTime={row.createdAt}>
            {row.createdAt.replace("T", " ").slice(0, 19)} UTC
          </time>
          <Badge tone={row.action.endsWith("deactivate") || row.action.endsWith("delete") ? "red" : row.action.includes("login_as") ? "amber" : "blue"}>{row.action}</Badge>
          <span className="text-slate-800">{row.targetLabel || row.targetId}</span>
          {showTenant && row.tenantCode && <span className="text-xs text-slate-500">in {row.tenantCode}</span>}
          <span className="ml-auto text-xs text-slate-500">
            by <span className="font-medium text-slate-700">{row.actorLabel}</span>
            {row.onBehalfOf && <> as {row.onBehalfOf}</>}
          </span>
        </summary>
        <div className="mt-2 rounded-md bg-slate-50 p-3 text-xs">
          {changes.length === 0 ? (
            <p className="text-slate-500">No field changes recorded.</p>
          ) : (
            <table className="w-full">
              <thead>
                <tr className="text-left text-slate-500"><th className="pr-3 font-medium">Field</th><th className="pr-3 font-medium">Before</th><th className="font-medium">After</th></tr>
              </thead>
              <tbody>
                {changes.map((c) => (
                  <tr key={c.key} className="align-top">
                    <td className="pr-3 font-mono text-slate-700">{c.key}</td>
                    <td className="pr-3 font-mono text-red-700 break-all">{fmt(c.before)}</td>
                    <td className="font-mono text-emerald-700 break-all">{fmt(c.after)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {row.ip && <p className="mt-2 text-slate-400">From {row.ip}</p>}
        </div>
      </details>
    </li>
  );
}

const ignored = new Set(["updatedAt", "createdAt"]);

function diff(before: unknown, after: unknown): { key: string; before: unknown; after: unknown }[] {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  return [...new Set([...Object.keys(b), ...Object.keys(a)])]
    .filter((k) => !ignored.has(k) && JSON.stringify(b[k]) !== JSON.stringify(a[k]))
    .map((k) => ({ key: k, before: b[k], after: a[k] }));
}

function fmt(v: unknown): string {
  if (v === undefined) return "—";
  return typeof v === "string" ? v : JSON.stringify(v);
}
