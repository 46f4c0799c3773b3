import type { Metadata } from "next";
import Link from "next/link";
import { formatDateTime } from "@/components/partner/labels";
import { ResellerUserStatus } from "@/components/partner/reseller-user-status";
import { Badge, StatusBadge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { DataTable, EmptyState } from "@/components/ui/table";
import { forPage } from "@/lib/auth/page";
import { allResellerPermissions } from "@/lib/auth/permissions";
import { resellerScope } from "@/lib/auth/scopes";
import { listResellerUsers } from "@/lib/services/reseller-users";

export const metadata: Metadata = { title: "Partner users" };

export default async function ResellerUsersPage({ params }: { params: Promise<{ reseller: string }> }) {
  const { reseller: code } = await params;
  const ctx = await forPage(() => resellerScope(code, "reseller_users.view"));
  const users = await listResellerUsers({ ctx });
  const rc = ctx.reseller.codeName;
  const can = (p: Parameters<typeof ctx.permissions.has>[0]) => ctx.permissions.has(p);
  const canCreate = can("reseller_users.create");
  return (
    <>
      <PageHeader
        title="Partner users"
        description={`People who work in the ${ctx.reseller.name} partner console.`}
        actions={canCreate && <ButtonLink href={`/partner/${rc}/users/new`}>Add user</ButtonLink>}
      />
      <DataTable
        testId="reseller-users-table"
        rows={users}
        rowKey={(u) => u.id}
        columns={[
          {
            header: "User",
            cell: (u) => {
              const label = (
                <>
                  {u.name}
                  {u.id === ctx.actor.userId && <span className="ml-1.5 align-middle"><Badge>You</Badge></span>}
                  <span className="block break-words text-xs font-normal text-slate-500">{u.email}</span>
                </>
              );
              return can("reseller_users.edit") ? (
                <Link href={`/partner/${rc}/users/${u.id}`} className="font-medium text-brand-700 hover:underline">{label}</Link>
              ) : (
                <span className="font-medium text-slate-900">{label}</span>
              );
            },
          },
          { header: "Permissions", hideOnMobile: true, cell: (u) => <span className="whitespace-nowrap">{u.permissions.length === allResellerPermissions.length ? "All" : `${u.permissions.length} of ${allResellerPermissions.length}`}</span> },
          { header: "Last login", hideOnMobile: true, cell: (u) => <span className="whitespace-nowrap text-xs text-slate-500">{formatDateTime(u.lastLoginAt)}</span> },
          { header: "Status", cell: (u) => <StatusBadge active={u.active} /> },
          ...(can("reseller_users.delete")
            ? [{ header: "", className: "text-right", cell: (u: (typeof users)[number]) => u.id !== ctx.actor.userId && <ResellerUserStatus resellerCode={rc} user={u} /> }]
            : []),
        ]}
        empty={<EmptyState title="No partner users yet" description="Add the colleagues who manage your tenants." />}
      />
    </>
  );
}
