"use client";

import { useRef, type DragEvent } from "react";
import { SettingsFields } from "@/components/connections/settings-fields";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { cn } from "@/components/ui/cn";
import { FieldErrorsProvider } from "@/components/ui/form";
import { fieldErrorsFor, readSettings } from "@/lib/connectors/settings-form";
import { ValidationError, type FieldErrors } from "@/lib/errors";
import type { StepResult } from "@/lib/manipulators/types";
import { ConditionsEditor } from "@/components/conditions/conditions-editor";
import { PairsField } from "./pairs-field";
import type { OperatorInfo } from "@/components/conditions/types";
import type { EditorLink, LibraryEntry } from "./types";

export type LinkErrors = { link: string[]; settings: FieldErrors; conditions: FieldErrors };

/** What the last preview said about this link. */
export function StepBadges({ step, enabled }: { step?: StepResult; enabled: boolean }) {
  if (!step) return null;
  return (
    <span className="flex flex-wrap items-center gap-1.5" data-testid="step-badges">
      {!step.matched ? (
        <Badge tone="gray">{enabled ? "Skipped: conditions did not match" : "Skipped: disabled"}</Badge>
      ) : (
        <Badge tone="blue">Matched</Badge>
      )}
      {step.matched && !step.error && <Badge tone={step.changed ? "green" : "gray"}>{step.changed ? "Changed" : "No change"}</Badge>}
      {step.error && <Badge tone="red">Error</Badge>}
    </span>
  );
}

/**
 * One link of the chain: its place (drag handle, up/down), on/off, the settings form generated from
 * the manipulator's schema, and its conditions. Errors the server gave for it show at their fields.
 */
export function LinkCard({
  link,
  index,
  count,
  entry,
  operators,
  paths,
  errors,
  step,
  readOnly,
  dragging,
  dropTarget,
  onChange,
  onMove,
  onRemove,
  drag,
}: {
  link: EditorLink;
  index: number;
  count: number;
  entry?: LibraryEntry;
  operators: OperatorInfo[];
  paths: string[];
  errors?: LinkErrors;
  step?: StepResult;
  readOnly: boolean;
  dragging: boolean;
  dropTarget: boolean;
  onChange: (patch: Partial<EditorLink>) => void;
  onMove: (to: number) => void;
  onRemove: () => void;
  drag: { onDragStart: (e: DragEvent) => void; onDragOver: (e: DragEvent) => void; onDrop: (e: DragEvent) => void; onDragEnd: () => void };
}) {
  const form = useRef<HTMLFormElement>(null);
  const name = entry?.name ?? link.key;
  const pairs = new Set(entry?.pairs ?? []);
  const recompute = () => {
    if (!form.current) return;
    try {
      onChange({ settings: readSettings(link.fields, new FormData(form.current)), localErrors: {} });
    } catch (e) {
      if (e instanceof ValidationError) onChange({ localErrors: e.fieldErrors ?? {} });
      else throw e;
    }
  };
  const fieldErrors = { ...fieldErrorsFor(link.fields, errors?.settings ?? {}), ...link.localErrors };
  const linkErrors = errors?.link ?? [];
  const hasErrors = linkErrors.length > 0 || Object.keys(fieldErrors).length > 0 || Object.keys(errors?.conditions ?? {}).length > 0;
  return (
    <li
      className={cn(
        "rounded-lg shadow-sm transition",
        link.enabled ? "bg-white" : "bg-slate-50",
        // One ring colour at a time: classes are joined, not merged.
        dragging ? "opacity-50 ring-2 ring-brand-500" : hasErrors ? "ring-2 ring-red-300" : "ring-1 ring-slate-200",
        dropTarget && "outline-2 outline-offset-2 outline-dashed outline-brand-500",
      )}
      data-invalid={hasErrors || undefined}
      onDragOver={drag.onDragOver}
      onDrop={drag.onDrop}
      data-testid="chain-link"
      data-key={link.key}
    >
      <header className="flex flex-wrap items-start gap-3 border-b border-slate-100 px-4 py-3">
        {!readOnly && (
          <span
            draggable
            onDragStart={drag.onDragStart}
            onDragEnd={drag.onDragEnd}
            className="mt-0.5 cursor-grab select-none rounded px-1 text-lg leading-none text-slate-400 hover:bg-slate-100 hover:text-slate-600 active:cursor-grabbing"
            title="Drag to reorder"
            aria-hidden
            data-testid="drag-handle"
          >
            ⠿
          </span>
        )}
        {/* Grows to a readable width first; the controls wrap below it on narrow screens. */}
        <div className="min-w-0 flex-1 basis-56">
          <div className="flex flex-wrap items-center gap-2">
            <span className="flex h-6 w-6 shrink-0 items-center justify-center rounded-full bg-slate-100 text-xs font-semibold text-slate-600">{index + 1}</span>
            <h3 className={cn("text-sm font-semibold", link.enabled ? "text-slate-900" : "text-slate-500")} data-testid="link-name">
              {name}
            </h3>
            {!link.enabled && <Badge>Disabled</Badge>}
            <StepBadges step={step} enabled={link.enabled} />
          </div>
          {entry?.description && <p className="mt-0.5 text-xs text-slate-500">{entry.description}</p>}
          {!entry && <p className="mt-0.5 text-xs text-red-700">This manipulator is not in the library (any more); remove it or the chain cannot be saved.</p>}
        </div>
        <div className="flex flex-wrap items-center gap-1.5">
          <label className="mr-1 flex items-center gap-1.5 text-xs font-medium text-slate-700">
            <input type="checkbox" className="h-4 w-4 rounded border-slate-300 text-brand-600" checked={link.enabled} disabled={readOnly} onChange={(e) => onChange({ enabled: e.target.checked })} data-testid="link-enabled" />
            Enabled
          </label>
          {!readOnly && (
            <>
              <Button variant="secondary" size="sm" disabled={index === 0} onClick={() => onMove(index - 1)} aria-label={`Move ${name} up`} data-testid="move-up">
                ↑
              </Button>
              <Button variant="secondary" size="sm" disabled={index === count - 1} onClick={() => onMove(index + 1)} aria-label={`Move ${name} down`} data-testid="move-down">
                ↓
              </Button>
              <Button variant="ghost" size="sm" onClick={onRemove} aria-label={`Remove ${name}`} data-testid="remove-link">
                Remove
              </Button>
            </>
          )}
        </div>
      </header>
      <div className="space-y-4 px-4 py-4">
        {linkErrors.length > 0 && (
          <Callout tone="red" testId="link-error">
            {linkErrors.join(" ")}
          </Callout>
        )}
        {step?.error && (
          <Callout tone="red" testId="step-error">
            Preview: {step.error}
          </Callout>
        )}
        {link.fields.length > 0 ? (
          <form ref={form} onChange={recompute} onSubmit={(e) => e.preventDefault()} noValidate data-testid="link-settings">
            <fieldset disabled={readOnly} className="grid gap-4 sm:grid-cols-2">
              <FieldErrorsProvider errors={fieldErrors}>
                {link.fields.map((f) =>
                  pairs.has(f.name) && f.kind === "json" ? (
                    <div key={f.name} className="sm:col-span-2">
                      <PairsField name={f.name} label={f.label} hint={f.help} value={f.value} error={fieldErrors[f.name]?.[0]} onChange={recompute} />
                    </div>
                  ) : (
                    <div key={f.name} className={f.kind === "json" || f.kind === "checkboxes" ? "sm:col-span-2" : undefined}>
                      <SettingsFields fields={[f]} />
                    </div>
                  ),
                )}
              </FieldErrorsProvider>
            </fieldset>
          </form>
        ) : (
          <p className="text-sm text-slate-500">No settings.</p>
        )}
        <div className="border-t border-slate-100 pt-3">
          <h4 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">Conditions</h4>
          <ConditionsEditor
            rows={link.conditions}
            match={link.match}
            operators={operators}
            paths={paths}
            errors={errors?.conditions ?? {}}
            disabled={readOnly}
            onChange={(conditions, match) => onChange({ conditions, match })}
          />
        </div>
      </div>
    </li>
  );
}
