import type { Metadata } from "next";
import { AddUserForm } from "@/components/tenant/users/add-user-form";
import { MemberActions } from "@/components/tenant-users/member-actions";
import { UsersTable, type MemberRow } from "@/components/tenant/users/users-table";
import { Card, PageHeader } from "@/components/ui/card";
import { forPage } from "@/lib/auth/page";
import { tenantRoleCan } from "@/lib/auth/permissions";
import { tenantScope } from "@/lib/auth/scopes";
import { tenantUserAdminForTenant } from "@/lib/services/tenant-users/access";
import { listTenantUsers } from "@/lib/services/tenant-users/list";
import { createTenantUserAction, resetTenantUserPasswordAction, setTenantUserActiveAction, setTenantUserApiAccessAction, updateTenantUserRoleAction } from "../actions";

export const metadata: Metadata = { title: "Users" };

export default async function TenantUsersPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant: code } = await params;
  const ctx = await forPage(() => tenantScope(code, "tenant.read"));
  const t = ctx.tenant;
  const members = await listTenantUsers({ db: ctx.db, tenantId: t.id });
  const admin = tenantRoleCan(ctx.role, "users.manage") ? tenantUserAdminForTenant(ctx) : null;

  const actions = admin
    ? (m: MemberRow) => {
        if (m.id === admin.self) return <span className="text-xs text-slate-500">This is you</span>;
        if (!admin.grantable.includes(m.role)) return <span className="text-xs text-slate-500">Only owners can change owners</span>;
        return (
          <MemberActions
            member={m}
            grantable={admin.grantable}
            changeRole={updateTenantUserRoleAction.bind(null, t.codeName, m.id)}
            resetPassword={resetTenantUserPasswordAction.bind(null, t.codeName, m.id)}
            setActive={setTenantUserActiveAction.bind(null, t.codeName, m.id)}
            setApiAccess={setTenantUserApiAccessAction.bind(null, t.codeName, m.id)}
          />
        );
      }
    : undefined;

  return (
    <>
      <PageHeader
        title="Users"
        description={admin ? "People who can open this tenant, and what they may do." : "People who can open this tenant. Owners and admins manage who has access."}
      />
      <div className="space-y-6">
        <UsersTable members={members} actions={actions} />
        {admin && (
          <Card title="Add user" description="They sign in with this email and password right away.">
            <AddUserForm action={createTenantUserAction.bind(null, t.codeName)} grantable={admin.grantable} />
          </Card>
        )}
      </div>
    </>
  );
}
