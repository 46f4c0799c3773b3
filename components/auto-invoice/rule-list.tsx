"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { formatDateTime } from "@/components/connections/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import type { ActionResult } from "@/lib/actions/result";

export type RuleListItem = {
  id: string;
  name: string;
  enabled: boolean;
  summary: { conditions: string; actions: string };
  stats: { invoicesCreated: number; lastInvoiceAt: string | null; errors: number } | null;
};

/**
 * The rules in the order they are tried: the first enabled rule that matches an order invoices it.
 * Each row: its place (up/down), on/off, and what it does in one line each.
 */
export function RuleList({
  code,
  rules,
  canWrite,
  setEnabled,
  move,
}: {
  code: string;
  rules: RuleListItem[];
  canWrite: boolean;
  setEnabled: (ruleId: string, enabled: boolean) => Promise<ActionResult<unknown>>;
  move: (ruleId: string, position: number) => Promise<ActionResult<unknown>>;
}) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const act = (fn: () => Promise<ActionResult<unknown>>) =>
    start(async () => {
      setError(null);
      const r = await fn();
      if (!r.ok) setError(r.error);
    });
  return (
    <div className="space-y-3">
      {error && (
        <Callout tone="red" testId="form-error">
          {error}
        </Callout>
      )}
      <ol className="space-y-3" data-testid="rules">
        {rules.map((r, i) => (
          <li key={r.id} className="flex gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:gap-4 sm:p-5" data-testid="rule-row" data-rule={r.id}>
            <span className="mt-0.5 flex h-6 w-6 shrink-0 items-center justify-center rounded-full bg-slate-100 text-xs font-semibold text-slate-600" aria-label={`Rule ${i + 1}`}>
              {i + 1}
            </span>
            <div className="min-w-0 flex-1">
              <div className="flex flex-wrap items-center gap-2">
                <h3 className="min-w-0 break-words text-base font-semibold text-slate-900">
                  <Link href={`/t/${code}/auto-invoice/${r.id}`} className="hover:text-brand-700 hover:underline" data-testid="rule-link">
                    {r.name}
                  </Link>
                </h3>
                <span data-testid="rule-enabled">
                  <Badge tone={r.enabled ? "green" : "gray"}>{r.enabled ? "Enabled" : "Disabled"}</Badge>
                </span>
              </div>
              <p className="mt-1 break-words text-sm text-slate-700" data-testid="rule-conditions">
                <span className="text-slate-500">When </span>
                {r.summary.conditions}
              </p>
              <p className="mt-0.5 break-words text-sm text-slate-700" data-testid="rule-actions">
                <span className="text-slate-500">Then </span>
                {r.summary.actions}
              </p>
              {r.stats && (
                <p className="mt-2 text-xs text-slate-500" data-testid="rule-stats">
                  {r.stats.invoicesCreated} invoice{r.stats.invoicesCreated === 1 ? "" : "s"} created
                  {r.stats.lastInvoiceAt && ` · last ${formatDateTime(r.stats.lastInvoiceAt)}`}
                  {r.stats.errors > 0 && <span className="text-red-700"> · {r.stats.errors} order{r.stats.errors === 1 ? "" : "s"} failed</span>}
                </p>
              )}
            </div>
            {canWrite && (
              <div className="flex shrink-0 flex-col items-end gap-2 sm:flex-row sm:items-start">
                <Button variant="secondary" size="sm" disabled={pending} onClick={() => act(() => setEnabled(r.id, !r.enabled))} data-testid="toggle-rule">
                  {r.enabled ? "Disable" : "Enable"}
                </Button>
                <span className="flex gap-1">
                  <Button variant="ghost" size="sm" disabled={pending || i === 0} aria-label={`Move ${r.name} up`} onClick={() => act(() => move(r.id, i - 1))} data-testid="move-up">
                    ↑
                  </Button>
                  <Button variant="ghost" size="sm" disabled={pending || i === rules.length - 1} aria-label={`Move ${r.name} down`} onClick={() => act(() => move(r.id, i + 1))} data-testid="move-down">
                    ↓
                  </Button>
                </span>
              </div>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}
