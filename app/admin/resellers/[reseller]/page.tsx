import type { Metadata } from "next";
import Link from "next/link";
import { setResellerActiveAction, setResellerUserActiveAction, createResellerUserAction } from "@/app/admin/actions";
import { ResellerUserForm } from "@/components/partner/reseller-user-form";
import { StatusBadge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card, DescriptionList, PageHeader } from "@/components/ui/card";
import { ActiveToggle } from "@/components/ui/active-toggle";
import { DataTable, EmptyState } from "@/components/ui/table";
import { forPage } from "@/lib/auth/page";
import { allResellerPermissions } from "@/lib/auth/permissions";
import { adminScope, resellerScope } from "@/lib/auth/scopes";
import { listResellerUsers } from "@/lib/services/reseller-users";

export const metadata: Metadata = { title: "Reseller" };

export default async function AdminResellerPage({ params }: { params: Promise<{ reseller: string }> }) {
  const { reseller: code } = await params;
  await forPage(adminScope);
  const ctx = await forPage(() => resellerScope(code));
  const r = ctx.reseller;
  const users = await listResellerUsers({ ctx });
  return (
    <>
      <PageHeader
        breadcrumb={<Link href="/admin" className="hover:text-slate-700">Resellers</Link>}
        title={r.name}
        description={<>Code name <span className="font-mono">{r.codeName}</span></>}
        actions={
          <>
            <ButtonLink variant="secondary" href={`/partner/${r.codeName}`}>Open partner console</ButtonLink>
            <ActiveToggle
              active={r.active}
              subject={r.name}
              testId="reseller"
              deactivateBody="Partner users are signed out and cannot sign in. Their tenants keep running."
              reactivateBody="Partner users can sign in again."
              action={setResellerActiveAction.bind(null, r.id)}
            />
          </>
        }
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card title="Details">
            <DescriptionList items={[{ label: "Status", value: <StatusBadge active={r.active} /> }, { label: "Created", value: r.createdAt.toISOString().slice(0, 10) }]} />
          </Card>
          <div>
            <h2 className="mb-3 text-base font-semibold text-slate-900">Reseller users</h2>
            <DataTable
              testId="reseller-users-table"
              rows={users}
              rowKey={(u) => u.id}
              columns={[
                { header: "User", cell: (u) => (<span><span className="font-medium text-slate-900">{u.name}</span><span className="block text-xs text-slate-500">{u.email}</span></span>) },
                { header: "Permissions", cell: (u) => `${u.permissions.length} of ${allResellerPermissions.length}`, hideOnMobile: true },
                { header: "Status", cell: (u) => <StatusBadge active={u.active} /> },
                {
                  header: "",
                  className: "text-right",
                  cell: (u) =>
                    <ActiveToggle
                      active={u.active}
                      subject={u.email}
                      size="sm"
                      deactivateBody="They can no longer sign in."
                      reactivateBody="They can sign in again."
                      action={setResellerUserActiveAction.bind(null, r.codeName, u.id)}
                    />,
                },
              ]}
              empty={<EmptyState title="No partner users yet" description="Add the first person who will manage this reseller's tenants." />}
            />
          </div>
        </div>
        <Card title="Add reseller user" description="They sign in with this email and password.">
          <ResellerUserForm action={createResellerUserAction.bind(null, r.codeName)} grantable={[...ctx.permissions]} />
        </Card>
      </div>
    </>
  );
}
