import type { ReactNode } from "react";
import { JsonValue, ObjectTable } from "./data-view";
import { dateText, fieldLabel, isPlainObject, money, writerLabel, type Json } from "./format";

/** Row columns in reading order; any other keys a row has follow. */
const rowColumns = ["sku", "name", "quantity", "unit", "pricePerUnitExclVat", "discountExclVat", "vatRatePercent", "vatAmount", "pricePerUnitInclVat", "totalExclVat", "totalInclVat"];

/** Short headers so a row fits on one line. */
const rowLabels: Record<string, string> = {
  sku: "SKU",
  quantity: "Qty",
  pricePerUnitExclVat: "Unit price excl VAT",
  pricePerUnitInclVat: "Unit price incl VAT",
  discountExclVat: "Discount excl VAT",
  vatRatePercent: "VAT %",
  vatAmount: "VAT",
  totalExclVat: "Total excl VAT",
  totalInclVat: "Total incl VAT",
  productLocalId: "Product",
};

/** Data keys the rows card shows, so the fields card leaves them out. */
export const documentRowKeys = ["rows", "shippingRows", "feeRows", "totals"];

/** Item, shipping and fee rows of an order or invoice, then its totals, all exactly as stored. */
export function DocumentRows({ data }: { data: Json }) {
  const groups = [
    { key: "rows", title: "Items" },
    { key: "shippingRows", title: "Shipping" },
    { key: "feeRows", title: "Fees and discounts" },
  ].filter((g) => Array.isArray(data[g.key]) && (data[g.key] as unknown[]).length > 0);
  const totals = isPlainObject(data.totals) ? data.totals : {};
  return (
    <div className="space-y-5">
      {groups.length === 0 && <p className="text-sm text-slate-500">No rows.</p>}
      {groups.map((g) => (
        <section key={g.key} aria-label={g.title}>
          {groups.length > 1 || g.key !== "rows" ? <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">{g.title}</h3> : null}
          <div className="hidden sm:block">
            <ObjectTable rows={(data[g.key] as unknown[]).filter(isPlainObject)} columns={rowColumns} labels={rowLabels} testId={`record-${g.key}`} />
          </div>
          <RowCards rows={(data[g.key] as unknown[]).filter(isPlainObject)} />
        </section>
      ))}
      <dl className="ml-auto w-full max-w-xs space-y-1 border-t border-slate-200 pt-3 text-sm" data-testid="record-totals">
        {[
          ["Total excl VAT", totals.totalExclVat],
          ["VAT", totals.totalVat],
          ["Total incl VAT", totals.totalInclVat],
        ].map(([label, value], i) => (
          <div key={String(label)} className={i === 2 ? "flex justify-between gap-4 font-semibold text-slate-900" : "flex justify-between gap-4 text-slate-600"}>
            <dt>{String(label)}</dt>
            <dd className="tabular-nums">{money(value, data.currency)}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

/** Rows as small cards for phones, where a ten-column table would only scroll. */
function RowCards({ rows }: { rows: Json[] }) {
  return (
    <ul className="divide-y divide-slate-100 sm:hidden">
      {rows.map((r, i) => {
        const title = [r.sku, r.name].filter((v) => typeof v === "string" && v).join(" · ");
        const rest = rowColumns.filter((k) => k !== "sku" && k !== "name" && r[k] !== undefined);
        const other = Object.keys(r).filter((k) => !rowColumns.includes(k));
        return (
          <li key={i} className="py-2 first:pt-0">
            <p className="text-sm font-medium text-slate-900">{title || `Row ${i + 1}`}</p>
            <dl className="mt-1 grid grid-cols-2 gap-x-4 gap-y-1.5 text-sm">
              {[...rest, ...other].map((k) => (
                <div key={k} className="min-w-0">
                  <dt className="text-xs text-slate-500">{rowLabels[k] ?? fieldLabel(k)}</dt>
                  <dd className="min-w-0 break-words tabular-nums text-slate-800">
                    <JsonValue value={r[k]} name={k} />
                  </dd>
                </div>
              ))}
            </dl>
          </li>
        );
      })}
    </ul>
  );
}

/** customData as module · key → value. */
export function CustomDataList({ customData }: { customData: Json }) {
  const entries = Object.entries(customData);
  if (entries.length === 0) return <p className="text-sm text-slate-500">No custom data. Integrations can attach their own values here under their module id.</p>;
  return (
    <dl className="space-y-3" data-testid="record-custom-data">
      {entries.map(([k, v]) => {
        const [module, key] = k.includes("|") ? k.split("|", 2) : ["", k];
        return (
          <div key={k} className="min-w-0">
            <dt className="text-xs text-slate-500">
              {module && <span className="font-mono">{module}</span>}
              {module && <span aria-hidden> · </span>}
              <span className="font-mono font-medium text-slate-700">{key}</span>
            </dt>
            <dd className="mt-0.5 min-w-0 break-words text-sm text-slate-900">
              <JsonValue value={v} />
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

export type RemoteIdView = { connectionId: string; connectionName: string | null; remoteId: string; remoteRef: string | null };

/** The id (and human reference) this record has in each connected system. */
export function RemoteIdList({ remoteIds }: { remoteIds: RemoteIdView[] }) {
  if (remoteIds.length === 0) return <p className="text-sm text-slate-500">Not linked to any connected system yet.</p>;
  return (
    <ul className="divide-y divide-slate-100" data-testid="record-remote-ids">
      {remoteIds.map((r) => (
        <li key={r.connectionId} className="py-2 first:pt-0 last:pb-0" data-testid="remote-id">
          <p className="text-sm font-medium text-slate-900">{r.connectionName ?? <span className="font-mono text-xs">{r.connectionId}</span>}</p>
          <dl className="mt-1 grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 text-sm">
            <dt className="text-slate-500">Remote id</dt>
            <dd className="break-all font-mono text-xs leading-5 text-slate-800">{r.remoteId}</dd>
            {r.remoteRef !== null && (
              <>
                <dt className="text-slate-500">Reference</dt>
                <dd className="break-words text-slate-800">{r.remoteRef}</dd>
              </>
            )}
          </dl>
        </li>
      ))}
    </ul>
  );
}

const sourceKinds: Record<string, string> = { connection: "Connection", user: "Person", system: "System" };

/** Who created the record, and when it was created and last changed. */
export function RecordOrigin({ record, source, connectionNames }: { record: Json; source: Json; connectionNames: Record<string, string> }) {
  const kind = String(source.type ?? "");
  const items: { label: string; value: ReactNode }[] = [{ label: "Source", value: sourceKinds[kind] ?? (kind || "Unknown") }];
  if (kind === "connection") {
    const id = String(source.connectionId ?? "");
    items.push({ label: "Connection", value: connectionNames[id] ?? String(source.connectionName ?? id) });
    items.push({ label: "Code", value: typeof source.code === "string" && source.code ? <span className="font-mono text-xs">{source.code}</span> : <span className="text-slate-400">—</span> });
  } else if (kind === "user") {
    items.push({ label: "User", value: String(source.login ?? "") });
  } else if (kind === "system") {
    items.push({ label: "Process", value: String(source.name ?? "") });
  }
  items.push(
    { label: "Created", value: dateText(record.created) },
    { label: "Last modified", value: dateText(record.lastModified) },
    { label: "Last modified by", value: writerLabel(String(record.lastModifiedBy ?? ""), connectionNames) },
    { label: "Local id", value: <span className="break-all font-mono text-xs">{String(record.localId)}</span> },
  );
  // Label beside value where the card is wide (phones, tablets); stacked in the narrow side column.
  return (
    <dl className="space-y-2 text-sm lg:space-y-3" data-testid="record-origin">
      {items.map((i) => (
        <div key={i.label} className="grid grid-cols-[8rem_minmax(0,1fr)] gap-x-3 lg:grid-cols-1">
          <dt className="text-slate-500 lg:text-xs">{i.label}</dt>
          <dd className="min-w-0 break-words text-slate-900">{i.value}</dd>
        </div>
      ))}
    </dl>
  );
}
