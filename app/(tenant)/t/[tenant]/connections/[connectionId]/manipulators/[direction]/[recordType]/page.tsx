import type { Metadata } from "next";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { notFound } from "next/navigation";
import { recordTypeLabel } from "@/components/connections/format";
import { ChainEditor } from "@/components/manipulators/chain-editor";
import { operatorInfo } from "@/components/conditions/operators";
import { PageHeader } from "@/components/ui/card";
import { forPage } from "@/lib/auth/page";
import { tenantRoleCan } from "@/lib/auth/permissions";
import { tenantScope } from "@/lib/auth/scopes";
import { conditionOperators } from "@/lib/conditions";
import { chainsOfConnection } from "@/lib/services/manipulators/chains-of-connection";
import { getChain } from "@/lib/services/manipulators/get-chain";
import { chainTarget } from "@/lib/services/manipulators/internal";
import { recentRecords } from "@/lib/services/manipulators/recent-records";
import { libraryFor, linkFields } from "../../_library";
import { previewChainAction, saveChainAction } from "../../actions";

export const metadata: Metadata = { title: "Manipulator chain" };

type Props = { params: Promise<{ tenant: string; connectionId: string; direction: string; recordType: string }> };

/** One chain: the editor with its preview. */
export default async function ChainPage({ params }: Props) {
  const p = await params;
  const ctx = await forPage(() => tenantScope(p.tenant, "tenant.read"));
  const t = ctx.tenant.codeName;
  const target = await forPage(async () => chainTarget(p.connectionId, p.direction, p.recordType));
  const { connection, chains } = await forPage(() => chainsOfConnection({ ctx, connectionId: target.connectionId }));
  const summary = chains.find((c) => c.direction === target.direction && c.recordType === target.recordType);
  // Only the chains the connection's plugs run are pages.
  if (!summary) notFound();
  const [chain, recent] = await Promise.all([forPage(() => getChain({ ctx, target })), forPage(() => recentRecords({ ctx, target }))]);
  const base = `/t/${t}/connections/${target.connectionId}`;
  const typeLabel = recordTypeLabel(target.recordType);
  const title = `${target.direction === "import" ? "Import" : "Export"} · ${typeLabel}s`;
  const args = [t, target.connectionId, target.direction, target.recordType] as const;
  return (
    <>
      <PageHeader
        title={title}
        description={
          target.direction === "import"
            ? `Runs in ${summary.plugs.map((x) => x.name).join(" and ")} after the connection's own settings, right before each ${typeLabel.toLowerCase()} is validated and saved.`
            : `Runs first in ${summary.plugs.map((x) => x.name).join(" and ")}, on the stored ${typeLabel.toLowerCase()}, before the connection's settings and the send.`
        }
        breadcrumb={
          <Breadcrumb items={[{ href: `/t/${t}/connections`, label: "Connections" }, { href: base, label: connection.name }, { href: `${base}/manipulators`, label: "Manipulators" }]} />
        }
      />
      {connection.archived && (
        <p className="mb-6 rounded-md bg-slate-100 px-4 py-3 text-sm text-slate-700 ring-1 ring-inset ring-slate-200">This connection is archived: it cannot run again, so its chains are shown read-only.</p>
      )}
      <ChainEditor
        library={libraryFor(target.recordType, target.direction)}
        initial={{ version: chain.version, updated: chain.updated, updatedBy: chain.updatedBy, links: chain.links.map((l) => ({ ...l, fields: linkFields(l) })) }}
        operators={operatorInfo(conditionOperators)}
        recent={recent}
        typeLabel={typeLabel}
        readOnly={!tenantRoleCan(ctx.role, "tenant.write") || connection.archived}
        actions={{ save: saveChainAction.bind(null, ...args), preview: previewChainAction.bind(null, ...args) }}
      />
    </>
  );
}
