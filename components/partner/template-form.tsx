import { ButtonLink } from "@/components/ui/button";
import { ActionForm, SubmitButton, TextAreaField, TextField } from "@/components/ui/form";
import type { ActionResult } from "@/lib/actions/result";
import { TenantSettingsFields, type TenantSettings } from "./settings-fields";

type Template = TenantSettings & { name: string; description: string };

const blank: Template = { name: "", description: "", languages: ["eng"], defaultLanguage: "eng", options: [] };

/** Create or edit a tenant template. */
export function TemplateForm({ action, template, cancelHref }: { action: (prev: unknown, form: FormData) => Promise<ActionResult<unknown>>; template?: Template; cancelHref: string }) {
  const t = template ?? blank;
  return (
    <ActionForm action={action} testId="template-form">
      <TextField name="name" label="Name" defaultValue={t.name} placeholder="Webshop, Nordic" required />
      <TextAreaField name="description" label="Description" defaultValue={t.description} hint="Shown when a partner picks the template for a new tenant." />
      <TenantSettingsFields initial={t} />
      <div className="flex flex-wrap justify-end gap-2 pt-2">
        <ButtonLink variant="secondary" href={cancelHref}>Cancel</ButtonLink>
        <SubmitButton>{template ? "Save template" : "Create template"}</SubmitButton>
      </div>
    </ActionForm>
  );
}
