"use client";

import { RoleSelect } from "@/components/tenant-users/role-select";
import { ActionForm, CheckboxField, SubmitButton, TextField } from "@/components/ui/form";
import type { ActionResult } from "@/lib/actions/result";
import type { TenantRole } from "@/lib/auth/permissions";

/** Adds a person to the tenant with a first password; roles are limited to what the actor may grant. */
export function AddUserForm({ action, grantable }: { action: (prev: unknown, form: FormData) => Promise<ActionResult<unknown>>; grantable: readonly TenantRole[] }) {
  return (
    <ActionForm action={action} resetOnSuccess testId="add-user-form">
      <div className="grid gap-4 md:grid-cols-2">
        <TextField name="name" label="Name" autoComplete="off" required />
        <TextField name="email" label="Email" type="email" autoComplete="off" required />
        <RoleSelect grantable={grantable} defaultValue="member" />
        <TextField name="password" label="Initial password" type="password" autoComplete="new-password" hint="At least 10 characters. Share it through a safe channel." required />
      <CheckboxField name="apiAccess" label="Can use the Tenant API" description="Integrations may sign in with this login and password (HTTP Basic)." />
      </div>
      <SubmitButton pendingLabel="Adding…">Add user</SubmitButton>
    </ActionForm>
  );
}
