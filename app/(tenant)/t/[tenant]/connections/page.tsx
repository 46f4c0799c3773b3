import type { Metadata } from "next";
import Link from "next/link";
import { formatDateTime } from "@/components/connections/format";
import { ConnectionStatusBadge, ConnectorLogo, TransferStatusBadge } from "@/components/connections/status";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { DataTable, EmptyState } from "@/components/ui/table";
import { forPage } from "@/lib/auth/page";
import { tenantRoleCan } from "@/lib/auth/permissions";
import { tenantScope } from "@/lib/auth/scopes";
import { API_CONNECTOR, catalogue } from "@/lib/connectors/registry";
import { listConnections } from "@/lib/services/connections/list";

export const metadata: Metadata = { title: "Connections" };

type Row = Awaited<ReturnType<typeof listConnections>>[number];

/** The newest transfer of any of the connection's plugs. */
function latestOf(c: Row) {
  return c.plugs
    .filter((p) => p.latestTransfer)
    .map((p) => ({ plug: p.name, report: p.latestTransfer! }))
    .sort((a, b) => b.report.start.localeCompare(a.report.start))[0];
}

export default async function ConnectionsPage({ params, searchParams }: { params: Promise<{ tenant: string }>; searchParams: Promise<{ deleted?: string }> }) {
  const { tenant: code } = await params;
  const { deleted } = await searchParams;
  const ctx = await forPage(() => tenantScope(code, "tenant.read"));
  const t = ctx.tenant.codeName;
  const base = `/t/${t}/connections`;
  const rows = await listConnections({ db: ctx.db, tenantId: ctx.tenant.id });
  const logos = Object.fromEntries(catalogue().map((e) => [e.key, e.logo]));
  const canAdd = tenantRoleCan(ctx.role, "tenant.write");
  const add = (
    <>
      <ButtonLink href={`/t/${t}/errors`} variant="secondary">
        Error queue
      </ButtonLink>
      {canAdd && (
        <ButtonLink href={`${base}/new`} data-testid="add-connection">
          Add connection
        </ButtonLink>
      )}
    </>
  );
  return (
    <>
      <PageHeader title="Connections" description="The systems this tenant exchanges data with: web shops, ERPs and your own integrations." actions={add} />
      {deleted && (
        <p className="mb-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ring-1 ring-inset ring-emerald-200" data-testid="flash">
          Connection deleted.
        </p>
      )}
      <DataTable
        testId="connections-table"
        rows={rows}
        rowKey={(c) => c.connectionId}
        columns={[
          {
            header: "Connection",
            cell: (c) => (
              <Link href={`${base}/${c.connectionId}`} className="group flex items-center gap-3" data-testid="connection-link">
                <ConnectorLogo src={logos[c.connector] ?? logos[API_CONNECTOR]} name="" size={32} />
                <span className="min-w-0">
                  <span className="block font-medium text-slate-900 group-hover:text-brand-700 group-hover:underline">{c.name}</span>
                  <span className="block text-xs text-slate-500">{c.connectorName}</span>
                </span>
              </Link>
            ),
          },
          {
            header: "Status",
            cell: (c) => {
              const latest = latestOf(c);
              return (
                <span className="flex flex-col items-start gap-1">
                  <ConnectionStatusBadge active={c.active} archived={c.archived} />
                  {/* Phones have no transfer column: the latest run's status goes here. */}
                  {latest && (
                    <span className="md:hidden">
                      <TransferStatusBadge status={latest.report.status} />
                    </span>
                  )}
                </span>
              );
            },
          },
          {
            header: "Plugs",
            hideOnMobile: true,
            cell: (c) =>
              c.connector === API_CONNECTOR ? (
                <span className="block">
                  <span className="block text-xs text-slate-500">Connection id</span>
                  <code className="select-all break-all font-mono text-xs text-slate-700" data-testid="connection-id">{c.connectionId}</code>
                </span>
              ) : (
                <span data-testid="plugs-enabled">
                  {c.plugs.filter((p) => p.enabled).length} of {c.plugs.length} enabled
                </span>
              ),
          },
          {
            header: "Latest transfer",
            hideOnMobile: true,
            cell: (c) => {
              const latest = latestOf(c);
              if (!latest) return <span className="text-slate-400">{c.connector === API_CONNECTOR ? "Through the Tenant API" : "No runs yet"}</span>;
              return (
                <span className="block">
                  <TransferStatusBadge status={latest.report.status} />
                  <span className="mt-0.5 block text-xs text-slate-500">
                    {latest.plug} · {formatDateTime(latest.report.start)}
                  </span>
                </span>
              );
            },
          },
        ]}
        empty={
          <EmptyState
            title="No connections yet"
            description="Connect a web shop, an accounting system or your own integration on the Tenant API to start moving orders, products and invoices."
            action={canAdd ? <ButtonLink href={`${base}/new`}>Browse connectors</ButtonLink> : undefined}
          />
        }
      />
    </>
  );
}
