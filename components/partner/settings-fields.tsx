"use client";

import { useState } from "react";
import { CheckboxGroup, SelectField } from "@/components/ui/form";
import { languages as allLanguages, tenantOptions } from "@/lib/catalog";

export type TenantSettings = { languages: string[]; defaultLanguage: string; options: string[] };

/**
 * Languages, default language and options: shared by the tenant and template forms. The default
 * language offers only the checked languages. Remount (change `key`) to load other values.
 */
export function TenantSettingsFields({ initial }: { initial: TenantSettings }) {
  const [checked, setChecked] = useState(initial.languages);
  const [preferred, setPreferred] = useState(initial.defaultLanguage);
  // Keep the chosen default while it stays checked; otherwise fall back to the first checked language.
  const defaultLanguage = checked.includes(preferred) ? preferred : (checked[0] ?? "");
  return (
    <>
      <CheckboxGroup
        name="languages"
        label="Languages"
        hint="Languages the tenant's records and documents can use."
        defaultValue={initial.languages}
        onChange={setChecked}
        options={allLanguages.map((l) => ({ value: l.iso3, label: l.name }))}
      />
      <SelectField
        name="defaultLanguage"
        label="Default language"
        value={defaultLanguage}
        onChange={(e) => setPreferred(e.target.value)}
        options={
          checked.length
            ? allLanguages.filter((l) => checked.includes(l.iso3)).map((l) => ({ value: l.iso3, label: `${l.name} (${l.iso3})` }))
            : [{ value: "", label: "Check at least one language first" }]
        }
      />
      <CheckboxGroup
        name="options"
        label="Options"
        hint="Features switched on for the tenant."
        defaultValue={initial.options}
        options={tenantOptions.map((o) => ({ value: o.code, label: o.name, description: o.description }))}
      />
    </>
  );
}
