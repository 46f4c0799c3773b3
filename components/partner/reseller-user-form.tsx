"use client";

import { ActionForm, CheckboxGroup, SubmitButton, TextField } from "@/components/ui/form";
import type { ActionResult } from "@/lib/actions/result";
import { resellerPermissions } from "@/lib/auth/permissions";

/**
 * Create a partner user, or edit one (`user` given: name and permissions only). Only permissions the
 * signed-in user holds can be ticked; ones they cannot grant stay as they are.
 */
export function ResellerUserForm({
  action,
  grantable,
  user,
}: {
  action: (prev: unknown, form: FormData) => Promise<ActionResult<unknown>>;
  grantable: string[];
  user?: { name: string; permissions: string[] };
}) {
  // Disabled checkboxes are not submitted: carry the kept ones along so saving does not drop them.
  const kept = user ? user.permissions.filter((p) => !grantable.includes(p)) : [];
  return (
    <ActionForm action={action} resetOnSuccess={!user} testId="reseller-user-form">
      <TextField name="name" label="Name" defaultValue={user?.name} required />
      {!user && (
        <>
          <TextField name="email" label="Email" type="email" required />
          <TextField name="password" label="Initial password" type="password" autoComplete="new-password" hint="At least 10 characters." required />
        </>
      )}
      <CheckboxGroup
        name="permissions"
        label="Permissions"
        hint={grantable.length < resellerPermissions.length ? "Greyed-out permissions are ones you do not hold yourself, so you cannot change them." : undefined}
        defaultValue={user ? user.permissions : grantable.filter((p) => p.endsWith(".view"))}
        options={resellerPermissions.map((p) => ({ value: p.code, label: p.label, disabled: !grantable.includes(p.code) }))}
      />
      {kept.map((p) => (
        <input key={p} type="hidden" name="permissions" value={p} />
      ))}
      <SubmitButton>{user ? "Save changes" : "Add user"}</SubmitButton>
    </ActionForm>
  );
}
