"use client";

import { CheckboxField, CheckboxGroup, SelectField, TextAreaField, TextField } from "@/components/ui/form";
import type { SettingsField } from "@/lib/connectors/settings-form";

/** "paid" → "Paid", "partially_paid" → "Partially paid", "on-hold" → "On hold". */
const optionLabel = (v: string) => (/^[A-Z0-9]+$/.test(v) ? v : (v.charAt(0).toUpperCase() + v.slice(1)).replace(/[_-]/g, " "));

function Label({ field }: { field: SettingsField }) {
  return (
    <>
      {field.label}
      {field.required && (
        <span className="ml-0.5 text-red-600" title="Required">
          *
        </span>
      )}
    </>
  );
}

/**
 * A generated settings form's fields (lib/connectors/settings-form.ts). Secrets are password inputs
 * that never hold a value; a saved one says so in its placeholder.
 */
export function SettingsFields({ fields }: { fields: SettingsField[] }) {
  return (
    <>
      {fields.map((f) => {
        const common = { name: f.name, label: <Label field={f} />, hint: f.help };
        switch (f.kind) {
          case "secret":
            return <TextField key={f.name} {...common} type="password" autoComplete="new-password" placeholder={f.saved ? "Saved — leave empty to keep" : undefined} />;
          case "select":
            return <SelectField key={f.name} {...common} defaultValue={f.value} options={[...(f.required && f.value ? [] : [{ value: "", label: f.required ? "Choose…" : "—" }]), ...f.options.map((o) => ({ value: o, label: optionLabel(o) }))]} />;
          case "checkbox":
            return <CheckboxField key={f.name} name={f.name} label={f.label} description={f.help} defaultChecked={f.value} />;
          case "checkboxes":
            return <CheckboxGroup key={f.name} name={f.name} label={<Label field={f} />} hint={f.help} defaultValue={f.value} options={f.options.map((o) => ({ value: o, label: optionLabel(o) }))} />;
          case "number":
            return <TextField key={f.name} {...common} type="number" step={f.integer ? 1 : "any"} defaultValue={f.value} />;
          case "list":
            return <TextField key={f.name} {...common} defaultValue={f.value} hint={[f.help, "Separate values with commas."].filter(Boolean).join(" ")} />;
          case "json":
            return <TextAreaField key={f.name} {...common} defaultValue={f.value} rows={Math.min(12, Math.max(4, f.value.split("\n").length))} style={{ fontFamily: "ui-monospace, SFMono-Regular, monospace", fontSize: "0.8rem" }} spellCheck={false} hint={[f.help, "JSON."].filter(Boolean).join(" ")} />;
          default:
            return <TextField key={f.name} {...common} type={f.inputType} defaultValue={f.value} autoComplete="off" />;
        }
      })}
    </>
  );
}
