"use client";

import { useId, useRef, useState, useTransition, type ReactNode } from "react";
import type { ActionResult } from "@/lib/actions/result";
import { Button, type ButtonSize } from "./button";

/**
 * A button that asks before running a destructive server action, then shows its outcome.
 */
export function ConfirmAction({
  label,
  title,
  body,
  confirmLabel,
  action,
  variant = "danger",
  testId,
  size,
}: {
  label: ReactNode;
  title: string;
  body: ReactNode;
  confirmLabel: string;
  action: () => Promise<ActionResult<unknown>>;
  variant?: "danger" | "primary" | "secondary";
  testId?: string;
  /** "sm" for the opening button inside table rows. */
  size?: ButtonSize;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  // Unique per instance: several confirmations on one page must each be named by their own title.
  const titleId = useId();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <Button variant={variant === "danger" ? "secondary" : variant} onClick={() => { setError(null); dialog.current?.showModal(); }} data-testid={testId} size={size}>
        {label}
      </Button>
      <dialog ref={dialog} className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40" aria-labelledby={titleId}>
        <div className="p-5">
          <h2 id={titleId} className="text-base font-semibold text-slate-900">{title}</h2>
          <div className="mt-2 text-sm text-slate-600">{body}</div>
          {error && <p className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="form-error">{error}</p>}
        </div>
        <div className="flex justify-end gap-2 border-t border-slate-100 bg-slate-50 px-5 py-3">
          <Button variant="secondary" onClick={() => dialog.current?.close()} disabled={pending}>Cancel</Button>
          <Button
            variant={variant}
            disabled={pending}
            data-testid="confirm-button"
            onClick={() =>
              start(async () => {
                const result = await action();
                if (result.ok) dialog.current?.close();
                else setError(result.error);
              })
            }
          >
            {pending ? "Working…" : confirmLabel}
          </Button>
        </div>
      </dialog>
    </>
  );
}
