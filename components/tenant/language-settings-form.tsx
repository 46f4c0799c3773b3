"use client";

import { ActionForm, CheckboxGroup, SelectField, SubmitButton } from "@/components/ui/form";
import type { ActionResult } from "@/lib/actions/result";
import { languages } from "@/lib/catalog";

/** The languages records may carry text in, and the one used when a text has no language. */
export function LanguageSettingsForm({ action, defaultLanguage, selected }: { action: (prev: unknown, form: FormData) => Promise<ActionResult<unknown>>; defaultLanguage: string; selected: string[] }) {
  return (
    <ActionForm action={action} testId="language-settings-form">
      <CheckboxGroup
        name="languages"
        label="Languages"
        hint="Translatable texts such as product titles are kept in these languages."
        defaultValue={selected}
        options={languages.map((l) => ({ value: l.iso3, label: l.name, description: `${l.iso3} · ${l.iso1}` }))}
      />
      <div className="max-w-xs">
        <SelectField
          name="defaultLanguage"
          label="Default language"
          hint="Must be one of the languages above."
          defaultValue={defaultLanguage}
          options={languages.map((l) => ({ value: l.iso3, label: `${l.name} (${l.iso3})` }))}
        />
      </div>
      <SubmitButton>Save settings</SubmitButton>
    </ActionForm>
  );
}
