"use client";

import { createContext, startTransition, useActionState, useContext, useEffect, useId, useRef, type ReactNode, type InputHTMLAttributes, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";
import { useFormStatus } from "react-dom";
import type { ActionResult } from "@/lib/actions/result";
import type { FieldErrors } from "@/lib/errors";
import { buttonClass } from "./button";
import { cn } from "./cn";

type State = ActionResult<unknown> | null;
const FormState = createContext<State>(null);
const FormPending = createContext(false);

/**
 * A form bound to a server action that returns ActionResult: shows the form error on top, field
 * errors under their fields, and a success message. `resetOnSuccess` clears it for the next entry.
 */
export function ActionForm({
  action,
  children,
  className,
  resetOnSuccess,
  onSuccess,
  testId,
}: {
  action: (state: State, formData: FormData) => Promise<State>;
  children: ReactNode;
  className?: string;
  resetOnSuccess?: boolean;
  onSuccess?: (data: unknown) => void;
  testId?: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok) {
      if (resetOnSuccess) ref.current?.reset();
      onSuccess?.(state.data);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state]);
  return (
    <FormState.Provider value={state}>
      <FormPending.Provider value={pending}>
        <form
          ref={ref}
          action={formAction}
          // React resets a form after every `action` submission, which would wipe the user's input when
          // the server answers with field errors. Dispatching ourselves keeps it; `action` stays for no-JS.
          onSubmit={(e) => {
            e.preventDefault();
            const data = new FormData(e.currentTarget, (e.nativeEvent as SubmitEvent).submitter);
            startTransition(() => formAction(data));
          }}
          className={cn("space-y-4", className)}
          noValidate
          data-testid={testId}
        >
          {state && !state.ok && (
            <div className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-inset ring-red-200" data-testid="form-error">
              {state.error}
            </div>
          )}
          {state?.ok && state.message && (
            <div className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ring-1 ring-inset ring-emerald-200" data-testid="form-success">
              {state.message}
            </div>
          )}
          {children}
        </form>
      </FormPending.Provider>
    </FormState.Provider>
  );
}

/**
 * Field errors that did not come from this form's own action (e.g. an editor that saves a larger
 * JSON document and gets errors back for each part): the fields inside show them as usual.
 */
export function FieldErrorsProvider({ errors, children }: { errors?: FieldErrors; children: ReactNode }) {
  return <FormState.Provider value={errors && Object.keys(errors).length ? { ok: false, error: "", fieldErrors: errors } : null}>{children}</FormState.Provider>;
}

function useFieldError(name: string): string | undefined {
  const state = useContext(FormState);
  if (!state || state.ok || !state.fieldErrors) return undefined;
  return state.fieldErrors[name]?.[0];
}

const controlClass =
  "block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-brand-500 disabled:bg-slate-50";

function FieldShell({ id, label, hint, error, children }: { id: string; label: ReactNode; hint?: ReactNode; error?: string; children: ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <div className="mt-1">{children}</div>
      {error ? (
        <p className="mt-1 text-sm text-red-700" id={`${id}-error`} data-testid="field-error">
          {error}
        </p>
      ) : hint ? (
        <p className="mt-1 text-xs text-slate-500">{hint}</p>
      ) : null}
    </div>
  );
}

export function TextField({ name, label, hint, className, ...props }: InputHTMLAttributes<HTMLInputElement> & { name: string; label: ReactNode; hint?: ReactNode }) {
  const id = useId();
  const error = useFieldError(name);
  return (
    <FieldShell id={id} label={label} hint={hint} error={error}>
      <input id={id} name={name} aria-invalid={!!error} aria-describedby={error ? `${id}-error` : undefined} className={cn(controlClass, error && "ring-red-400", className)} {...props} />
    </FieldShell>
  );
}

export function TextAreaField({ name, label, hint, ...props }: TextareaHTMLAttributes<HTMLTextAreaElement> & { name: string; label: ReactNode; hint?: ReactNode }) {
  const id = useId();
  const error = useFieldError(name);
  return (
    <FieldShell id={id} label={label} hint={hint} error={error}>
      <textarea id={id} name={name} aria-invalid={!!error} rows={3} className={cn(controlClass, error && "ring-red-400")} {...props} />
    </FieldShell>
  );
}

export function SelectField({ name, label, hint, options, ...props }: SelectHTMLAttributes<HTMLSelectElement> & { name: string; label: ReactNode; hint?: ReactNode; options: { value: string; label: string }[] }) {
  const id = useId();
  const error = useFieldError(name);
  return (
    <FieldShell id={id} label={label} hint={hint} error={error}>
      <select id={id} name={name} aria-invalid={!!error} className={cn(controlClass, error && "ring-red-400")} {...props}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** A group of checkboxes submitting every checked value under one name. */
export function CheckboxGroup({ name, label, options, defaultValue = [], hint, onChange }: { name: string; label: ReactNode; options: { value: string; label: string; description?: string; disabled?: boolean }[]; defaultValue?: string[]; hint?: ReactNode; onChange?: (checked: string[]) => void }) {
  const error = useFieldError(name);
  return (
    <fieldset
      // Lets a parent follow the selection (e.g. to offer only checked languages as the default).
      onChange={onChange && ((e) => onChange([...e.currentTarget.querySelectorAll<HTMLInputElement>(`input[name="${name}"]:checked`)].map((i) => i.value)))}
    >
      <legend className="block text-sm font-medium text-slate-800">{label}</legend>
      {hint && <p className="mt-0.5 text-xs text-slate-500">{hint}</p>}
      <div className="mt-2 grid grid-cols-1 gap-2 sm:grid-cols-2">
        {options.map((o) => (
          <label key={o.value} className={cn("flex items-start gap-2 rounded-md px-2 py-1.5 text-sm ring-1 ring-inset ring-slate-200", o.disabled ? "opacity-50" : "hover:bg-slate-50")}>
            <input type="checkbox" name={name} value={o.value} defaultChecked={defaultValue.includes(o.value)} disabled={o.disabled} className="mt-0.5 h-4 w-4 rounded border-slate-300 text-brand-600" />
            <span>
              <span className="font-medium text-slate-800">{o.label}</span>
              {o.description && <span className="block text-xs text-slate-500">{o.description}</span>}
            </span>
          </label>
        ))}
      </div>
      {error && (
        <p className="mt-1 text-sm text-red-700" data-testid="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}

export function SubmitButton({ children, variant = "primary", pendingLabel }: { children: ReactNode; variant?: "primary" | "danger" | "secondary"; pendingLabel?: string }) {
  const status = useFormStatus();
  const pending = useContext(FormPending) || status.pending;
  return (
    <button type="submit" disabled={pending} aria-busy={pending} className={buttonClass(variant)}>
      {pending && <span className="h-3.5 w-3.5 animate-spin rounded-full border-2 border-current border-r-transparent" aria-hidden />}
      {pending ? (pendingLabel ?? "Saving…") : children}
    </button>
  );
}

/** One checkbox with a label and an optional description; submits "on" when ticked. */
export function CheckboxField({ name, label, description, defaultChecked }: { name: string; label: ReactNode; description?: ReactNode; defaultChecked?: boolean }) {
  const error = useFieldError(name);
  return (
    <div>
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" name={name} defaultChecked={defaultChecked} className="mt-0.5 h-4 w-4 rounded border-slate-300 text-brand-600" />
        <span>
          <span className="font-medium text-slate-800">{label}</span>
          {description && <span className="block text-xs text-slate-500">{description}</span>}
        </span>
      </label>
      {error && (
        <p className="mt-1 text-sm text-red-700" data-testid="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
