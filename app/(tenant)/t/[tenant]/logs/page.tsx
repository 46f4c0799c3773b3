import type { Metadata } from "next";
import Link from "next/link";
import { EventList } from "@/components/tenant/logs/event-list";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/table";
import { forPage } from "@/lib/auth/page";
import { tenantScope } from "@/lib/auth/scopes";
import { listConnections } from "@/lib/services/connections/list";
import { listLogEvents } from "@/lib/services/log-events/list";

export const metadata: Metadata = { title: "Logs" };

type Search = { severity?: string; connectionId?: string; cursor?: string };

/** "?a=1&b=2" from the non-empty values, or "". */
function query(values: Record<string, string | undefined>): string {
  const q = new URLSearchParams(Object.entries(values).filter((e): e is [string, string] => Boolean(e[1])));
  return q.size ? `?${q}` : "";
}

export default async function LogsPage({ params, searchParams }: { params: Promise<{ tenant: string }>; searchParams: Promise<Search> }) {
  const { tenant: code } = await params;
  const sp = await searchParams;
  const ctx = await forPage(() => tenantScope(code, "tenant.read"));
  const [page, conns] = await Promise.all([forPage(() => listLogEvents({ ctx, input: sp })), listConnections({ db: ctx.db, tenantId: ctx.tenant.id })]);
  const filtered = Boolean(sp.severity || sp.connectionId);
  const base = `/t/${ctx.tenant.codeName}/logs`;
  const href = (cursor?: string) => `${base}${query({ severity: sp.severity, connectionId: sp.connectionId, cursor })}`;
  const select = "rounded-md border-0 bg-white px-3 py-2 text-sm shadow-sm ring-1 ring-inset ring-slate-300";
  return (
    <>
      <PageHeader title="Logs" description="Transfer reports, errors and events, newest first." />
      <form method="get" className="mb-4 flex flex-wrap items-end gap-2" data-testid="log-filters">
        <label className="text-sm">
          <span className="block text-xs font-medium text-slate-600">Severity</span>
          <select name="severity" defaultValue={sp.severity ?? ""} className={select}>
            <option value="">All</option>
            {["critical", "error", "warning", "info", "debug"].map((s) => (
              <option key={s} value={s}>{s[0].toUpperCase() + s.slice(1)}</option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="block text-xs font-medium text-slate-600">Connection</span>
          <select name="connectionId" defaultValue={sp.connectionId ?? ""} className={select}>
            <option value="">All connections</option>
            {conns.map((c) => (
              <option key={c.connectionId} value={c.connectionId}>{c.name}</option>
            ))}
          </select>
        </label>
        <button type="submit" className={buttonClass("secondary")}>Filter</button>
        {filtered && <Link href={base} className="px-2 py-2 text-sm text-slate-600 hover:text-slate-900">Clear</Link>}
      </form>
      {page.events.length === 0 ? (
        filtered ? (
          <EmptyState title="Nothing matches" description="No events with these filters." />
        ) : (
          <EmptyState title="No activity yet" description="Transfer reports, errors and events appear here, newest first, once a connection has run or an integration reports through POST /api/log/event." />
        )
      ) : (
        <EventList events={page.events.map((e) => ({ ...e, time: e.time.toISOString() }))} />
      )}
      <div className="mt-4 flex gap-3 text-sm">
        {sp.cursor && <Link href={href()} className="font-medium text-brand-700 hover:underline">← Newest</Link>}
        {page.nextCursor && <Link href={href(page.nextCursor)} className="font-medium text-brand-700 hover:underline">Older →</Link>}
      </div>
    </>
  );
}
