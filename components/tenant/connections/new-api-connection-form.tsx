"use client";

import { ActionForm, SubmitButton, TextField } from "@/components/ui/form";
import type { ActionResult } from "@/lib/actions/result";

export function NewApiConnectionForm({ action }: { action: (prev: unknown, form: FormData) => Promise<ActionResult<unknown>> }) {
  return (
    <ActionForm action={action} resetOnSuccess testId="new-api-connection-form">
      <TextField name="name" label="Name" placeholder="PIM integration" hint="What the integration is, as your team calls it." required />
      <SubmitButton pendingLabel="Creating…">Create connection</SubmitButton>
    </ActionForm>
  );
}
