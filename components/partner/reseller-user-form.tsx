"use client";

import { ActionForm, CheckboxGroup, SubmitButton, TextField } from "@/components/ui/form";
import type { ActionResult } from "@/lib/actions/result";
import { resellerPermissions } from "@/lib/auth/permissions";

/** Create a partner user; only permissions the signed-in user holds can be ticked. */
export function ResellerUserForm({ action, grantable }: { action: (prev: unknown, form: FormData) => Promise<ActionResult<unknown>>; grantable: string[] }) {
  return (
    <ActionForm action={action} resetOnSuccess testId="reseller-user-form">
      <TextField name="name" label="Name" required />
      <TextField name="email" label="Email" type="email" required />
      <TextField name="password" label="Initial password" type="password" autoComplete="new-password" hint="At least 10 characters." required />
      <CheckboxGroup
        name="permissions"
        label="Permissions"
        defaultValue={grantable.filter((p) => p.endsWith(".view"))}
        options={resellerPermissions.map((p) => ({ value: p.code, label: p.label, disabled: !grantable.includes(p.code) }))}
      />
      <SubmitButton>Add user</SubmitButton>
    </ActionForm>
  );
}
