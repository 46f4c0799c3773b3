"use client";

import type { ReactNode } from "react";
import { ActiveToggle } from "@/components/ui/active-toggle";
import { ConfirmAction } from "@/components/ui/confirm";
import { TextField } from "@/components/ui/form";
import { FormDialog } from "@/components/ui/form-dialog";
import type { ActionResult } from "@/lib/actions/result";
import type { TenantRole } from "@/lib/auth/permissions";
import { RoleSelect } from "./role-select";

type FormAction = (prev: unknown, form: FormData) => Promise<ActionResult<unknown>>;

/**
 * Change role, reset password and (de)activate one tenant user, in the tenant console and the partner
 * console alike; the actions come bound to that user. `children` adds console-specific actions first.
 */
export function MemberActions({
  member,
  grantable,
  changeRole,
  resetPassword,
  setActive,
  setApiAccess,
  children,
}: {
  member: { email: string; role: TenantRole; memberActive: boolean; apiAccess: boolean };
  grantable: readonly TenantRole[];
  changeRole: FormAction;
  resetPassword: FormAction;
  setActive: (active: boolean) => Promise<ActionResult<unknown>>;
  setApiAccess: (apiAccess: boolean) => Promise<ActionResult<unknown>>;
  children?: ReactNode;
}) {
  return (
    // text-left: the dialogs live inside a right-aligned table cell.
    <div className="flex flex-col items-stretch gap-1.5 text-left sm:flex-row sm:items-center sm:justify-end">
      {children}
      <FormDialog label="Change role" title={`Change the role of ${member.email}`} action={changeRole} submitLabel="Save role" testId="change-role" size="sm">
        <RoleSelect grantable={grantable} defaultValue={member.role} />
      </FormDialog>
      <FormDialog
        label="Reset password"
        title={`Reset the password of ${member.email}`}
        description="They are signed out everywhere and sign in with the new password. Share it through a safe channel."
        action={resetPassword}
        submitLabel="Set password"
        closeOnSuccess={false}
        testId="reset-password"
        size="sm"
      >
        <TextField name="password" label="New password" type="password" autoComplete="new-password" hint="At least 10 characters." required />
      </FormDialog>
      <ConfirmAction
        testId={member.apiAccess ? "revoke-api" : "grant-api"}
        size="sm"
        variant={member.apiAccess ? "danger" : "primary"}
        label={member.apiAccess ? "Revoke API" : "Allow API"}
        title={member.apiAccess ? `Stop API access for ${member.email}?` : `Allow ${member.email} to use the Tenant API?`}
        body={member.apiAccess ? "Integrations signing in with this login get 401 from now on." : "Integrations can then sign in to the Tenant API with this login and password (HTTP Basic)."}
        confirmLabel={member.apiAccess ? "Revoke" : "Allow"}
        action={() => setApiAccess(!member.apiAccess)}
      />
      <ActiveToggle
        active={member.memberActive}
        subject={member.email}
        size="sm"
        testId="user"
        deactivateBody="They can no longer open this tenant. Their history stays, and you can reactivate them later."
        reactivateBody="They can open this tenant again with their current role."
        action={setActive}
      />
    </div>
  );
}
