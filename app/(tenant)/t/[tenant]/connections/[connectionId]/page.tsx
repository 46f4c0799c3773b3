import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ConnectionForm } from "@/components/connections/connection-form";
import { ConnectionControls } from "@/components/connections/connection-controls";
import { PlugCards } from "@/components/connections/plug-cards";
import { RunHistory } from "@/components/connections/run-history";
import { ConnectionStatusBadge, ConnectorLogo } from "@/components/connections/status";
import { formatDateTime } from "@/components/connections/format";
import { Card, DescriptionList, PageHeader } from "@/components/ui/card";
import { forPage } from "@/lib/auth/page";
import { tenantRoleCan } from "@/lib/auth/permissions";
import { tenantScope } from "@/lib/auth/scopes";
import { API_CONNECTOR } from "@/lib/connectors/registry";
import { getConnection } from "@/lib/services/connections/get-connection";
import { listConnections } from "@/lib/services/connections/list";
import { listTransfers } from "@/lib/services/transfers/list";
import { connectionFields, nativeConnector, plugFields } from "../_fields";
import { progressOf } from "../_progress";
import { deleteConnectionAction, loadTransfersAction, runPlugNowAction, savePlugAction, setConnectionActiveAction, setPlugEnabledAction, testConnectionAction, updateConnectionAction } from "../actions";

type Props = { params: Promise<{ tenant: string; connectionId: string }> };

export const metadata: Metadata = { title: "Connection" };

export default async function ConnectionPage({ params }: Props) {
  const { tenant: code, connectionId } = await params;
  const ctx = await forPage(() => tenantScope(code, "tenant.read"));
  const t = ctx.tenant.codeName;
  const base = `/t/${t}/connections`;
  const summary = (await listConnections({ db: ctx.db, tenantId: ctx.tenant.id })).find((c) => c.connectionId === connectionId);
  if (!summary) notFound();
  const canWrite = tenantRoleCan(ctx.role, "tenant.write");
  const breadcrumb = <Link href={base} className="hover:text-slate-700">Connections</Link>;
  const controls = (hasHistory: boolean | undefined, test?: boolean) =>
    canWrite && (
      <ConnectionControls
        name={summary.name}
        active={summary.active}
        archived={summary.archived}
        hasHistory={hasHistory}
        test={test && !summary.archived ? testConnectionAction.bind(null, t, connectionId) : undefined}
        setActive={setConnectionActiveAction.bind(null, t, connectionId)}
        remove={deleteConnectionAction.bind(null, t, connectionId)}
      />
    );
  const archivedNote = summary.archived && (
    <p className="mb-6 rounded-md bg-slate-100 px-4 py-3 text-sm text-slate-700 ring-1 ring-inset ring-slate-200" data-testid="archived-note">
      This connection is archived: it had moved data, so it was kept instead of deleted. Its records keep their origin and remote ids; it cannot run again.
    </p>
  );

  // API connections live in the integration's own app: here only their identity and status.
  if (summary.connector === API_CONNECTOR) {
    return (
      <>
        <PageHeader title={<Title logo="/connectors/api.svg" name={summary.name} />} description={<Subtitle connector={summary.connectorName} active={summary.active} archived={summary.archived} />} breadcrumb={breadcrumb} actions={controls(undefined)} />
        {archivedNote}
        <Card title="Integration" description="Built on the Tenant API; its settings live in its own app." className="max-w-3xl">
          <DescriptionList
            items={[
              { label: "Connection id (X-ConnectionId)", value: <code className="select-all break-all font-mono text-xs" data-testid="connection-id">{summary.connectionId}</code> },
              { label: "Created", value: formatDateTime(summary.created) },
            ]}
          />
        </Card>
      </>
    );
  }

  const [detail, firstPage] = await Promise.all([forPage(() => getConnection({ ctx, connectionId })), forPage(() => listTransfers({ ctx, input: { connectionId } }))]);
  const connector = nativeConnector(detail.connector);
  const fields = connectionFields(connector, detail);
  const hasHistory = detail.plugs.some((p) => p.latestTransfer) || firstPage.reports.length > 0;

  return (
    <>
      <PageHeader
        title={<Title logo={detail.connectorInfo.logo} name={detail.name} />}
        description={<Subtitle connector={detail.connectorInfo.name} active={detail.active} archived={detail.archived} />}
        breadcrumb={breadcrumb}
        actions={controls(hasHistory, true)}
      />
      {archivedNote}
      {!detail.active && !detail.archived && (
        <p className="mb-6 rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-inset ring-amber-200">This connection is inactive: its plugs do not run. Activate it to run them.</p>
      )}
      <div className="flex flex-col gap-6 xl:grid xl:grid-cols-3 xl:items-start">
        <div className="min-w-0 space-y-6 xl:col-span-2">
          <section aria-labelledby="plugs-heading">
            <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
              <h2 id="plugs-heading" className="text-base font-semibold text-slate-900">Plugs</h2>
              <span className="flex flex-wrap gap-x-4 gap-y-1">
                <Link href={`/t/${t}/connections/${connectionId}/manipulators`} className="text-sm font-medium text-brand-700 hover:underline" data-testid="manipulators-link">
                  Manipulators →
                </Link>
                <Link href={`/t/${t}/errors?connectionId=${connectionId}`} className="text-sm font-medium text-brand-700 hover:underline">
                  Error queue for this connection →
                </Link>
              </span>
            </div>
            <PlugCards
              code={t}
              connectionId={connectionId}
              canWrite={canWrite && !detail.archived}
              initial={progressOf(detail)}
              plugs={detail.plugs.map((p) => ({ key: p.key, name: p.name, description: p.description, direction: p.direction, recordType: p.recordType, schedule: p.schedule, watermark: p.watermark, fields: plugFields(connector, p.key, p.settings) }))}
              actions={{ runNow: runPlugNowAction.bind(null, t, connectionId), setEnabled: setPlugEnabledAction.bind(null, t, connectionId), save: savePlugAction.bind(null, t, connectionId) }}
            />
          </section>
        </div>
        <div className="min-w-0">
          {canWrite && !detail.archived ? (
            <Card title="Connection settings" description="Secrets are never shown again; leave them empty to keep the saved ones.">
              <ConnectionForm action={updateConnectionAction.bind(null, t, connectionId)} fields={fields} name={detail.name} submitLabel="Save settings" testId="connection-settings-form" />
            </Card>
          ) : (
            <Card title="Connection settings">
              <DescriptionList
                items={fields.map((f) => ({
                  label: f.label,
                  value: f.kind === "secret" ? (f.saved ? "Saved (hidden)" : "Not set") : f.kind === "checkbox" ? (f.value ? "Yes" : "No") : f.kind === "checkboxes" ? f.value.join(", ") || "—" : f.value || "—",
                }))}
              />
            </Card>
          )}
        </div>
      </div>
      {/* Full width: the history's columns need the room. */}
      <section aria-labelledby="history-heading" className="mt-8">
        <h2 id="history-heading" className="mb-3 text-base font-semibold text-slate-900">Run history</h2>
        <RunHistory code={t} connectionId={connectionId} plugNames={Object.fromEntries(detail.plugs.map((p) => [p.key, p.name]))} firstPage={firstPage} load={loadTransfersAction.bind(null, t)} />
      </section>
    </>
  );
}

function Title({ logo, name }: { logo: string; name: string }) {
  return (
    <span className="flex items-center gap-3">
      <ConnectorLogo src={logo} name="" size={36} />
      <span className="min-w-0 break-words" data-testid="connection-name">{name}</span>
    </span>
  );
}

function Subtitle({ connector, active, archived }: { connector: string; active: boolean; archived: boolean }) {
  return (
    <span className="flex flex-wrap items-center gap-2">
      <span>{connector}</span>
      <span data-testid="connection-status">
        <ConnectionStatusBadge active={active} archived={archived} />
      </span>
    </span>
  );
}
