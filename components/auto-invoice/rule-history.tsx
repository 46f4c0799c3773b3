import Link from "next/link";
import { formatDateTime } from "@/components/connections/format";
import { Badge } from "@/components/ui/badge";
import { DataTable } from "@/components/ui/table";
import type { HistoryAnswer } from "./types";

/** What the rule has done: counts, the latest invoices (linked to Records) and orders it failed on. */
export function RuleHistory({ code, history }: { code: string; history: HistoryAnswer }) {
  const records = `/t/${code}/records`;
  return (
    <div className="space-y-4" data-testid="rule-history">
      <dl className="grid grid-cols-2 gap-3 md:grid-cols-4">
        {[
          { label: "Invoices created", value: String(history.invoicesCreated), testId: "history-invoices" },
          { label: "Credit notes", value: String(history.creditNotesCreated), testId: "history-credits" },
          { label: "Last invoice", value: history.lastInvoiceAt ? formatDateTime(history.lastInvoiceAt) : "None yet", testId: "history-last-invoice" },
          { label: "Last run", value: history.lastRunAt ? formatDateTime(history.lastRunAt) : "Never", testId: "history-last-run" },
        ].map((s) => (
          <div key={s.label} className="rounded-lg bg-white px-4 py-3 shadow-sm ring-1 ring-slate-200">
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{s.label}</dt>
            <dd className="mt-1 text-sm font-semibold text-slate-900" data-testid={s.testId}>
              {s.value}
            </dd>
          </div>
        ))}
      </dl>
      {history.errors.length > 0 && (
        <div className="rounded-lg bg-white shadow-sm ring-1 ring-red-200" data-testid="history-errors">
          <h3 className="border-b border-red-100 bg-red-50 px-4 py-2.5 text-sm font-semibold text-red-900">
            {history.errors.length} order{history.errors.length === 1 ? "" : "s"} could not be invoiced
          </h3>
          <ul className="divide-y divide-slate-100">
            {history.errors.map((e) => (
              <li key={e.orderLocalId} className="px-4 py-3 text-sm" data-testid="history-error">
                <div className="flex flex-wrap items-baseline gap-x-2">
                  <Link href={`${records}/order/${e.orderLocalId}`} className="font-medium text-brand-700 hover:underline">
                    Order {e.orderNumber ?? e.orderLocalId.slice(0, 8)}
                  </Link>
                  <span className="text-xs text-slate-500">
                    {formatDateTime(e.updatedAt)} · {e.attempts} attempt{e.attempts === 1 ? "" : "s"}
                  </span>
                </div>
                <p className="mt-0.5 break-words text-red-800">{e.message}</p>
              </li>
            ))}
          </ul>
        </div>
      )}
      <DataTable
        testId="history-recent"
        rows={history.recent}
        rowKey={(r) => r.invoiceLocalId}
        columns={[
          {
            header: "Invoice",
            cell: (r) => (
              <span className="flex flex-wrap items-center gap-2">
                <Link href={`${records}/invoice/${r.invoiceLocalId}`} className="font-mono font-medium text-brand-700 hover:underline" data-testid="history-invoice-link">
                  {r.invoiceNumber}
                </Link>
                {r.kind === "credit" && <Badge tone="amber">Credit note</Badge>}
                {r.creditOf && <span className="text-xs text-slate-500">credits {r.creditOf}</span>}
              </span>
            ),
          },
          {
            header: "Order",
            cell: (r) => (
              <Link href={`${records}/order/${r.orderLocalId}`} className="text-slate-700 hover:text-brand-700 hover:underline" data-testid="history-order-link">
                {r.orderNumber ? `Order ${r.orderNumber}` : "View order"}
              </Link>
            ),
          },
          { header: "Created", hideOnMobile: true, cell: (r) => formatDateTime(r.createdAt) },
        ]}
        empty={
          <div className="rounded-lg border-2 border-dashed border-slate-200 bg-white px-6 py-8 text-center text-sm text-slate-500" data-testid="history-empty">
            This rule has not created any invoices yet.
          </div>
        }
      />
    </div>
  );
}
