"use client";

import { useState, useTransition } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { cn } from "@/components/ui/cn";
import type { ActionResult } from "@/lib/actions/result";
import type { PreviewAnswer, PreviewOrder, RuleDraft } from "./types";

const day = (iso: string | null | undefined) => (iso ? iso.slice(0, 10) : "—");
const control = "rounded-md border-0 bg-white py-1.5 pl-2.5 pr-8 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-inset focus:ring-brand-500";

/**
 * Preview: which of the last N orders the rule as edited (unsaved) would invoice, and the invoice it
 * would create for one of them. Nothing is written, numbers are not taken from the series.
 */
export function RulePreview({ draft, preview }: { draft: RuleDraft; preview: (input: { limit: number; rule: RuleDraft }) => Promise<ActionResult<PreviewAnswer>> }) {
  const [limit, setLimit] = useState(10);
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<{ answer: PreviewAnswer; json: string } | null>(null);
  const [picked, setPicked] = useState<string | null>(null);
  const json = JSON.stringify(draft);
  const stale = result !== null && result.json !== json;

  const run = () =>
    start(async () => {
      setError(null);
      const r = await preview({ limit, rule: draft });
      if (r.ok) {
        setResult({ answer: r.data, json });
        setPicked(r.data.orders.find((o) => o.outcome === "invoice" && o.invoice)?.orderLocalId ?? null);
      } else {
        setResult(null);
        const details = Object.entries(r.fieldErrors ?? {}).flatMap(([k, ms]) => ms.map((m) => `${k}: ${m}`));
        setError([r.error, ...details].join(" "));
      }
    });

  const orders = result?.answer.orders ?? [];
  const matched = orders.filter((o) => o.outcome === "invoice").length;
  const chosen = orders.find((o) => o.orderLocalId === picked);

  return (
    <section className="rounded-lg bg-white shadow-sm ring-1 ring-slate-200" aria-labelledby="preview-heading" data-testid="preview">
      <header className="border-b border-slate-100 px-5 py-4">
        <h2 id="preview-heading" className="text-base font-semibold text-slate-900">Preview</h2>
        <p className="mt-0.5 text-sm text-slate-500">Tries the rule as edited here (unsaved) on recent orders. Nothing is saved, numbered or sent.</p>
      </header>
      <div className="space-y-4 px-5 py-4">
        <div className="flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="preview-limit" className="block text-sm font-medium text-slate-800">
              Orders
            </label>
            <select id="preview-limit" className={cn(control, "mt-1")} value={limit} onChange={(e) => setLimit(Number(e.target.value))} data-testid="preview-limit">
              {[10, 25, 50].map((n) => (
                <option key={n} value={n}>
                  Last {n} changed
                </option>
              ))}
            </select>
          </div>
          <Button onClick={run} disabled={pending} data-testid="run-preview">
            {pending ? "Running…" : "Run preview"}
          </Button>
        </div>
        {error && (
          <Callout tone="red" testId="preview-error">
            {error}
          </Callout>
        )}
        {result && (
          <div className="space-y-4" data-testid="preview-result">
            {stale && (
              <Callout tone="amber" small testId="preview-stale">
                The rule changed since this preview; run it again to see the effect.
              </Callout>
            )}
            {orders.length === 0 ? (
              <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-600">This tenant has no orders yet.</p>
            ) : (
              <>
                <p className="text-sm text-slate-700" data-testid="preview-count">
                  {matched} of the last {orders.length} order{orders.length === 1 ? "" : "s"} would be invoiced by this rule.
                </p>
                {/* Two columns: the panel is narrow beside the editor and on phones. */}
                <ul className="divide-y divide-slate-100 overflow-hidden rounded-md ring-1 ring-slate-200" data-testid="preview-orders">
                  {orders.map((o) => {
                    const out = outcomes[o.outcome];
                    const number = o.orderNumber ?? o.orderLocalId.slice(0, 8);
                    return (
                      <li key={o.orderLocalId} className={cn("flex items-start gap-3 px-3 py-2 text-sm", o.orderLocalId === picked ? "bg-brand-50" : "bg-white")} data-testid="preview-order" data-order={o.orderNumber ?? ""} data-outcome={o.outcome}>
                        <span className={cn("mt-0.5 w-4 shrink-0 text-center font-semibold", out.tone)} aria-hidden>
                          {o.outcome === "invoice" ? "✓" : "✗"}
                        </span>
                        <div className="min-w-0 flex-1">
                          <div className="flex flex-wrap items-baseline justify-between gap-x-3">
                            {o.invoice ? (
                              <button type="button" className="font-medium text-brand-700 hover:underline" onClick={() => setPicked(o.orderLocalId)} aria-pressed={o.orderLocalId === picked} data-testid="pick-order">
                                {number}
                              </button>
                            ) : (
                              <span className="font-medium text-slate-800">{number}</span>
                            )}
                            {o.totalInclVat && (
                              <span className="tabular-nums text-slate-700" data-testid="preview-order-total">
                                {o.totalInclVat} <span className="text-xs text-slate-500">{o.currency}</span>
                              </span>
                            )}
                          </div>
                          <p className="text-xs text-slate-500">
                            <span className={o.outcome === "invoice" ? "text-emerald-700" : o.outcome === "error" ? "text-red-700" : undefined}>{out.label}</span>
                            {o.reason && <span data-testid="why-not">: {o.reason.replace(/\.$/, "")}</span>} · placed {day(o.orderDate)} · changed {day(o.lastModified)}
                          </p>
                        </div>
                      </li>
                    );
                  })}
                </ul>
                {chosen?.invoice ? (
                  <InvoicePreview orderNumber={chosen.orderNumber ?? chosen.orderLocalId} invoice={invoiceOf(chosen.invoice)} />
                ) : matched > 0 ? (
                  <p className="text-sm text-slate-500">Pick an order above to see the invoice it would get.</p>
                ) : null}
              </>
            )}
          </div>
        )}
      </div>
    </section>
  );
}

const outcomes: Record<PreviewOrder["outcome"], { label: string; tone: string }> = {
  invoice: { label: "Would be invoiced", tone: "text-emerald-700" },
  noMatch: { label: "Conditions do not hold", tone: "text-slate-400" },
  earlierRule: { label: "An earlier rule invoices it", tone: "text-slate-400" },
  alreadyInvoiced: { label: "Already invoiced", tone: "text-slate-400" },
  tooOld: { label: "Older than the cut-off", tone: "text-slate-400" },
  waiting: { label: "Waiting", tone: "text-amber-600" },
  error: { label: "Invoice would be invalid", tone: "text-red-600" },
};

type Row = { name?: string; sku?: string; quantity?: string; totalExclVat?: string | null; totalInclVat?: string | null; pricePerUnitExclVat?: string | null; pricePerUnitInclVat?: string | null };
type InvoiceView = {
  invoiceNumber?: string | null;
  invoiceDate?: string;
  dueDate?: string | null;
  status?: string;
  currency?: string;
  rows: Row[];
  totals?: { totalExclVat: string; totalVat: string; totalInclVat: string };
  extra: [string, string][];
};

const str = (v: unknown) => (typeof v === "string" ? v : undefined);
const list = (v: unknown): Row[] => (Array.isArray(v) ? (v as Row[]) : []);

/** The preview's invoice record (Tenant API shape) as the panel shows it. */
function invoiceOf(inv: Record<string, unknown>): InvoiceView {
  const extra: [string, string][] = [];
  for (const k of ["note", "paymentReference", "language"]) if (str(inv[k])) extra.push([k, str(inv[k])!]);
  const custom = inv.customData;
  if (custom && typeof custom === "object") for (const [k, v] of Object.entries(custom)) extra.push([`customData.${k}`, typeof v === "string" ? v : JSON.stringify(v)]);
  return {
    invoiceNumber: str(inv.invoiceNumber),
    invoiceDate: str(inv.invoiceDate),
    dueDate: str(inv.dueDate),
    status: str(inv.status),
    currency: str(inv.currency),
    rows: [...list(inv.rows), ...list(inv.shippingRows), ...list(inv.feeRows)],
    totals: inv.totals as InvoiceView["totals"],
    extra,
  };
}

function InvoicePreview({ orderNumber, invoice }: { orderNumber: string; invoice: InvoiceView }) {
  return (
    <div className="rounded-md ring-1 ring-slate-200" data-testid="preview-invoice">
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-100 bg-slate-50 px-3 py-2">
        <h3 className="text-sm font-semibold text-slate-900">
          Invoice <span className="font-mono" data-testid="preview-invoice-number">{invoice.invoiceNumber ?? "(no number)"}</span>
        </h3>
        <span className="flex items-center gap-2 text-xs text-slate-500">
          for order {orderNumber} {invoice.status && <Badge tone={invoice.status === "paid" ? "green" : "gray"}>{invoice.status === "paid" ? "Paid" : invoice.status}</Badge>}
        </span>
      </div>
      <dl className="grid grid-cols-2 gap-x-4 gap-y-2 px-3 py-2 text-sm">
        <div>
          <dt className="text-xs text-slate-500">Invoice date</dt>
          <dd className="text-slate-900" data-testid="preview-invoice-date">{day(invoice.invoiceDate)}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Due</dt>
          <dd className="text-slate-900" data-testid="preview-due-date">{day(invoice.dueDate)}</dd>
        </div>
        {invoice.extra.map(([k, v]) => (
          <div key={k} className="col-span-2">
            <dt className="font-mono text-xs text-slate-500">{k}</dt>
            <dd className="break-words text-slate-900">{v}</dd>
          </div>
        ))}
      </dl>
      {invoice.rows.length > 0 && (
        <table className="min-w-full border-t border-slate-100 text-sm">
          <tbody className="divide-y divide-slate-100">
            {invoice.rows.map((r, i) => (
              <tr key={i}>
                <td className="px-3 py-1.5 text-slate-700">{r.name ?? r.sku ?? "—"}</td>
                <td className="whitespace-nowrap px-3 py-1.5 text-right tabular-nums text-slate-500">× {r.quantity ?? "1"}</td>
                <td className="whitespace-nowrap px-3 py-1.5 text-right tabular-nums text-slate-700">{r.totalInclVat ?? r.totalExclVat ?? `${r.pricePerUnitInclVat ?? r.pricePerUnitExclVat ?? ""} each`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {invoice.totals && (
        <dl className="space-y-0.5 border-t border-slate-100 px-3 py-2 text-sm tabular-nums">
          <div className="flex justify-between text-slate-600">
            <dt>Excl. VAT</dt>
            <dd>{invoice.totals.totalExclVat}</dd>
          </div>
          <div className="flex justify-between text-slate-600">
            <dt>VAT</dt>
            <dd>{invoice.totals.totalVat}</dd>
          </div>
          <div className="flex justify-between font-semibold text-slate-900">
            <dt>Total</dt>
            <dd data-testid="preview-invoice-total">
              {invoice.totals.totalInclVat} {invoice.currency}
            </dd>
          </div>
        </dl>
      )}
    </div>
  );
}
