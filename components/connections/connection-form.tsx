"use client";

import { ActionForm, SubmitButton, TextField } from "@/components/ui/form";
import type { ActionResult } from "@/lib/actions/result";
import type { SettingsField } from "@/lib/connectors/settings-form";
import { SettingsFields } from "./settings-fields";

/** New connection and "Edit settings": the connection's name and its connector's generated settings. */
export function ConnectionForm({ action, fields, name, namePlaceholder, submitLabel, testId }: { action: (prev: unknown, form: FormData) => Promise<ActionResult<unknown>>; fields: SettingsField[]; name?: string; namePlaceholder?: string; submitLabel: string; testId?: string }) {
  return (
    <ActionForm action={action} testId={testId}>
      <TextField
        name="name"
        label={
          <>
            Name<span className="ml-0.5 text-red-600">*</span>
          </>
        }
        defaultValue={name}
        placeholder={namePlaceholder}
        hint="How your team tells this connection apart, e.g. the shop's market."
        autoComplete="off"
      />
      <SettingsFields fields={fields} />
      <div className="pt-1">
        <SubmitButton pendingLabel="Saving…">{submitLabel}</SubmitButton>
      </div>
    </ActionForm>
  );
}
