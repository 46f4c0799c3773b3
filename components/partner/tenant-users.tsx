import { createTenantUserAction, resetTenantUserPasswordAction, setTenantUserActiveAction, setTenantUserApiAccessAction, updateTenantUserRoleAction } from "@/app/(partner)/partner/[reseller]/actions";
import { startLoginAsAction } from "@/app/(auth)/impersonation-actions";
import { Badge, StatusBadge } from "@/components/ui/badge";
import { ConfirmAction } from "@/components/ui/confirm";
import { CheckboxField, TextField } from "@/components/ui/form";
import { EmptyState } from "@/components/ui/table";
import { tenantRoleLabels, tenantRoles, type TenantRole } from "@/lib/auth/permissions";
import { MemberActions } from "@/components/tenant-users/member-actions";
import { RoleSelect } from "@/components/tenant-users/role-select";
import { FormDialog } from "@/components/ui/form-dialog";
import { formatDateTime } from "./labels";

export type TenantUserRow = { id: string; name: string; email: string; role: TenantRole; active: boolean; memberActive: boolean; apiAccess: boolean; lastLoginAt: Date | null };
type Tenant = { id: string; fullName: string };

/**
 * The tenant's users as a partner sees them: add, change role, reset password, (de)activate, log in
 * as. A list rather than a table so that each user's actions fit beside them, or under them on phones.
 */
export function TenantUsers({ resellerCode, tenant, users, canLoginAs }: { resellerCode: string; tenant: Tenant; users: TenantUserRow[]; canLoginAs: boolean }) {
  const addUser = (
    <FormDialog
      variant="primary"
      label="Add user"
      title={`Add a user to ${tenant.fullName}`}
      description="They sign in with this email and password. Share the password through a safe channel."
      submitLabel="Add user"
      action={createTenantUserAction.bind(null, resellerCode, tenant.id)}
    >
      <TextField name="name" label="Name" required />
      <TextField name="email" label="Email" type="email" required />
      <RoleSelect grantable={tenantRoles} defaultValue={users.length ? "member" : "owner"} />
      <TextField name="password" label="Initial password" type="password" autoComplete="new-password" hint="At least 10 characters." required />
      <CheckboxField name="apiAccess" label="Can use the Tenant API" description="Integrations may sign in with this login and password (HTTP Basic)." />
    </FormDialog>
  );
  return (
    <section aria-labelledby="tenant-users-title">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <div>
          <h2 id="tenant-users-title" className="text-base font-semibold text-slate-900">Users</h2>
          <p className="text-sm text-slate-500">People who sign in to {tenant.fullName}&apos;s console.</p>
        </div>
        {addUser}
      </div>
      {users.length === 0 ? (
        <EmptyState title="No users yet" description="Add the first user; the first one is usually the owner." />
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg bg-white shadow-sm ring-1 ring-slate-200" data-testid="tenant-users-table">
          {users.map((u) => (
            <li key={u.id} className="flex flex-col gap-3 px-4 py-3 md:flex-row md:items-center" data-testid={`tenant-user-${u.email}`}>
              <div className="min-w-0 flex-1">
                <p className="flex flex-wrap items-center gap-x-2 gap-y-1">
                  <span className="font-medium text-slate-900">{u.name}</span>
                  <Badge tone={u.role === "owner" ? "blue" : "gray"}>{tenantRoleLabels[u.role]}</Badge>
                  <StatusBadge active={isActive(u)} />
                  {u.apiAccess && <Badge tone="amber">API</Badge>}
                </p>
                <p className="mt-0.5 text-sm text-slate-600 break-all">{u.email}</p>
                <p className="text-xs text-slate-400">{u.lastLoginAt ? `Last login ${formatDateTime(u.lastLoginAt)}` : "Never signed in"}</p>
              </div>
              <UserActions resellerCode={resellerCode} tenant={tenant} user={u} canLoginAs={canLoginAs} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function UserActions({ resellerCode, tenant, user: u, canLoginAs }: { resellerCode: string; tenant: Tenant; user: TenantUserRow; canLoginAs: boolean }) {
  return (
    <div data-testid={`tenant-user-actions-${u.email}`}>
      <MemberActions
        member={u}
        grantable={tenantRoles}
        changeRole={updateTenantUserRoleAction.bind(null, resellerCode, tenant.id, u.id)}
        resetPassword={resetTenantUserPasswordAction.bind(null, resellerCode, tenant.id, u.id)}
        setActive={setTenantUserActiveAction.bind(null, resellerCode, tenant.id, u.id)}
        setApiAccess={setTenantUserApiAccessAction.bind(null, resellerCode, tenant.id, u.id)}
      >
        {canLoginAs && isActive(u) && (
          <ConfirmAction
            variant="primary"
            size="sm"
            label="Log in as"
            title={`Log in as ${u.name}?`}
            body={`You will see ${tenant.fullName}'s console as ${u.email} does, until you return to the partner console. This is recorded in the tenant's audit log.`}
            confirmLabel="Log in as"
            action={startLoginAsAction.bind(null, resellerCode, tenant.id, u.id)}
          />
        )}
      </MemberActions>
    </div>
  );
}

/** Usable only when both the login and the membership are active. */
const isActive = (u: TenantUserRow) => u.active && u.memberActive;
