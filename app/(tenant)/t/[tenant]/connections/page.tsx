import type { Metadata } from "next";
import { NewApiConnectionForm } from "@/components/tenant/connections/new-api-connection-form";
import { StatusBadge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { DataTable, EmptyState } from "@/components/ui/table";
import { forPage } from "@/lib/auth/page";
import { tenantRoleCan } from "@/lib/auth/permissions";
import { tenantScope } from "@/lib/auth/scopes";
import { listConnections } from "@/lib/services/connections/list";
import { createApiConnectionAction } from "../actions";

export const metadata: Metadata = { title: "Connections" };

const connectorLabels: Record<string, string> = { api: "External integration (Tenant API)" };

export default async function ConnectionsPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant: code } = await params;
  const ctx = await forPage(() => tenantScope(code, "tenant.read"));
  const rows = await listConnections({ db: ctx.db, tenantId: ctx.tenant.id });
  const canCreate = tenantRoleCan(ctx.role, "settings.edit");
  return (
    <>
      <PageHeader title="Connections" description="The systems this tenant exchanges data with." />
      <p className="mb-6 max-w-3xl text-sm leading-6 text-slate-600">
        A connection links Crossdock to one system you run. An <strong>API connection</strong> is the identity of an external integration built on the Tenant API: it sends its id in the <code className="font-mono">X-ConnectionId</code> header, and every record it writes remembers its own remote id. Native web shop, ERP and logistics connectors join this list with their plugs.
      </p>
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <DataTable
            testId="connections-table"
            rows={rows}
            rowKey={(c) => c.connectionId}
            columns={[
              { header: "Connection", cell: (c) => (<span><span className="font-medium text-slate-900">{c.name}</span><span className="block text-xs text-slate-500">{connectorLabels[c.connector] ?? c.connector}</span></span>) },
              { header: "Connection id", cell: (c) => <code className="select-all break-all font-mono text-xs text-slate-700" data-testid="connection-id">{c.connectionId}</code> },
              { header: "Status", cell: (c) => <StatusBadge active={c.active} />, hideOnMobile: true },
              { header: "Created", cell: (c) => c.created.slice(0, 10), hideOnMobile: true },
            ]}
            empty={<EmptyState title="No connections yet" description="Add an API connection for an external integration; native connectors appear here when they are set up." />}
          />
        </div>
        {canCreate && (
          <Card title="New API connection" description="For an integration that talks to the Tenant API.">
            <NewApiConnectionForm action={createApiConnectionAction.bind(null, ctx.tenant.codeName)} />
          </Card>
        )}
      </div>
    </>
  );
}
