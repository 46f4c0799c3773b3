import type { Metadata } from "next";
import Link from "next/link";
import { formatDate } from "@/components/partner/labels";
import { StatusBadge } from "@/components/ui/badge";
import { buttonClass, ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { DataTable, EmptyState } from "@/components/ui/table";
import { forPage } from "@/lib/auth/page";
import { resellerScope } from "@/lib/auth/scopes";
import { listTenantsQuery } from "@/lib/schemas/tenants";
import { listTenants } from "@/lib/services/tenants/list";

export const metadata: Metadata = { title: "Tenants" };

type Search = { q?: string | string[]; status?: string | string[] };
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function TenantsPage({ params, searchParams }: { params: Promise<{ reseller: string }>; searchParams: Promise<Search> }) {
  const { reseller: code } = await params;
  const ctx = await forPage(() => resellerScope(code, "tenants.view"));
  // A hand-edited URL with a bad filter shows everything rather than an error page.
  const parsed = listTenantsQuery.safeParse({ q: first((await searchParams).q) || undefined, status: first((await searchParams).status) });
  const filter = parsed.success ? parsed.data : { q: undefined, status: "all" as const };
  const rows = await listTenants({ ctx, input: filter });
  const base = `/partner/${ctx.reseller.codeName}`;
  const filtered = !!filter.q || filter.status !== "all";
  const canCreate = ctx.permissions.has("tenants.create");
  return (
    <>
      <PageHeader
        title="Tenants"
        description="Merchants you run on Crossdock."
        actions={canCreate && <ButtonLink href={`${base}/tenants/new`}>New tenant</ButtonLink>}
      />
      <form method="get" className="mb-4 flex flex-wrap items-end gap-2" role="search" data-testid="tenant-search">
        <label className="w-full sm:w-auto sm:max-w-sm sm:flex-1">
          <span className="sr-only">Search tenants</span>
          <input
            type="search"
            name="q"
            defaultValue={filter.q ?? ""}
            placeholder="Search name, code, reference or email"
            className="block w-full rounded-md border-0 bg-white px-3 py-2 text-sm shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-brand-500"
          />
        </label>
        <label>
          <span className="sr-only">Status</span>
          <select name="status" defaultValue={filter.status} className="block rounded-md border-0 bg-white py-2 pl-3 pr-8 text-sm shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500">
            <option value="all">All statuses</option>
            <option value="active">Active</option>
            <option value="inactive">Paused</option>
          </select>
        </label>
        <button type="submit" className={buttonClass("secondary")}>Search</button>
        {filtered && (
          <Link href={`${base}/tenants`} className={buttonClass("ghost")}>
            Clear
          </Link>
        )}
      </form>
      <DataTable
        testId="tenants-table"
        rows={rows}
        rowKey={(t) => t.id}
        columns={[
          {
            header: "Tenant",
            cell: (t) => (
              <Link href={`${base}/tenants/${t.codeName}`} className="font-medium text-brand-700 hover:underline">
                {t.fullName}
                <span className="block font-mono text-xs font-normal text-slate-500">{t.codeName}</span>
              </Link>
            ),
          },
          { header: "Customer ref.", cell: (t) => t.customerReference, hideOnMobile: true },
          { header: "Email", cell: (t) => <span className="break-all">{t.email}</span>, hideOnMobile: true },
          { header: "Users", cell: (t) => <span className="tabular-nums">{t.userCount}</span>, className: "text-right", hideOnMobile: true },
          { header: "Status", cell: (t) => <StatusBadge active={t.active} inactiveLabel="Paused" /> },
          { header: "Created", cell: (t) => <span className="whitespace-nowrap text-slate-500">{formatDate(t.createdAt)}</span>, hideOnMobile: true },
        ]}
        empty={
          filtered ? (
            <EmptyState title="No tenants match" description="Nothing matches this search and status. Try fewer words, or clear the filters." action={<ButtonLink variant="secondary" href={`${base}/tenants`}>Clear filters</ButtonLink>} />
          ) : (
            <EmptyState
              title="No tenants yet"
              description="Each merchant you run on Crossdock is a tenant with its own users, connections and settings."
              action={canCreate && <ButtonLink href={`${base}/tenants/new`}>Create the first tenant</ButtonLink>}
            />
          )
        }
      />
      {rows.length >= 500 && <p className="mt-3 text-sm text-slate-500">Showing the first 500 tenants. Search to narrow down.</p>}
    </>
  );
}
