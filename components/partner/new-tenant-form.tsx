"use client";

import { useState } from "react";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ActionForm, SelectField, SubmitButton, TextField } from "@/components/ui/form";
import type { ActionResult } from "@/lib/actions/result";
import { slugify } from "@/lib/schemas/common";
import { TenantSettingsFields, type TenantSettings } from "./settings-fields";

export type TemplateChoice = TenantSettings & { id: string; name: string; description: string };

const blank: TenantSettings = { languages: ["eng"], defaultLanguage: "eng", options: [] };

/**
 * New tenant: a template prefills languages and options (still editable), the code name is derived
 * from the customer reference as the user types, and the first owner is optional.
 */
export function NewTenantForm({ action, templates, cancelHref }: { action: (prev: unknown, form: FormData) => Promise<ActionResult<unknown>>; templates: TemplateChoice[]; cancelHref: string }) {
  const [templateId, setTemplateId] = useState("");
  const [reference, setReference] = useState("");
  const template = templates.find((t) => t.id === templateId);
  const codeName = slugify(reference);
  return (
    <ActionForm action={action} testId="new-tenant-form" className="space-y-6">
      <Card title="Start from" description="A template fills in languages and options; you can still change them below.">
        <SelectField
          name="templateId"
          label="Template"
          value={templateId}
          onChange={(e) => setTemplateId(e.target.value)}
          options={[{ value: "", label: "Blank" }, ...templates.map((t) => ({ value: t.id, label: t.name }))]}
          hint={template?.description || (templateId ? undefined : "English only, no options switched on.")}
        />
      </Card>

      <Card title="Tenant">
        <div className="grid gap-4 sm:grid-cols-2">
          <div className="sm:col-span-2">
            <TextField
              name="customerReference"
              label="Customer reference"
              placeholder="ACME-1042"
              value={reference}
              onChange={(e) => setReference(e.target.value)}
              autoComplete="off"
              required
              hint={
                <span data-testid="code-name-preview">
                  {codeName ? (
                    <>
                      Code name <span className="font-mono text-slate-700">{codeName}</span> — used in URLs and the API, cannot change later.
                    </>
                  ) : (
                    "Your reference for this customer. The tenant's code name is derived from it."
                  )}
                </span>
              }
            />
          </div>
          <TextField name="fullName" label="Full name" placeholder="Acme Sports AB" required />
          <TextField name="email" label="Email" type="email" placeholder="it@acme.example" hint="Contact address for operational notices." required />
        </div>
      </Card>

      <Card title="Settings">
        <div className="space-y-4">
          <TenantSettingsFields key={templateId} initial={template ?? blank} />
        </div>
      </Card>

      <Card title="First user (owner)" description="Optional. Leave empty to add users later from the tenant page.">
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField name="owner.name" label="Owner's name" autoComplete="off" />
          <TextField name="owner.email" label="Owner's email" type="email" autoComplete="off" hint="Their login." />
          <TextField name="owner.password" label="Initial password" type="password" autoComplete="new-password" hint="At least 10 characters. Share it through a safe channel." />
        </div>
      </Card>

      <div className="flex flex-wrap justify-end gap-2">
        <ButtonLink variant="secondary" href={cancelHref}>Cancel</ButtonLink>
        <SubmitButton pendingLabel="Creating…">Create tenant</SubmitButton>
      </div>
    </ActionForm>
  );
}
