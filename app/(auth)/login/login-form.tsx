"use client";

import { ActionForm, SubmitButton, TextField } from "@/components/ui/form";
import { loginAction } from "../actions";

export function LoginForm({ next }: { next: string }) {
  return (
    <ActionForm action={loginAction} testId="login-form">
      <input type="hidden" name="next" value={next} />
      <TextField name="email" label="Email" type="email" autoComplete="username" required autoFocus />
      <TextField name="password" label="Password" type="password" autoComplete="current-password" required />
      <div className="pt-2">
        <SubmitButton pendingLabel="Signing in…">Sign in</SubmitButton>
      </div>
    </ActionForm>
  );
}
