import { Dec } from "@/lib/money/decimal";
import { RecordError } from "../errors";
import type { ExportedRecord, ExportPlug } from "../types";
import { qboString, type QboObject, QuickBooksClient } from "./client";
import { companyContext } from "./company";
import { customerForInvoice } from "./customers";
import { partyFromDocument, toQboInvoice, type MappedInvoice } from "./map";
import { invoiceExportSettingsSchema, type InvoiceExportSettings, type Settings } from "./settings";

type Obj = Record<string, any>;

/** Drafts are not in the books yet; every other status (booked, sent, paid, credited) is. */
function skipReason(record: ExportedRecord): string | undefined {
  return record.status === "draft" ? "Draft invoices are not booked in QuickBooks; exported once booked" : undefined;
}

export const invoiceExport: ExportPlug<Settings, InvoiceExportSettings> = {
  key: "InvoiceExport",
  name: "Invoice export",
  description: "Books invoices in QuickBooks Online with Crossdock's exact VAT per rate; credit notes become credit memos.",
  direction: "export",
  recordType: "invoice",
  settings: invoiceExportSettingsSchema,
  defaultIntervalMinutes: 15,
  wants: (record) => skipReason(record) ?? true,
  async push(record, { settings, plugSettings, io }) {
    const skip = skipReason(record);
    if (skip) return { ignore: skip };
    if (!record.invoiceNumber) throw new RecordError("A booked invoice needs an invoiceNumber to be its QuickBooks DocNumber", "invoiceNumber");
    const client = new QuickBooksClient(settings, io);
    const company = await companyContext(client);
    const itemIdBySku = plugSettings.matchItemsBySku ? await itemsBySku(client, record) : new Map<string, string>();
    // Map first: a record that cannot be booked fails before anything is created for it.
    const mapped = toQboInvoice(record, { company, settings: plugSettings, itemIdBySku });
    const customerId = await customerForInvoice(client, partyFromDocument(record.customer as Obj), {
      remoteId: customerRemoteId(record),
      currency: record.currency as string,
      homeCurrency: company.homeCurrency,
    });
    const saved = await save(client, { ...mapped, body: { ...mapped.body, CustomerRef: { value: customerId } } }, record.remoteId);
    return { remoteId: String(saved.Id), remoteRef: saved.DocNumber, message: totalMismatch(saved, mapped) };
  },
};

/**
 * The QBO id of the invoice's customer record, when the runtime resolved customer.localId to this
 * connection's remote id and passed it as customer.remoteId (ExportedRecord carries no other way).
 */
function customerRemoteId(record: ExportedRecord): string | undefined {
  const id = (record.customer as Obj | undefined)?.remoteId;
  return typeof id === "string" && id ? id : undefined;
}

/** QBO item ids for the rows' SKUs, in one query. */
async function itemsBySku(client: QuickBooksClient, record: ExportedRecord): Promise<Map<string, string>> {
  const skus = [...new Set(((record.rows as Obj[]) ?? []).map((r) => r.sku).filter((s): s is string => typeof s === "string"))];
  if (!skus.length) return new Map();
  const items = await client.query("Item", `where Sku in (${skus.map(qboString).join(",")}) maxresults 1000`);
  return new Map(items.map((i) => [String(i.Sku), String(i.Id)]));
}

/** Update what the remote id (or, after a lost answer, the DocNumber) points at; otherwise create. */
async function save(client: QuickBooksClient, mapped: MappedInvoice, remoteId: string | null): Promise<QboObject> {
  const { entity, body } = mapped;
  const existing =
    (remoteId ? await client.readIfExists(entity, remoteId) : undefined) ??
    (await client.query(entity, `where DocNumber = ${qboString(body.DocNumber)} maxresults 1`))[0];
  if (!existing) return client.create(entity, body);
  return client.update(entity, { ...body, Id: existing.Id, SyncToken: existing.SyncToken });
}

function totalMismatch(saved: QboObject, mapped: MappedInvoice): string | undefined {
  if (new Dec(String(saved.TotalAmt)).equals(mapped.expectedTotal)) return undefined;
  return `QuickBooks' total ${saved.TotalAmt} differs from Crossdock's ${mapped.expectedTotal}`;
}
