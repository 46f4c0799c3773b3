"use client";

import { useRouter } from "next/navigation";
import { ActionForm, SubmitButton, TextField } from "@/components/ui/form";
import { createResellerAction } from "@/app/admin/actions";

export function CreateResellerForm() {
  const router = useRouter();
  return (
    <ActionForm action={createResellerAction} resetOnSuccess onSuccess={(d) => router.push(`/admin/resellers/${(d as { codeName: string }).codeName}`)} testId="create-reseller-form">
      <TextField name="name" label="Name" placeholder="Nordic Commerce Partners" required />
      <TextField name="codeName" label="Code name" placeholder="nordic" hint="Lowercase letters, digits and dashes." required />
      <SubmitButton>Create reseller</SubmitButton>
    </ActionForm>
  );
}
