import type { Metadata } from "next";
import Link from "next/link";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { formatDateTime, recordTypeLabel } from "@/components/connections/format";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/table";
import { forPage } from "@/lib/auth/page";
import { tenantRoleCan } from "@/lib/auth/permissions";
import { tenantScope } from "@/lib/auth/scopes";
import { chainsOfConnection } from "@/lib/services/manipulators/chains-of-connection";

export const metadata: Metadata = { title: "Manipulators" };

type Props = { params: Promise<{ tenant: string; connectionId: string }> };

/** The connection's chains: one per direction and record type its plugs move. */
export default async function ManipulatorsPage({ params }: Props) {
  const { tenant: code, connectionId } = await params;
  const ctx = await forPage(() => tenantScope(code, "tenant.read"));
  const t = ctx.tenant.codeName;
  const { connection, chains } = await forPage(() => chainsOfConnection({ ctx, connectionId }));
  const base = `/t/${t}/connections`;
  const canWrite = tenantRoleCan(ctx.role, "tenant.write") && !connection.archived;
  return (
    <>
      <PageHeader
        title="Manipulators"
        description={`Rules that change records as they pass through ${connection.name}: on import just before a record is saved, on export before it is sent.`}
        breadcrumb={
          <Breadcrumb items={[{ href: base, label: "Connections" }, { href: `${base}/${connectionId}`, label: connection.name }]} />
        }
      />
      {chains.length === 0 ? (
        <EmptyState
          title="No chains for this connection"
          description={connection.native ? "Its connector has no plugs." : "An API connection has no plugs here: its integration changes records before it sends them."}
        />
      ) : (
        <ul className="grid gap-4 md:grid-cols-2" data-testid="chains">
          {chains.map((c) => {
            const href = `${base}/${connectionId}/manipulators/${c.direction}/${c.recordType}`;
            const title = `${c.direction === "import" ? "Import" : "Export"} · ${recordTypeLabel(c.recordType)}s`;
            return (
              <li key={href} className="flex flex-col rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200" data-testid={`chain-${c.direction}-${c.recordType}`}>
                <div className="flex flex-wrap items-center gap-2">
                  <h2 className="text-base font-semibold text-slate-900">
                    <Link href={href} className="hover:text-brand-700 hover:underline">{title}</Link>
                  </h2>
                  {c.version > 0 ? <Badge tone="blue">Version {c.version}</Badge> : <Badge>Not set up</Badge>}
                </div>
                <p className="mt-1 text-sm text-slate-500">
                  {c.direction === "import"
                    ? `Runs in ${listOf(c.plugs.map((p) => p.name))} after the connection's own settings, right before each ${recordTypeLabel(c.recordType).toLowerCase()} is validated and saved.`
                    : `Runs first in ${listOf(c.plugs.map((p) => p.name))}, on the stored ${recordTypeLabel(c.recordType).toLowerCase()}, before the connection's settings.`}
                </p>
                <p className="mt-3 text-sm text-slate-700" data-testid="chain-summary">
                  {c.links === 0 ? "No manipulators: records pass unchanged." : `${c.links} manipulator${c.links === 1 ? "" : "s"}${c.enabledLinks < c.links ? `, ${c.enabledLinks} enabled` : ""}`}
                </p>
                {c.updated && <p className="mt-1 text-xs text-slate-500">Saved {formatDateTime(c.updated)}{c.updatedBy ? ` by ${c.updatedBy.replace(/^user\//, "")}` : ""}</p>}
                <div className="mt-4 flex flex-1 items-end">
                  <ButtonLink href={href} variant="secondary" data-testid="edit-chain">
                    {canWrite ? "Edit chain" : "View chain"}
                  </ButtonLink>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}

/** "A", "A and B", "A, B and C". */
function listOf(names: string[]): string {
  return names.length < 2 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}
