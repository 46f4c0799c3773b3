"use client";

import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";

type Pair = { from: string; to: string };

const toPairs = (json: string): Pair[] => {
  try {
    const v = JSON.parse(json || "{}");
    if (v && typeof v === "object" && !Array.isArray(v)) return Object.entries(v).map(([from, to]) => ({ from, to: typeof to === "string" ? to : JSON.stringify(to) }));
  } catch {}
  return [];
};

/**
 * A string → string table (e.g. map-values' from → to) as rows. It submits the table as JSON under
 * the field's name, so the generated form reads it like any JSON setting.
 */
export function PairsField({ name, label, hint, value, error, onChange }: { name: string; label: ReactNode; hint?: string; value: string; error?: string; onChange: () => void }) {
  const id = useId();
  const [rows, setRows] = useState<Pair[]>(() => {
    const p = toPairs(value);
    return p.length ? p : [{ from: "", to: "" }];
  });
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    onChange();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rows]);
  const json = JSON.stringify(Object.fromEntries(rows.filter((r) => r.from !== "").map((r) => [r.from, r.to])));
  const set = (i: number, patch: Partial<Pair>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const cell = "block w-full min-w-0 rounded-md border-0 bg-white px-2.5 py-1.5 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-inset focus:ring-brand-500";
  return (
    <fieldset aria-describedby={`${id}-hint`}>
      <legend className="block text-sm font-medium text-slate-800">{label}</legend>
      <input type="hidden" name={name} value={json} />
      <div className="mt-1 space-y-2" data-testid={`pairs-${name}`}>
        <div className="grid grid-cols-[1fr_auto_1fr_auto] items-center gap-2 text-xs font-medium uppercase tracking-wide text-slate-500">
          <span>From</span>
          <span aria-hidden />
          <span>To</span>
          <span aria-hidden />
        </div>
        {rows.map((r, i) => (
          <div key={i} className="grid grid-cols-[1fr_auto_1fr_auto] items-center gap-2">
            <input aria-label={`From, row ${i + 1}`} className={cell} value={r.from} onChange={(e) => set(i, { from: e.target.value })} autoComplete="off" />
            <span className="text-slate-400" aria-hidden>→</span>
            <input aria-label={`To, row ${i + 1}`} className={cell} value={r.to} onChange={(e) => set(i, { to: e.target.value })} autoComplete="off" />
            <Button variant="ghost" size="sm" aria-label={`Remove row ${i + 1}`} onClick={() => setRows((rs) => (rs.length === 1 ? [{ from: "", to: "" }] : rs.filter((_, j) => j !== i)))}>
              ✕
            </Button>
          </div>
        ))}
        <Button variant="secondary" size="sm" onClick={() => setRows((rs) => [...rs, { from: "", to: "" }])}>
          Add row
        </Button>
      </div>
      {error ? (
        <p className="mt-1 text-sm text-red-700" data-testid="field-error">
          {error}
        </p>
      ) : (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {[hint, "Rows with an empty From are left out."].filter(Boolean).join(" ")}
        </p>
      )}
    </fieldset>
  );
}
