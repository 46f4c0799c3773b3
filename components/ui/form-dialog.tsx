"use client";

import { useRef, useState, type ReactNode } from "react";
import type { ActionResult } from "@/lib/actions/result";
import { Button, type ButtonSize } from "./button";
import { ActionForm, SubmitButton } from "./form";

type FormAction = (prev: unknown, form: FormData) => Promise<ActionResult<unknown>>;

/**
 * A button that opens a small form in a modal dialog (change role, reset password, add user …).
 * Each opening starts with a fresh form, so an earlier error or success message never lingers.
 * With closeOnSuccess=false it stays open to show the success message (e.g. a new password was set).
 */
export function FormDialog({
  label,
  title,
  description,
  action,
  submitLabel,
  closeOnSuccess = true,
  variant = "secondary",
  size,
  testId,
  children,
}: {
  label: ReactNode;
  title: string;
  description?: ReactNode;
  action: FormAction;
  submitLabel: string;
  closeOnSuccess?: boolean;
  variant?: "primary" | "secondary";
  size?: ButtonSize;
  testId?: string;
  children: ReactNode;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [opened, setOpened] = useState(0);
  const [done, setDone] = useState(false);
  const close = () => dialog.current?.close();
  return (
    <>
      <Button
        variant={variant}
        size={size}
        data-testid={testId}
        onClick={() => {
          setOpened((n) => n + 1);
          setDone(false);
          dialog.current?.showModal();
        }}
      >
        {label}
      </Button>
      <dialog ref={dialog} className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg p-0 text-left shadow-xl backdrop:bg-slate-900/40" aria-label={title}>
        <div className="px-5 pt-5">
          <h2 className="text-base font-semibold text-slate-900">{title}</h2>
          {description && <div className="mt-1 text-sm text-slate-600">{description}</div>}
        </div>
        <ActionForm key={opened} action={action} className="px-5 pt-4" resetOnSuccess onSuccess={closeOnSuccess ? close : () => setDone(true)}>
          {children}
          {/* The footer bleeds to the dialog edges; the form keeps its padding for errors and fields. */}
          <div className="-mx-5 mt-5 flex justify-end gap-2 rounded-b-lg border-t border-slate-100 bg-slate-50 px-5 py-3">
            <Button variant="secondary" onClick={close}>
              {done ? "Close" : "Cancel"}
            </Button>
            <SubmitButton>{submitLabel}</SubmitButton>
          </div>
        </ActionForm>
      </dialog>
    </>
  );
}
