import type { Metadata } from "next";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { notFound } from "next/navigation";
import { ConnectionForm } from "@/components/connections/connection-form";
import { ConnectorLogo } from "@/components/connections/status";
import { NewApiConnectionForm } from "@/components/tenant/connections/new-api-connection-form";
import { Card, PageHeader } from "@/components/ui/card";
import { forPage } from "@/lib/auth/page";
import { tenantScope } from "@/lib/auth/scopes";
import { API_CONNECTOR, catalogue } from "@/lib/connectors/registry";
import { createApiConnectionAction } from "../../../actions";
import { connectionFields, nativeConnector } from "../../_fields";
import { createConnectionAction } from "../../actions";

type Props = { params: Promise<{ tenant: string; connector: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { connector } = await params;
  const entry = catalogue().find((e) => e.key === connector);
  return { title: entry ? `Connect ${entry.name}` : "Add connection" };
}

export default async function NewConnectionPage({ params }: Props) {
  const { tenant: code, connector: key } = await params;
  const isApi = key === API_CONNECTOR;
  const ctx = await forPage(() => tenantScope(code, isApi ? "settings.edit" : "tenant.write"));
  const entry = catalogue().find((e) => e.key === key);
  if (!entry) notFound();
  const base = `/t/${ctx.tenant.codeName}/connections`;
  return (
    <>
      <PageHeader
        title={
          <span className="flex items-center gap-3">
            <ConnectorLogo src={entry.logo} name={entry.name} />
            <span>Connect {entry.name}</span>
          </span>
        }
        description={entry.description}
        breadcrumb={
          <Breadcrumb items={[{ href: base, label: "Connections" }, { href: `${base}/new`, label: "Add connection" }]} />
        }
      />
      <div className="max-w-2xl">
        {isApi ? (
          <Card title="New API connection" description="The integration sends this connection's id in the X-ConnectionId header; every record it writes remembers its own remote id.">
            <NewApiConnectionForm action={createApiConnectionAction.bind(null, ctx.tenant.codeName)} listHref={base} />
          </Card>
        ) : (
          <Card title="Settings" description="Secrets are stored encrypted and never shown again. Plugs start disabled: enable the ones you want on the next page.">
            <ConnectionForm action={createConnectionAction.bind(null, ctx.tenant.codeName, key)} fields={connectionFields(nativeConnector(key))} namePlaceholder={`${entry.name} – main shop`} submitLabel="Create connection" testId="new-connection-form" />
          </Card>
        )}
      </div>
    </>
  );
}
