import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { rowsOf, type Tx } from "@/db/client";
import { autoInvoiceErrors, autoInvoiceLinks, records } from "@/db/schema";
import { buildCreditNote, buildInvoice, formatInvoiceNumber, isCancelled, NotYetInvoiceable, type BuiltInvoice } from "@/lib/auto-invoice/invoice";
import { rulePredicate } from "@/lib/auto-invoice/rule";
import type { RecordPredicate } from "@/lib/conditions";
import { isAppError } from "@/lib/errors";
import { newLocalId } from "@/lib/ids";
import type { RuleActions } from "@/lib/schemas/auto-invoice";
import type { RecordCtx } from "@/lib/services/records/context";
import { presentRecord, remoteIdsOf, type RecordRow } from "@/lib/services/records/internal";
import { chunks, insertHistoryRows, insertRecordRows } from "@/lib/services/records/bulk-write";
import { applyWrite, planInsert, planWrite, writeRecord } from "@/lib/services/records/write";
import { AUTO_INVOICE_WRITER, type RuleRow } from "./internal";

/**
 * The per-order steps of the engine, shared by processTenant (writes) and previewRule (reads).
 * Everything here runs inside the caller's tenant transaction.
 */
type Obj = Record<string, unknown>;

export type CompiledRule = { row: RuleRow; actions: RuleActions; matches: RecordPredicate };
export type Link = typeof autoInvoiceLinks.$inferSelect;

export function compileRules(rows: RuleRow[]): CompiledRule[] {
  return rows.map((row) => ({ row, actions: row.actions as RuleActions, matches: rulePredicate({ conditions: row.conditions as never, match: row.match as never }) }));
}

const DAY_MS = 86_400_000;

/** Orders placed before the cut-off are never invoiced (old history arriving late is not new business). */
export function olderThanCutoff(order: Obj, cutoffDays: number, now: Date): boolean {
  const placed = Date.parse(order.orderDate as string);
  return Number.isFinite(placed) && placed < now.getTime() - cutoffDays * DAY_MS;
}

/** What the engine decides for one order before writing anything. */
export type Decision =
  | { kind: "credit"; link: Link; rule: CompiledRule }
  | { kind: "markPaid"; link: Link }
  | { kind: "alreadyInvoiced"; link: Link }
  | { kind: "tooOld" }
  | { kind: "cancelled" }
  | { kind: "noMatch" }
  | { kind: "invoice"; rule: CompiledRule };

export function decide(order: Obj, links: Link[], rules: CompiledRule[], allRules: Map<string, CompiledRule>, cutoffDays: number, now: Date): Decision {
  const invoiced = links.find((l) => l.kind === "invoice");
  if (invoiced) {
    const rule = allRules.get(invoiced.ruleId);
    if (isCancelled(order) && rule?.actions.creditNoteOnCancel && !links.some((l) => l.kind === "credit")) return { kind: "credit", link: invoiced, rule };
    if (rule?.actions.markPaidWhenOrderPaid && order.paymentStatus === "paid" && !isCancelled(order)) return { kind: "markPaid", link: invoiced };
    return { kind: "alreadyInvoiced", link: invoiced };
  }
  if (olderThanCutoff(order, cutoffDays, now)) return { kind: "tooOld" };
  // A cancelled order is not billed: invoicing it only to credit it at once helps nobody.
  if (isCancelled(order)) return { kind: "cancelled" };
  const ctx = { now };
  const rule = rules.find((r) => r.row.enabled && r.matches(order, ctx));
  return rule ? { kind: "invoice", rule } : { kind: "noMatch" };
}

/**
 * Takes the next `count` numbers of the series in the caller's transaction and gives the first.
 * The row stays locked until commit, and a rollback (of the transaction or the savepoint) gives
 * the numbers back, so the series has no gaps.
 */
async function takeNumbers(tx: Tx, tenantId: string, prefix: string, count: number): Promise<{ first: number; padding: number }> {
  const rows = rowsOf<{ value: string | number; padding: number }>(
    await tx.execute(sql`
      insert into number_series (tenant_id, prefix, next_value) values (${tenantId}, ${prefix}, ${count + 1})
      on conflict (tenant_id, prefix) do update set next_value = number_series.next_value + ${count}, updated_at = now()
      returning next_value - ${count} as value, padding`),
  );
  return { first: Number(rows[0].value), padding: rows[0].padding };
}

async function takeNumber(tx: Tx, tenantId: string, prefix: string): Promise<string> {
  const { first, padding } = await takeNumbers(tx, tenantId, prefix, 1);
  return formatInvoiceNumber(prefix, first, padding);
}

/** The next number a series would give, without taking it (previews). */
export async function peekNumber(tx: Tx, tenantId: string, prefix: string): Promise<string> {
  const rows = rowsOf<{ value: string | number; padding: number }>(await tx.execute(sql`select next_value as value, padding from number_series where tenant_id = ${tenantId} and prefix = ${prefix}`));
  return formatInvoiceNumber(prefix, Number(rows[0]?.value ?? 1), rows[0]?.padding ?? 5);
}

const systemCtx = (tx: Tx, tenantId: string): RecordCtx => ({ db: tx as never, tenantId, writer: AUTO_INVOICE_WRITER });

/** Inserts the link unless the order already has one of this kind (then false: someone else got there first). */
async function claimLink(tx: Tx, link: typeof autoInvoiceLinks.$inferInsert): Promise<boolean> {
  // ON CONFLICT waits for a concurrent uncommitted insert of the same key and then yields nothing.
  const rows = await tx.insert(autoInvoiceLinks).values(link).onConflictDoNothing().returning({ orderLocalId: autoInvoiceLinks.orderLocalId });
  return rows.length === 1;
}

/** Writes an invoice with the localId the link already names. */
async function writeInvoice(tx: Tx, tenantId: string, localId: string, body: Obj, now: Date): Promise<RecordRow> {
  const ctx = systemCtx(tx, tenantId);
  const plan = planWrite(ctx, "invoice", null, undefined, body, now);
  if (plan.kind !== "insert") throw new Error("Expected an insert plan for a new invoice");
  const { row } = await applyWrite(tx, ctx, "invoice", { ...plan, localId, values: { ...plan.values, localId } });
  return row;
}

export class AlreadyDone extends Error {}

/**
 * Invoices one order by one rule: number, invoice, link. Throws AlreadyDone when another worker
 * linked the order first (the caller's savepoint then rolls the number back), NotYetInvoiceable
 * or a ValidationError with the reason.
 */
export async function invoiceOrder(tx: Tx, tenantId: string, order: Obj, rule: CompiledRule, now: Date): Promise<{ invoiceLocalId: string; invoiceNumber: string }> {
  const invoiceNumber = await takeNumber(tx, tenantId, rule.actions.numberSeries.prefix);
  const built = buildInvoice(order, rule.actions, invoiceNumber, now);
  const invoiceLocalId = newLocalId();
  if (!(await claimLink(tx, { tenantId, orderLocalId: order.localId as string, kind: "invoice", invoiceLocalId, invoiceNumber, ruleId: rule.row.id }))) throw new AlreadyDone();
  await writeInvoice(tx, tenantId, invoiceLocalId, invoiceBody(built, invoiceNumber), now);
  return { invoiceLocalId, invoiceNumber };
}

/** Thrown inside the bulk savepoint to roll it back and invoice the orders one at a time. */
export class FallBack extends Error {}

/** An order with its rule and its invoice built (and validated) before any number is taken. */
export type PlannedInvoice = { order: Obj; rule: CompiledRule; built: BuiltInvoice };

/**
 * Invoices a page of orders at once: numbers per series in one statement each (in the page's
 * order), then links, invoices and their history as bulk statements. All or nothing: run it in a
 * savepoint. Throws FallBack when another worker linked one of the orders first (the savepoint
 * then gives the numbers back and the caller goes order by order, which skips that one).
 */
export async function invoiceOrders(tx: Tx, tenantId: string, planned: PlannedInvoice[], now: Date): Promise<void> {
  const numbers = new Map<PlannedInvoice, string>();
  const byPrefix = new Map<string, PlannedInvoice[]>();
  for (const p of planned) byPrefix.set(p.rule.actions.numberSeries.prefix, [...(byPrefix.get(p.rule.actions.numberSeries.prefix) ?? []), p]);
  for (const [prefix, items] of byPrefix) {
    const { first, padding } = await takeNumbers(tx, tenantId, prefix, items.length);
    items.forEach((p, i) => numbers.set(p, formatInvoiceNumber(prefix, first + i, padding)));
  }
  const ctx = systemCtx(tx, tenantId);
  // Built means validated: only the number changes, from one string of the series' form to another.
  const writes = planned.map((p) => planInsert(ctx, "invoice", { ...p.built.data, invoiceNumber: numbers.get(p) }, p.built.customData, null, now));
  const links = planned.map((p, i) => ({ order_local_id: p.order.localId, invoice_local_id: writes[i].localId, invoice_number: numbers.get(p), rule_id: p.rule.row.id }));
  let linked = 0;
  for (const chunk of chunks(links)) {
    const rows = await tx.execute(sql`insert into auto_invoice_links (tenant_id, order_local_id, kind, invoice_local_id, invoice_number, rule_id)
      select ${tenantId}, order_local_id, 'invoice', invoice_local_id, invoice_number, rule_id
      from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as x(order_local_id text, invoice_local_id text, invoice_number text, rule_id text)
      on conflict do nothing returning order_local_id`);
    linked += rowsOf(rows).length;
  }
  if (linked !== planned.length) throw new FallBack();
  await insertRecordRows(tx, tenantId, writes);
  await insertHistoryRows(tx, tenantId, writes, now);
}

/** The invoice's record body: its data with the number, and the rule's customData entries. */
function invoiceBody(built: BuiltInvoice, invoiceNumber: string): Obj {
  return { ...built.data, invoiceNumber, ...(Object.keys(built.customData).length ? { customData: built.customData } : {}) };
}

async function invoiceRow(tx: Tx, tenantId: string, localId: string): Promise<RecordRow | undefined> {
  const [row] = await tx.select().from(records).where(and(eq(records.tenantId, tenantId), eq(records.type, "invoice"), eq(records.localId, localId))).for("update");
  return row;
}

/** A credit note for the order's invoice (creditOf), and the invoice marked credited. */
export async function creditOrder(tx: Tx, tenantId: string, link: Link, rule: CompiledRule, now: Date): Promise<{ invoiceLocalId: string; invoiceNumber: string }> {
  const invoice = await invoiceRow(tx, tenantId, link.invoiceLocalId);
  if (!invoice) throw new AlreadyDone();
  const number = await takeNumber(tx, tenantId, rule.actions.numberSeries.prefix);
  const built = buildCreditNote({ ...(invoice.data as Obj), localId: invoice.localId }, number, now);
  const localId = newLocalId();
  if (!(await claimLink(tx, { tenantId, orderLocalId: link.orderLocalId, kind: "credit", invoiceLocalId: localId, invoiceNumber: number, ruleId: rule.row.id }))) throw new AlreadyDone();
  await writeInvoice(tx, tenantId, localId, built.data, now);
  await writeRecord(tx, systemCtx(tx, tenantId), "invoice", invoice, { status: "credited" }, now);
  return { invoiceLocalId: localId, invoiceNumber: number };
}

/** Marks the order's invoice paid once the order is paid (booked/sent invoices only; credited stays). */
export async function markPaid(tx: Tx, tenantId: string, link: Link, now: Date): Promise<boolean> {
  const invoice = await invoiceRow(tx, tenantId, link.invoiceLocalId);
  const status = (invoice?.data as Obj | undefined)?.status;
  if (!invoice || (status !== "booked" && status !== "sent" && status !== "draft")) return false;
  await writeRecord(tx, systemCtx(tx, tenantId), "invoice", invoice, { status: "paid" }, now);
  return true;
}

export async function linksOf(tx: Tx, tenantId: string, orderLocalIds: string[]): Promise<Map<string, Link[]>> {
  const map = new Map<string, Link[]>();
  if (!orderLocalIds.length) return map;
  const rows = await tx.select().from(autoInvoiceLinks).where(and(eq(autoInvoiceLinks.tenantId, tenantId), inArray(autoInvoiceLinks.orderLocalId, orderLocalIds)));
  for (const r of rows) map.set(r.orderLocalId, [...(map.get(r.orderLocalId) ?? []), r]);
  return map;
}

/** An order's failure, kept until it succeeds; attempts count the changes it failed on. */
export async function recordError(tx: Tx, tenantId: string, order: RecordRow, ruleId: string | null, e: unknown): Promise<void> {
  const message = isAppError(e) || e instanceof NotYetInvoiceable ? e.message : `Unexpected error: ${e instanceof Error ? e.message : String(e)}`;
  const details = isAppError(e) && e.fieldErrors ? e.fieldErrors : null;
  const values = { ruleId, orderNumber: order.number, message: message.slice(0, 2000), details, orderLastModified: order.lastModified };
  await tx
    .insert(autoInvoiceErrors)
    .values({ tenantId, orderLocalId: order.localId, ...values })
    .onConflictDoUpdate({ target: [autoInvoiceErrors.tenantId, autoInvoiceErrors.orderLocalId], set: { ...values, attempts: sql`${autoInvoiceErrors.attempts} + 1`, updatedAt: sql`now()` } });
}

/** Which of these orders have a recorded failure. */
export async function ordersWithErrors(tx: Tx, tenantId: string, orderLocalIds: string[]): Promise<Set<string>> {
  if (!orderLocalIds.length) return new Set();
  const rows = await tx.select({ id: autoInvoiceErrors.orderLocalId }).from(autoInvoiceErrors).where(and(eq(autoInvoiceErrors.tenantId, tenantId), inArray(autoInvoiceErrors.orderLocalId, orderLocalIds)));
  return new Set(rows.map((r) => r.id));
}

export async function clearErrors(tx: Tx, tenantId: string, orderLocalIds: string[]): Promise<void> {
  if (orderLocalIds.length) await tx.delete(autoInvoiceErrors).where(and(eq(autoInvoiceErrors.tenantId, tenantId), inArray(autoInvoiceErrors.orderLocalId, orderLocalIds)));
}

/** Orders after a (lastModified, localId) position in commit order, as the Tenant API shows them. */
export async function ordersAfter(tx: Tx, tenantId: string, after: { at: Date; localId: string }, limit: number): Promise<{ row: RecordRow; order: Obj }[]> {
  const rows = await tx
    .select()
    .from(records)
    .where(and(eq(records.tenantId, tenantId), eq(records.type, "order"), eq(records.archived, false), sql`(${records.lastModified}, ${records.localId}) > (${after.at.toISOString()}::timestamptz, ${after.localId})`))
    .orderBy(asc(records.lastModified), asc(records.localId))
    .limit(limit);
  return presentOrders(tx, tenantId, rows);
}

export async function presentOrders(tx: Tx, tenantId: string, rows: RecordRow[]): Promise<{ row: RecordRow; order: Obj }[]> {
  const remote = await remoteIdsOf(tx, tenantId, rows.map((r) => r.localId));
  return rows.map((row) => ({ row, order: presentRecord(row, remote.get(row.localId) ?? []) }));
}
