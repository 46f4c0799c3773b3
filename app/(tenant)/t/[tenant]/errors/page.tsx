import type { Metadata } from "next";
import Link from "next/link";
import { ErrorQueue } from "@/components/connections/error-queue";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { SelectField } from "@/components/ui/form";
import { forPage } from "@/lib/auth/page";
import { tenantRoleCan } from "@/lib/auth/permissions";
import { tenantScope } from "@/lib/auth/scopes";
import { connectorByKey, plugOf } from "@/lib/connectors/registry";
import { listConnections } from "@/lib/services/connections/list";
import { listErrors } from "@/lib/services/error-queue/list";
import { resolveErrorsAction, retryErrorsAction } from "../connections/actions";

export const metadata: Metadata = { title: "Error queue" };

type Search = { status?: string; connectionId?: string; cursor?: string };

const statuses = [
  { value: "open", label: "Open and retrying" },
  { value: "retried", label: "Retrying" },
  { value: "resolved", label: "Resolved" },
  { value: "all", label: "All" },
];

function query(values: Record<string, string | undefined>): string {
  const q = new URLSearchParams(Object.entries(values).filter((e): e is [string, string] => Boolean(e[1])));
  return q.size ? `?${q}` : "";
}

export default async function ErrorQueuePage({ params, searchParams }: { params: Promise<{ tenant: string }>; searchParams: Promise<Search> }) {
  const { tenant: code } = await params;
  const sp = await searchParams;
  const ctx = await forPage(() => tenantScope(code, "tenant.read"));
  const t = ctx.tenant.codeName;
  const status = statuses.some((s) => s.value === sp.status) ? sp.status! : "open";
  // Entries being retried stay in view on the default page until their run opens or resolves them;
  // there are only ever a few, so their first page is enough.
  const withRetried = status === "open" && !sp.cursor;
  const [page, retried, conns] = await Promise.all([
    forPage(() => listErrors({ ctx, input: { status, connectionId: sp.connectionId, cursor: sp.cursor } })),
    withRetried ? forPage(() => listErrors({ ctx, input: { status: "retried", connectionId: sp.connectionId } })) : null,
    listConnections({ db: ctx.db, tenantId: ctx.tenant.id }),
  ]);
  const items = [...(retried?.items ?? []), ...page.items];
  const native = conns.filter((c) => connectorByKey(c.connector));
  const plugName = (connectionId: string, key: string) => {
    const connector = connectorByKey(conns.find((c) => c.connectionId === connectionId)?.connector ?? "");
    return (connector && plugOf(connector, key)?.name) ?? key;
  };
  const base = `/t/${t}/errors`;
  const href = (cursor?: string) => `${base}${query({ status: sp.status, connectionId: sp.connectionId, cursor })}`;
  const filtered = status !== "open" || Boolean(sp.connectionId);
  return (
    <>
      <PageHeader title="Error queue" description="Records a plug could not move. Fix the cause, then retry them with the plug's current settings, or resolve them by hand. A record that later succeeds resolves itself." />
      <form method="get" className="mb-4 flex flex-wrap items-end gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200" data-testid="error-filters">
        <div className="w-full sm:w-52">
          <SelectField name="status" label="Status" defaultValue={status} options={statuses} />
        </div>
        <div className="w-full sm:w-64">
          <SelectField name="connectionId" label="Connection" defaultValue={sp.connectionId ?? ""} options={[{ value: "", label: "All connections" }, ...native.map((c) => ({ value: c.connectionId, label: c.name }))]} />
        </div>
        <button type="submit" className={buttonClass("secondary")}>Filter</button>
        {filtered && <Link href={base} className={buttonClass("ghost")}>Clear</Link>}
      </form>
      <ErrorQueue
        code={t}
        canWrite={tenantRoleCan(ctx.role, "tenant.write")}
        items={items.map(({ plug, firstFailedAt: _f, lastReportId: _r, ...i }) => ({ ...i, plugName: plugName(i.connectionId, plug) }))}
        emptyTitle={status === "open" && !sp.connectionId ? "No open errors" : "Nothing matches"}
        emptyDescription={status === "open" && !sp.connectionId ? "Every record your plugs handled went through. Failed records show up here with the reason." : "No failed records with these filters."}
        retry={retryErrorsAction.bind(null, t)}
        resolve={resolveErrorsAction.bind(null, t)}
      />
      <div className="mt-4 flex gap-3 text-sm">
        {sp.cursor && <Link href={href()} className="font-medium text-brand-700 hover:underline">← Newest</Link>}
        {page.nextCursor && <Link href={href(page.nextCursor)} className="font-medium text-brand-700 hover:underline">Older →</Link>}
      </div>
    </>
  );
}
