import type { Metadata } from "next";
import Link from "next/link";
import { setResellerActiveAction, setResellerUserActiveAction, createResellerUserAction } from "@/app/admin/actions";
import { ResellerUserForm } from "@/components/partner/reseller-user-form";
import { StatusBadge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card, DescriptionList, PageHeader } from "@/components/ui/card";
import { ConfirmAction } from "@/components/ui/confirm";
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
            {r.active ? (
              <ConfirmAction
                testId="deactivate-reseller"
                label="Deactivate"
                title={`Deactivate ${r.name}?`}
                body="Partner users are signed out and cannot sign in. Their tenants keep running."
                confirmLabel="Deactivate"
                action={setResellerActiveAction.bind(null, r.id, false)}
              />
            ) : (
              <ConfirmAction variant="primary" label="Reactivate" title={`Reactivate ${r.name}?`} body="Partner users can sign in again." confirmLabel="Reactivate" action={setResellerActiveAction.bind(null, r.id, true)} />
            )}
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
                    u.active ? (
                      <ConfirmAction label="Deactivate" title={`Deactivate ${u.email}?`} body="They can no longer sign in." confirmLabel="Deactivate" action={setResellerUserActiveAction.bind(null, r.codeName, u.id, false)} />
                    ) : (
                      <ConfirmAction variant="primary" label="Reactivate" title={`Reactivate ${u.email}?`} body="They can sign in again." confirmLabel="Reactivate" action={setResellerUserActiveAction.bind(null, r.codeName, u.id, true)} />
                    ),
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
