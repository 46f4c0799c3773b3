"use client";

import { useState } from "react";
import { formatDateTime } from "@/components/connections/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { cn } from "@/components/ui/cn";
import type { PreviewAnswer } from "@/lib/schemas/manipulators";
import { StepBadges } from "./link-card";
import type { RecentRecordOption } from "./types";

const show = (v: unknown) => {
  if (v === undefined) return "—";
  const s = JSON.stringify(v);
  return s.length > 160 ? `${s.slice(0, 157)}…` : s;
};

const control = "block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-brand-500";

export type PreviewSource = { kind: "recent"; localId: string } | { kind: "paste"; text: string };

/**
 * Preview: a recent real record (or a pasted one) through the chain as it is edited, without
 * saving anything; what changed, path by path, and what each link did.
 */
export function PreviewPanel({
  recent,
  typeLabel,
  source,
  onSource,
  onRun,
  pending,
  error,
  result,
  stale,
  linkNames,
  enabled,
}: {
  recent: RecentRecordOption[];
  typeLabel: string;
  source: PreviewSource;
  onSource: (s: PreviewSource) => void;
  onRun: () => void;
  pending: boolean;
  error: string | null;
  result: PreviewAnswer | null;
  stale: boolean;
  linkNames: string[];
  enabled: boolean[];
}) {
  const [showAfter, setShowAfter] = useState(false);
  const tab = (kind: PreviewSource["kind"], label: string) => (
    <button
      type="button"
      aria-pressed={source.kind === kind}
      onClick={() => onSource(kind === "recent" ? { kind, localId: recent[0]?.localId ?? "" } : { kind, text: source.kind === "paste" ? source.text : JSON.stringify(recent.find((r) => r.localId === (source as { localId: string }).localId)?.record ?? {}, null, 2) })}
      className={source.kind === kind ? "bg-brand-600 px-3 py-1.5 text-xs font-medium text-white" : "bg-white px-3 py-1.5 text-xs font-medium text-slate-700 hover:bg-slate-50"}
    >
      {label}
    </button>
  );
  return (
    <section className="rounded-lg bg-white shadow-sm ring-1 ring-slate-200" aria-labelledby="preview-heading" data-testid="preview">
      <header className="border-b border-slate-100 px-5 py-4">
        <h2 id="preview-heading" className="text-base font-semibold text-slate-900">Preview</h2>
        <p className="mt-0.5 text-sm text-slate-500">Runs the chain as edited here (unsaved) on one record. Nothing is saved or sent.</p>
      </header>
      <div className="space-y-4 px-5 py-4">
        <div role="group" aria-label="Record to preview" className="inline-flex overflow-hidden rounded-md shadow-sm ring-1 ring-slate-300">
          {tab("recent", "Recent record")}
          {tab("paste", "Paste JSON")}
        </div>
        {source.kind === "recent" ? (
          recent.length ? (
            <div>
              <label htmlFor="preview-record" className="block text-sm font-medium text-slate-800">
                {typeLabel}
              </label>
              <select id="preview-record" className={cn(control, "mt-1")} value={source.localId} onChange={(e) => onSource({ kind: "recent", localId: e.target.value })} data-testid="preview-record">
                {recent.map((r) => (
                  <option key={r.localId} value={r.localId}>
                    {r.label} · {formatDateTime(r.lastModified)}
                  </option>
                ))}
              </select>
            </div>
          ) : (
            <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-600">No recent {typeLabel.toLowerCase()} records to try yet. Paste one as JSON instead.</p>
          )
        ) : (
          <div>
            <label htmlFor="preview-json" className="block text-sm font-medium text-slate-800">
              Record (JSON, in the Tenant API shape)
            </label>
            <textarea
              id="preview-json"
              className={cn(control, "mt-1 font-mono text-xs")}
              rows={10}
              spellCheck={false}
              value={source.text}
              onChange={(e) => onSource({ kind: "paste", text: e.target.value })}
              data-testid="preview-json"
            />
          </div>
        )}
        <Button onClick={onRun} disabled={pending || (source.kind === "recent" && !recent.length)} data-testid="run-preview">
          {pending ? "Running…" : "Run preview"}
        </Button>
        {error && (
          <Callout tone="red" testId="preview-error">
            {error}
          </Callout>
        )}
        {result && (
          <div className="space-y-4" data-testid="preview-result">
            {stale && (
              <Callout tone="amber" small testId="preview-stale">
                The chain changed since this preview; run it again to see the effect.
              </Callout>
            )}
            <Outcome result={result} />
            <div>
              <h3 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">Links</h3>
              {result.steps.length === 0 ? (
                <p className="text-sm text-slate-500">The chain is empty: the record passes unchanged.</p>
              ) : (
                <ol className="space-y-1.5" data-testid="preview-steps">
                  {result.steps.map((s, i) => (
                    <li key={i} className="flex flex-wrap items-center gap-2 text-sm" data-testid="preview-step" data-matched={s.matched} data-changed={s.changed}>
                      <span className="text-slate-500">{i + 1}.</span>
                      <span className="font-medium text-slate-800">{linkNames[i] ?? s.key}</span>
                      <StepBadges step={s} enabled={enabled[i] ?? true} />
                      {s.error && <span className="w-full pl-5 text-xs text-red-700">{s.error}</span>}
                    </li>
                  ))}
                </ol>
              )}
            </div>
            {result.outcome === "ok" && (
              <div>
                <h3 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">Changes</h3>
                {result.changes.length === 0 ? (
                  <p className="text-sm text-slate-500" data-testid="no-changes">No field changed.</p>
                ) : (
                  // One entry per path, the old value over the new one: reads well in a narrow panel.
                  <ul className="divide-y divide-slate-100 overflow-hidden rounded-md text-xs ring-1 ring-slate-200" data-testid="preview-diff">
                    {result.changes.map((c) => (
                      <li key={c.path} className="bg-white px-3 py-2" data-testid="diff-row" data-path={c.path} data-kind={c.kind}>
                        <div className="flex flex-wrap items-baseline gap-2">
                          <code className="font-mono font-medium text-slate-800">{c.path}</code>
                          {c.kind !== "changed" && <span className="text-slate-500">{c.kind}</span>}
                        </div>
                        {c.kind !== "added" && (
                          <div className="mt-1 flex gap-2 rounded bg-red-50 px-2 py-1 text-red-800">
                            <span aria-hidden className="select-none">−</span>
                            <code className="min-w-0 break-words font-mono" data-testid="diff-before">{show(c.before)}</code>
                          </div>
                        )}
                        {c.kind !== "removed" && (
                          <div className="mt-1 flex gap-2 rounded bg-emerald-50 px-2 py-1 text-emerald-800">
                            <span aria-hidden className="select-none">+</span>
                            <code className="min-w-0 break-words font-mono" data-testid="diff-after">{show(c.after)}</code>
                          </div>
                        )}
                      </li>
                    ))}
                  </ul>
                )}
                <button type="button" className="mt-2 text-xs font-medium text-brand-700 hover:underline" onClick={() => setShowAfter((v) => !v)}>
                  {showAfter ? "Hide the record after the chain" : "Show the whole record after the chain"}
                </button>
                {showAfter && <pre className="mt-2 max-h-96 overflow-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100">{JSON.stringify(result.after, null, 2)}</pre>}
              </div>
            )}
          </div>
        )}
      </div>
    </section>
  );
}

function Outcome({ result }: { result: PreviewAnswer }) {
  if (result.outcome === "ok") {
    const n = result.changes.length;
    return (
      <p className="flex flex-wrap items-center gap-2 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900 ring-1 ring-inset ring-emerald-200" data-testid="preview-outcome" data-outcome="ok">
        <Badge tone="green">OK</Badge> The record goes on{n ? ` with ${n} change${n === 1 ? "" : "s"}` : ", unchanged"}.
      </p>
    );
  }
  if (result.outcome === "ignore") {
    return (
      <p className="flex flex-wrap items-center gap-2 rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-800 ring-1 ring-inset ring-slate-200" data-testid="preview-outcome" data-outcome="ignore">
        <Badge>Ignored</Badge> {result.message}
      </p>
    );
  }
  return (
    <p className="flex flex-wrap items-center gap-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-900 ring-1 ring-inset ring-red-200" data-testid="preview-outcome" data-outcome="fail">
      <Badge tone="red">Failed</Badge> {result.message}
    </p>
  );
}
