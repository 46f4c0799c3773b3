import type { Metadata } from "next";
import Link from "next/link";
import { ConnectorCatalogue } from "@/components/connections/catalogue";
import { PageHeader } from "@/components/ui/card";
import { forPage } from "@/lib/auth/page";
import { tenantRoleCan } from "@/lib/auth/permissions";
import { tenantScope } from "@/lib/auth/scopes";
import { API_CONNECTOR, catalogue } from "@/lib/connectors/registry";

export const metadata: Metadata = { title: "Add connection" };

export default async function CataloguePage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant: code } = await params;
  const ctx = await forPage(() => tenantScope(code, "tenant.read"));
  const base = `/t/${ctx.tenant.codeName}/connections`;
  // API connections are created with settings.edit (owners, admins); native ones with tenant.write.
  const canConnect = (key: string) => tenantRoleCan(ctx.role, key === API_CONNECTOR ? "settings.edit" : "tenant.write");
  return (
    <>
      <PageHeader
        title="Add connection"
        description="Pick the system to connect. You can connect several of the same kind, e.g. one Shopify shop per market."
        breadcrumb={<Link href={base} className="hover:text-slate-700">Connections</Link>}
      />
      <ConnectorCatalogue entries={catalogue()} connectHref={(key) => (canConnect(key) ? `${base}/new/${key}` : null)} />
    </>
  );
}
