/**
 * Invoices and credit notes from orders, without the database. Rows, shipping, fees (order
 * discounts are negative fee rows), VAT, totals and the customer are copied exactly; the result
 * goes through the same validation as any written invoice, so amounts come out at the currency's
 * minor unit and an order whose rows and totals do not add up is refused with the reason.
 */
import { ValidationError } from "@/lib/errors";
import { customDataSchema, validateRecordData } from "@/lib/records";
import { parseInput } from "@/lib/validation";
import type { RuleActions } from "@/lib/schemas/auto-invoice";

type Obj = Record<string, unknown>;

/** Why an order cannot be invoiced yet (not an error: the order is read again when it changes). */
export class NotYetInvoiceable extends Error {}

const COPIED = ["currency", "language", "customer", "rows", "shippingRows", "feeRows", "totals"] as const;

/** The calendar date (YYYY-MM-DD) as written: the issuer's local date is what the terms refer to. */
const dateOf = (iso: string) => iso.slice(0, 10);

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The latest shipment date of the order, if any shipment has one. */
export function shippedDate(order: Obj): string | undefined {
  const shipments = Array.isArray(order.shipments) ? (order.shipments as Obj[]) : [];
  const dates = shipments.map((s) => s.shippedAt).filter((d): d is string => typeof d === "string");
  // Compare instants, not text: offsets differ between systems.
  return dates.sort((a, b) => Date.parse(a) - Date.parse(b)).at(-1);
}

export function invoiceDateFor(order: Obj, policy: RuleActions["invoiceDate"], now: Date): string {
  if (policy === "now") return now.toISOString().slice(0, 10);
  if (policy === "shippedDate") {
    const shipped = shippedDate(order);
    if (!shipped) throw new NotYetInvoiceable("Waiting for a shipment date: this rule dates invoices by the shipped date.");
    return dateOf(shipped);
  }
  return dateOf(order.orderDate as string);
}

/** setFields split into invoice fields and customData entries. */
function fieldsToSet(setFields: Record<string, string> | undefined): { data: Obj; customData: Obj } {
  const data: Obj = {};
  const customData: Obj = {};
  for (const [k, v] of Object.entries(setFields ?? {})) {
    if (k.startsWith("customData.")) customData[k.slice("customData.".length)] = v;
    else data[k] = v;
  }
  return { data, customData };
}

/** Both parts validated as a written invoice's would be. */
export type BuiltInvoice = { data: Obj; customData: Obj };

/**
 * The invoice body for an order (Tenant API shape in, invoice data out, validated and normalised).
 * Throws NotYetInvoiceable (e.g. no shipment date yet) or ValidationError (the invoice would not
 * be valid; the message names the fields).
 */
export function buildInvoice(order: Obj, actions: RuleActions, invoiceNumber: string, now: Date): BuiltInvoice {
  const invoiceDate = invoiceDateFor(order, actions.invoiceDate, now);
  const paid = actions.markPaidWhenOrderPaid && order.paymentStatus === "paid";
  const set = fieldsToSet(actions.setFields);
  const data: Obj = {};
  for (const k of COPIED) if (order[k] !== undefined && order[k] !== null) data[k] = structuredClone(order[k]);
  Object.assign(data, {
    invoiceNumber,
    orderLocalId: order.localId,
    invoiceDate,
    dueDate: addDays(invoiceDate, actions.dueDays),
    status: paid ? "paid" : "booked",
    ...set.data,
  });
  const customData = Object.keys(set.customData).length ? parseInput(customDataSchema, set.customData) : {};
  return { data: validated(data, "The order cannot be invoiced"), customData };
}

/** Negates a decimal string exactly ("12.50" → "-12.50", "-3" → "3", "0" stays). */
export function negate(s: string): string {
  if (s.startsWith("-")) return s.slice(1);
  return /^0(?:\.0*)?$/.test(s) ? s : `-${s}`;
}

const NEGATED_ROW_FIELDS = ["quantity", "vatAmount", "totalExclVat", "totalInclVat", "discountExclVat"] as const;

function negatedRows(rows: unknown): Obj[] | undefined {
  if (!Array.isArray(rows)) return undefined;
  return (rows as Obj[]).map((row) => {
    const out: Obj = { ...row };
    // Quantities turn negative and unit prices stay: every derived amount flips sign with them.
    for (const k of NEGATED_ROW_FIELDS) if (typeof row[k] === "string") out[k] = negate(row[k] as string);
    return out;
  });
}

/** A credit note for a stored invoice: same rows with negative quantities and amounts, `creditOf` the invoice. */
export function buildCreditNote(invoice: Obj & { localId: string }, creditNumber: string, now: Date): BuiltInvoice {
  const totals = invoice.totals as Obj;
  const date = now.toISOString().slice(0, 10);
  const data: Obj = {
    invoiceNumber: creditNumber,
    orderLocalId: invoice.orderLocalId,
    creditOf: invoice.localId,
    invoiceDate: date,
    dueDate: date,
    status: "booked",
    currency: invoice.currency,
    customer: structuredClone(invoice.customer),
    rows: negatedRows(invoice.rows) ?? [],
    totals: Object.fromEntries(Object.entries(totals).map(([k, v]) => [k, negate(v as string)])),
  };
  if (invoice.language) data.language = invoice.language;
  const shipping = negatedRows(invoice.shippingRows);
  const fees = negatedRows(invoice.feeRows);
  if (shipping) data.shippingRows = shipping;
  if (fees) data.feeRows = fees;
  return { data: validated(data, "The credit note would not be valid"), customData: {} };
}

function validated(data: Obj, what: string): Obj {
  try {
    return validateRecordData("invoice", data);
  } catch (e) {
    if (e instanceof ValidationError && e.fieldErrors) {
      const [path, messages] = Object.entries(e.fieldErrors)[0] ?? ["_form", [e.message]];
      throw new ValidationError(`${what}: ${path}: ${messages[0]}`, e.fieldErrors);
    }
    throw e;
  }
}

/** The order is cancelled or refunded: an invoiced one gets a credit note when its rule asks for it. */
export function isCancelled(order: Obj): boolean {
  return order.orderStatus === "cancelled" || order.orderStatus === "refunded" || order.paymentStatus === "refunded";
}

/** "INV-" + 7 with padding 5 → "INV-00007". */
export function formatInvoiceNumber(prefix: string, value: number, padding: number): string {
  return `${prefix}${String(value).padStart(padding, "0")}`;
}
