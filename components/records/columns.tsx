import Link from "next/link";
import type { ReactNode } from "react";
import type { Column } from "@/components/ui/table";
import { at, dateText, firstText, money, text, writerLabel, type Json } from "./format";
import { StatusBadges } from "./status";

export type RecordRowView = Record<string, unknown>;
type Opts = { href: (r: RecordRowView) => string; connectionNames: Record<string, string> };

const str = (v: unknown) => (typeof v === "string" && v ? v : undefined);

/** Who bought, on an order or invoice: billing name or company, else the shipping side, else the customer number. */
export function documentCustomer(data: Json): string | undefined {
  return (
    str(at(data, "customer.billingAddress.name")) ??
    str(at(data, "customer.billingAddress.company")) ??
    str(at(data, "customer.shippingAddress.name")) ??
    str(at(data, "customer.shippingAddress.company")) ??
    str(at(data, "customer.customerNumber"))
  );
}

/** The main identifier of a record: its number, SKU or code. */
export function recordKey(type: string, data: Json): string | undefined {
  if (type === "order") return str(data.orderNumber);
  if (type === "invoice") return str(data.invoiceNumber);
  if (type === "product") return str(data.sku);
  if (type === "customer") return str(data.customerNumber);
  return str(data.code);
}

/** A human title for a record's page and links. */
export function recordTitle(type: string, data: Json, singular: string): string {
  if (type === "order") return `Order ${str(data.orderNumber) ?? ""}`.trim();
  if (type === "invoice") return str(data.invoiceNumber) ? `Invoice ${data.invoiceNumber}` : "Draft invoice";
  if (type === "product") return text(data, "title") ?? str(data.sku) ?? singular;
  if (type === "customer") return firstText(data, "name", "company") ?? (str(data.customerNumber) ? `Customer ${data.customerNumber}` : singular);
  return text(data, "title") ?? str(data.code) ?? singular;
}

function KeyLink({ href, label, fallback, mobile }: { href: string; label: string | undefined; fallback: string; mobile?: ReactNode }) {
  return (
    <>
      <Link href={href} className="font-medium text-brand-700 hover:text-brand-600 hover:underline" data-testid="record-link">
        {label ?? <span className="italic text-slate-500">{fallback}</span>}
      </Link>
      {/* On phones the columns that collapse are summarised under the key. */}
      {mobile && <div className="mt-1 md:hidden">{mobile}</div>}
    </>
  );
}

function MobileSummary({ text, type, row }: { text?: string; type: string; row: RecordRowView }) {
  return (
    <>
      {text && <p className="text-sm text-slate-700">{text}</p>}
      <div className="mt-1">
        <StatusBadges type={type} data={row} archived={row.archived === true} />
      </div>
    </>
  );
}

const right = "text-right tabular-nums whitespace-nowrap";

/** The list columns for a record type, read from the record's data. */
export function recordColumns(type: string, { href, connectionNames }: Opts): Column<RecordRowView>[] {
  const modified: Column<RecordRowView> = {
    header: "Modified",
    hideOnMobile: true,
    className: "whitespace-nowrap",
    cell: (r) => (
      <span className="text-xs text-slate-500" title={`by ${writerLabel(String(r.lastModifiedBy), connectionNames)}`}>
        {dateText(r.lastModified)}
      </span>
    ),
  };
  switch (type) {
    case "order":
      return [
        { header: "Number", cell: (r) => <KeyLink href={href(r)} label={str(r.orderNumber)} fallback="No number" mobile={<MobileSummary text={documentCustomer(r)} type="order" row={r} />} /> },
        { header: "Date", hideOnMobile: true, className: "whitespace-nowrap", cell: (r) => dateText(r.orderDate) },
        { header: "Customer", hideOnMobile: true, cell: (r) => documentCustomer(r) ?? "—" },
        { header: "Total incl VAT", className: right, cell: (r) => money(at(r, "totals.totalInclVat"), r.currency) },
        { header: "Status", hideOnMobile: true, cell: (r) => <StatusBadges type="order" data={r} archived={r.archived === true} /> },
        modified,
      ];
    case "invoice":
      return [
        { header: "Number", cell: (r) => <KeyLink href={href(r)} label={str(r.invoiceNumber)} fallback="Draft" mobile={<MobileSummary text={documentCustomer(r)} type="invoice" row={r} />} /> },
        { header: "Date", className: "whitespace-nowrap", cell: (r) => dateText(r.invoiceDate) },
        { header: "Due", hideOnMobile: true, className: "whitespace-nowrap", cell: (r) => dateText(r.dueDate) },
        { header: "Customer", hideOnMobile: true, cell: (r) => documentCustomer(r) ?? "—" },
        { header: "Total incl VAT", className: right, cell: (r) => money(at(r, "totals.totalInclVat"), r.currency) },
        { header: "Status", hideOnMobile: true, cell: (r) => <StatusBadges type="invoice" data={r} archived={r.archived === true} /> },
        modified,
      ];
    case "product":
      return [
        { header: "SKU", cell: (r) => <KeyLink href={href(r)} label={str(r.sku)} fallback="No SKU" /> },
        { header: "Title", cell: (r) => text(r, "title") ?? "—" },
        {
          header: "Price",
          className: right,
          cell: (r) =>
            str(r.priceInclVat) ? (
              <>
                {money(r.priceInclVat, r.currency)} <span className="text-xs text-slate-500">incl VAT</span>
              </>
            ) : str(r.priceExclVat) ? (
              <>
                {money(r.priceExclVat, r.currency)} <span className="text-xs text-slate-500">excl VAT</span>
              </>
            ) : (
              "—"
            ),
        },
        { header: "Stock", className: right, hideOnMobile: true, cell: (r) => str(r.stock) ?? (r.stockType === "unmanaged" ? "Not tracked" : "—") },
        { header: "Status", hideOnMobile: true, cell: (r) => <StatusBadges type="product" data={r} archived={r.archived === true} /> },
        modified,
      ];
    case "customer":
      return [
        { header: "Number", cell: (r) => <KeyLink href={href(r)} label={str(r.customerNumber)} fallback="No number" /> },
        { header: "Name", cell: (r) => firstText(r, "name", "company") ?? "—" },
        { header: "Company", hideOnMobile: true, cell: (r) => (str(r.name) && str(r.company)) ?? "—" },
        { header: "Email", hideOnMobile: true, className: "break-all", cell: (r) => str(r.email) ?? "—" },
        modified,
      ];
    default:
      return [
        { header: "Code", cell: (r) => <KeyLink href={href(r)} label={str(r.code)} fallback="No code" /> },
        { header: "Name", cell: (r) => text(r, "title") ?? "—" },
        modified,
      ];
  }
}
