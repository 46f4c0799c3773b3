import type { Metadata } from "next";
import Link from "next/link";
import { recordColumns } from "@/components/records/columns";
import { RecordFilters } from "@/components/records/filters";
import { RecordPager } from "@/components/records/pager";
import { RecordTypeTabs } from "@/components/records/type-picker";
import { consoleRecordType } from "@/components/records/types";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { DataTable, EmptyState } from "@/components/ui/table";
import { isAppError } from "@/lib/errors";
import { listConnections } from "@/lib/services/connections/list";
import { listRecordStatuses, searchRecords } from "@/lib/services/records/search";
import { firstValues, recordsScope, recordTypeOr404 } from "../_records";

type Props = { params: Promise<{ tenant: string; type: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { type } = await params;
  return { title: consoleRecordType(type)?.label ?? "Records" };
}

const searchHints: Record<string, string> = {
  order: "Order number, customer or remote id",
  invoice: "Invoice number, customer or remote id",
  product: "SKU, title or remote id",
  customer: "Number, name or remote id",
};

export default async function RecordListPage({ params, searchParams }: Props) {
  const { tenant: code, type: typeParam } = await params;
  const { type, info } = recordTypeOr404(typeParam);
  const { ctx, records, base } = await recordsScope(code);
  const sp = firstValues(await searchParams);
  const path = `${base}/${type}`;

  const [statuses, connections] = await Promise.all([listRecordStatuses({ ctx: records, type }), listConnections({ db: ctx.db, tenantId: ctx.tenant.id })]);
  let page: Awaited<ReturnType<typeof searchRecords>> | null = null;
  let problem: string | null = null;
  try {
    page = await searchRecords({ ctx: records, type, query: sp });
  } catch (e) {
    if (!isAppError(e) || e.status !== 422) throw e;
    problem = Object.values(e.fieldErrors ?? {}).flat()[0] ?? e.message;
  }
  const filtered = ["q", "status", "connection", "from", "to"].some((k) => sp[k]?.trim()) || (sp.archived && sp.archived !== "exclude");
  const connectionNames = Object.fromEntries(connections.map((c) => [c.connectionId, c.name]));

  return (
    <>
      <PageHeader
        title={info.label}
        description={info.description}
        breadcrumb={
          <Link href={base} className="hover:text-slate-700">
            Records
          </Link>
        }
      />
      <RecordTypeTabs base={base} current={type} />
      <RecordFilters
        action={path}
        values={{ q: sp.q, status: sp.status, connection: sp.connection, from: sp.from, to: sp.to, archived: sp.archived }}
        statuses={statuses}
        connections={connections.map((c) => ({ id: c.connectionId, name: c.name }))}
        searchHint={searchHints[type] ?? "Code, name or remote id"}
      />
      {problem && (
        <p className="mb-6 rounded-md bg-red-50 px-4 py-3 text-sm text-red-800 ring-1 ring-inset ring-red-200" data-testid="search-error">
          {problem}
        </p>
      )}
      {page && (
        <>
          <DataTable
            rows={page.records}
            rowKey={(r) => String(r.localId)}
            columns={recordColumns(type, { href: (r) => `${path}/${String(r.localId)}`, connectionNames })}
            testId="records-table"
            empty={
              filtered || sp.cursor ? (
                <EmptyState title={`No ${info.label.toLowerCase()} match`} description="Try other words, or clear the filters to see everything." action={<ButtonLink variant="secondary" href={path}>Clear filters</ButtonLink>} />
              ) : (
                <EmptyState
                  title={`No ${info.label.toLowerCase()} yet`}
                  description={`${info.label} arrive from your connections when they import them, or from your own integrations through the Tenant API.`}
                  action={<ButtonLink variant="secondary" href={`/t/${ctx.tenant.codeName}/connections`}>Go to Connections</ButtonLink>}
                />
              )
            }
          />
          <RecordPager path={path} params={sp} newerCursor={page.newerCursor} olderCursor={page.olderCursor} />
        </>
      )}
    </>
  );
}
