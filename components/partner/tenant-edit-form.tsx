import { ActionForm, SubmitButton, TextField } from "@/components/ui/form";
import type { ActionResult } from "@/lib/actions/result";
import { TenantSettingsFields, type TenantSettings } from "./settings-fields";

/** Partner edit of a tenant; code name and customer reference are fixed at creation. */
export function TenantEditForm({ action, tenant }: { action: (prev: unknown, form: FormData) => Promise<ActionResult<unknown>>; tenant: TenantSettings & { fullName: string; email: string } }) {
  return (
    <ActionForm action={action} testId="tenant-edit-form">
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="fullName" label="Full name" defaultValue={tenant.fullName} required />
        <TextField name="email" label="Email" type="email" defaultValue={tenant.email} required />
      </div>
      <TenantSettingsFields initial={tenant} />
      <div className="pt-2">
        <SubmitButton>Save changes</SubmitButton>
      </div>
    </ActionForm>
  );
}
