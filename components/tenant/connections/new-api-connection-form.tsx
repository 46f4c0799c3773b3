"use client";

import Link from "next/link";
import { useState } from "react";
import { ActionForm, SubmitButton, TextField } from "@/components/ui/form";
import type { ActionResult } from "@/lib/actions/result";

/** Creates an API connection and shows its id, which the integration needs as X-ConnectionId. */
export function NewApiConnectionForm({ action, listHref }: { action: (prev: unknown, form: FormData) => Promise<ActionResult<unknown>>; listHref?: string }) {
  const [created, setCreated] = useState<string | null>(null);
  return (
    <ActionForm action={action} resetOnSuccess testId="new-api-connection-form" onSuccess={(data) => setCreated((data as { connectionId?: string } | undefined)?.connectionId ?? null)}>
      <TextField name="name" label="Name" placeholder="PIM integration" hint="What the integration is, as your team calls it." required />
      {created && (
        <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700 ring-1 ring-inset ring-slate-200">
          Connection id: <code className="select-all break-all font-mono text-xs text-slate-900" data-testid="created-connection-id">{created}</code>
          {listHref && (
            <>
              {" "}· <Link href={listHref} className="font-medium text-brand-700 hover:underline">Back to connections</Link>
            </>
          )}
        </p>
      )}
      <SubmitButton pendingLabel="Creating…">Create connection</SubmitButton>
    </ActionForm>
  );
}
