import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { autoInvoiceLinks, plugs, records } from "@/db/schema";
import { rowsOf } from "@/db/client";
import { withTenantTx } from "@/db/tenant-tx";
import type { TenantCtx } from "@/lib/auth/guard";
import { closeQueue, getQueue, AUTO_INVOICE } from "@/lib/jobs/queue";
import type { AutoInvoiceJob } from "@/lib/jobs/auto-invoice";
import type { RecordCtx } from "@/lib/services/records/context";
import { createRecord } from "@/lib/services/records/create";
import { updateRecord } from "@/lib/services/records/update";
import { caught, sqlState } from "@/test/db";
import { makeReseller, makeTenant, orderBody } from "@/test/factories";
import { createConnection } from "@/lib/services/connections/create-connection";
import { startQuickBooksSimulator } from "@/lib/connectors/quickbooks/simulator";
import { runPlug } from "@/lib/connectors/runtime/run";
import { updatePlug } from "@/lib/services/plugs/update-plug";
import { createRule } from "./create-rule";
import { getAutoInvoiceSettings } from "./get-settings";
import { listRules } from "./list-rules";
import { previewRule } from "./preview-rule";
import { processTenant } from "./process-tenant";
import { ruleHistory } from "./rule-history";
import { sweepAutoInvoice } from "./sweep";
import { updateAutoInvoiceSettings } from "./update-settings";
import { updateRule } from "./update-rule";
import { buildInvoice } from "@/lib/auto-invoice/invoice";
import { compileRules, FallBack, invoiceOrders } from "./engine";
import { ruleInTenant } from "./internal";

/**
 * Auto Invoice against a real database: rules and settings, the engine (never twice, numbering,
 * credit notes, failures retried on change, cut-off), the continuous path through the queue and
 * the sweep after downtime. Every test makes its own tenant.
 */
type Obj = Record<string, any>;

let resellerCtx: Awaited<ReturnType<typeof makeReseller>>["ctx"];
beforeAll(async () => {
  ({ ctx: resellerCtx } = await makeReseller());
});

async function tenantWithAutoInvoice(options = ["auto_invoice"]) {
  const { tenant, owner } = await makeTenant(resellerCtx, { options });
  return { tenant, ctx: owner.ctx };
}

const userRecords = (ctx: TenantCtx): RecordCtx => ({ db: ctx.db, tenantId: ctx.tenant.id, writer: { kind: "user", login: ctx.actor.email } });
const today = () => new Date().toISOString();
const paidOrder = (extra: Obj = {}) => orderBody({ orderDate: today(), paymentStatus: "paid", ...extra });

const actions = (extra: Obj = {}) => ({ invoiceDate: "orderDate", dueDays: 14, numberSeries: { prefix: "INV-" }, markPaidWhenOrderPaid: true, creditNoteOnCancel: true, ...extra });

async function ruleOn(ctx: TenantCtx, extra: Obj = {}) {
  await updateAutoInvoiceSettings({ ctx, input: { enabled: true } });
  return createRule({ ctx, input: { name: "Paid orders", enabled: true, conditions: [{ field: "paymentStatus", operator: "equals", value: "paid" }], match: "all", actions: actions(), ...extra } });
}

async function invoicesOf(ctx: TenantCtx) {
  return withTenantTx(ctx.db, ctx.tenant.id, (tx) => tx.select().from(records).where(and(eq(records.tenantId, ctx.tenant.id), eq(records.type, "invoice"))));
}

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("rules and settings", () => {
  it("new rules start disabled, go last, and reorder densely; changes are versioned", async () => {
    const { ctx } = await tenantWithAutoInvoice();
    const a = await createRule({ ctx, input: { name: "A", actions: actions() } });
    const b = await createRule({ ctx, input: { name: "B", actions: actions() } });
    expect(a).toMatchObject({ enabled: false, position: 0, version: 1, id: expect.stringMatching(/^air_/) });
    expect(b.position).toBe(1);
    const moved = await updateRule({ ctx, ruleId: b.id, input: { position: 0, enabled: true } });
    expect(moved).toMatchObject({ position: 0, enabled: true, version: 2 });
    expect((await listRules({ ctx })).map((r) => [r.name, r.position])).toEqual([["B", 0], ["A", 1]]);
    const stale = await caught(updateRule({ ctx, ruleId: b.id, input: { name: "B2", version: 1 } }));
    expect(stale).toMatchObject({ status: 409 });
  });

  it("refuses bad configuration with a clear message", async () => {
    const { ctx } = await tenantWithAutoInvoice();
    const contradictory = await caught(
      createRule({ ctx, input: { name: "X", conditions: [{ field: "currency", operator: "equals", value: "SEK" }, { field: "currency", operator: "equals", value: "EUR" }], actions: actions() } }),
    );
    expect(contradictory).toMatchObject({ status: 422 });
    expect(contradictory.fieldErrors["conditions.1.value"][0]).toMatch(/Contradicts condition 1: currency/);
    const range = await caught(
      createRule({ ctx, input: { name: "X", conditions: [{ field: "totals.totalInclVat", operator: "greaterThan", value: "500" }, { field: "totals.totalInclVat", operator: "lessThan", value: "100" }], actions: actions() } }),
    );
    expect(range.fieldErrors["conditions.1.value"][0]).toMatch(/range on totals.totalInclVat is empty/);
    const noPrefix = await caught(createRule({ ctx, input: { name: "X", actions: actions({ numberSeries: { prefix: "  " } }) } }));
    expect(noPrefix.fieldErrors["actions.numberSeries.prefix"]).toEqual(["Enter a number series prefix, e.g. INV-"]);
    const unknown = await caught(createRule({ ctx, input: { name: "X", actions: actions({ exportConnectionId: "con_000000000000000000000000" }) } }));
    expect(unknown).toMatchObject({ status: 422, message: expect.stringMatching(/Unknown connection/) });
    const badPath = await caught(createRule({ ctx, input: { name: "X", conditions: [{ field: "nope", operator: "exists" }], actions: actions() } }));
    expect(Object.keys(badPath.fieldErrors)).toEqual(["conditions.0.field"]);
    const shop = await createConnection({ ctx, input: { connector: "shopify", name: "Shop", settings: { shopUrl: "http://127.0.0.1:9", accessToken: "shpat_x" } } });
    const notAccounting = await caught(createRule({ ctx, input: { name: "X", actions: actions({ exportConnectionId: shop.connectionId }) } }));
    expect(notAccounting.message).toMatch(/cannot export invoices/);
    expect(await listRules({ ctx })).toEqual([]);
  });

  it("refuses turning Auto Invoice on when the tenant's plan lacks it", async () => {
    const { ctx } = await tenantWithAutoInvoice([]);
    const e = await caught(updateAutoInvoiceSettings({ ctx, input: { enabled: true } }));
    expect(e).toMatchObject({ status: 422, message: expect.stringMatching(/not included/) });
    expect(await getAutoInvoiceSettings({ ctx })).toMatchObject({ enabled: false, available: false });
  });
});

describe("the engine", () => {
  it("invoices a matching order exactly: rows, shipping, VAT, customer, number, dates, paid, source", async () => {
    const { ctx } = await tenantWithAutoInvoice();
    const rule = await ruleOn(ctx);
    const order = await createRecord({ ctx: userRecords(ctx), type: "order", body: paidOrder({ orderDate: "2026-01-10T10:00:00Z" }) });
    await createRecord({ ctx: userRecords(ctx), type: "order", body: orderBody({ orderDate: today(), paymentStatus: "unpaid" }) });
    // The fixed date above may be past the default cut-off; widen it for this test.
    await updateAutoInvoiceSettings({ ctx, input: { cutoffDays: 3650 } });
    const result = await processTenant(ctx.db, ctx.tenant.id);
    expect(result).toMatchObject({ invoiced: 1, failed: 0 });
    const [inv] = await invoicesOf(ctx);
    const data = inv.data as Obj;
    expect(inv.lastModifiedBy).toBe("system/auto-invoice");
    expect(inv.source).toEqual({ type: "system", name: "auto-invoice" });
    expect(data).toMatchObject({ invoiceNumber: "INV-00001", orderLocalId: order.localId, invoiceDate: "2026-01-10", dueDate: "2026-01-24", status: "paid" });
    for (const k of ["rows", "shippingRows", "totals", "customer", "currency"]) expect(data[k]).toEqual(order[k]);
    const history = await ruleHistory({ ctx, ruleId: rule.id });
    expect(history).toMatchObject({ invoicesCreated: 1, creditNotesCreated: 0, errors: [] });
    expect(history.recent[0]).toMatchObject({ orderLocalId: order.localId, invoiceNumber: "INV-00001", kind: "invoice" });
  });

  it("never twice: five workers on the same orders give one invoice each and an unbroken sequence", async () => {
    const { ctx } = await tenantWithAutoInvoice();
    await ruleOn(ctx);
    const orders = [];
    for (let i = 0; i < 8; i++) orders.push(await createRecord({ ctx: userRecords(ctx), type: "order", body: paidOrder() }));
    const results = await Promise.all(Array.from({ length: 5 }, () => processTenant(ctx.db, ctx.tenant.id)));
    expect(results.reduce((n, r) => n + r.invoiced, 0)).toBe(8);
    const invoices = await invoicesOf(ctx);
    expect(invoices).toHaveLength(8);
    expect(new Set(invoices.map((i) => (i.data as Obj).orderLocalId))).toEqual(new Set(orders.map((o) => o.localId)));
    expect(invoices.map((i) => (i.data as Obj).invoiceNumber).sort()).toEqual(Array.from({ length: 8 }, (_, i) => `INV-${String(i + 1).padStart(5, "0")}`));
  });

  it("never twice is the database's: a second link for an order is refused, and rewinding the watermark invoices nothing again", async () => {
    const { ctx } = await tenantWithAutoInvoice();
    const rule = await ruleOn(ctx);
    const order = await createRecord({ ctx: userRecords(ctx), type: "order", body: paidOrder() });
    await processTenant(ctx.db, ctx.tenant.id);
    const again = await caught(
      withTenantTx(ctx.db, ctx.tenant.id, (tx) =>
        tx.insert(autoInvoiceLinks).values({ tenantId: ctx.tenant.id, orderLocalId: order.localId as string, kind: "invoice", invoiceLocalId: "f".repeat(32), invoiceNumber: "INV-X", ruleId: rule.id }),
      ),
    );
    expect(sqlState(again)).toBe("23505");
    // Workers that read the order before the first one committed see exactly this: a rewound position.
    await withTenantTx(ctx.db, ctx.tenant.id, (tx) => tx.execute(sql`update auto_invoice_settings set watermark_at = null where tenant_id = ${ctx.tenant.id}`));
    const results = await Promise.all(Array.from({ length: 5 }, () => processTenant(ctx.db, ctx.tenant.id)));
    expect(results.reduce((n, r) => n + r.invoiced, 0)).toBe(0);
    expect(await invoicesOf(ctx)).toHaveLength(1);
    // No number was used up by the refusals: the next invoice continues the series.
    await createRecord({ ctx: userRecords(ctx), type: "order", body: paidOrder() });
    await processTenant(ctx.db, ctx.tenant.id);
    expect((await invoicesOf(ctx)).map((i) => (i.data as Obj).invoiceNumber).sort()).toEqual(["INV-00001", "INV-00002"]);
  });

  it("invoices a page at once in commit order per series, leaving an order that cannot be invoiced to the one-by-one path", async () => {
    const { ctx } = await tenantWithAutoInvoice();
    await ruleOn(ctx, { name: "SEK", conditions: [{ field: "currency", operator: "equals", value: "SEK" }] });
    await createRule({ ctx, input: { name: "Others", enabled: true, conditions: [], match: "all", actions: actions({ numberSeries: { prefix: "EX-" } }) } });
    const made: Obj[] = [];
    for (let i = 0; i < 7; i++) made.push(await createRecord({ ctx: userRecords(ctx), type: "order", body: paidOrder(i % 3 === 2 ? { currency: "EUR" } : {}) }));
    // The fourth order's stored totals do not add up: it fails on its own, and takes no number.
    await withTenantTx(ctx.db, ctx.tenant.id, (tx) =>
      tx.execute(sql`update records set data = jsonb_set(data, '{totals,totalInclVat}', '"999.00"') where tenant_id = ${ctx.tenant.id} and local_id = ${made[3].localId}`),
    );
    // Pages of three: the series continue across pages.
    expect(await processTenant(ctx.db, ctx.tenant.id, { pageSize: 3 })).toMatchObject({ orders: 7, invoiced: 6, failed: 1 });
    const invoices = await invoicesOf(ctx);
    const numberOf = new Map(invoices.map((i) => [(i.data as Obj).orderLocalId, (i.data as Obj).invoiceNumber]));
    expect(made.map((o) => numberOf.get(o.localId) ?? null)).toEqual(["INV-00001", "INV-00002", "EX-00001", null, "INV-00003", "EX-00002", "INV-00004"]);
    // Each invoice has its creation in its history and the system as its writer.
    const history = await withTenantTx(ctx.db, ctx.tenant.id, (tx) => tx.execute(sql`select count(*)::int as n from record_history where tenant_id = ${ctx.tenant.id} and by = 'system/auto-invoice' and changes->>'op' = 'create'`));
    expect(rowsOf<{ n: number }>(history)[0].n).toBe(6);
    expect(invoices.every((i) => i.lastModifiedBy === "system/auto-invoice" && i.number === (i.data as Obj).invoiceNumber)).toBe(true);
  });

  it("the page's bulk write is all or nothing: an order linked by someone else rolls it back with its numbers", async () => {
    const { ctx } = await tenantWithAutoInvoice();
    const rule = await ruleOn(ctx);
    const orders = [await createRecord({ ctx: userRecords(ctx), type: "order", body: paidOrder() }), await createRecord({ ctx: userRecords(ctx), type: "order", body: paidOrder() })];
    const [compiled] = compileRules([await withTenantTx(ctx.db, ctx.tenant.id, (tx) => ruleInTenant(tx, ctx.tenant.id, rule.id))]);
    const now = new Date();
    const planned = orders.map((order) => ({ order, rule: compiled, built: buildInvoice(order, compiled.actions, "INV-0", now) }));
    // Another worker's link for the second order commits; the bulk savepoint fails on it.
    const outcome = await withTenantTx(ctx.db, ctx.tenant.id, async (tx) => {
      await tx.insert(autoInvoiceLinks).values({ tenantId: ctx.tenant.id, orderLocalId: orders[1].localId as string, kind: "invoice", invoiceLocalId: "f".repeat(32), invoiceNumber: "OTHER-1", ruleId: rule.id });
      return caught(tx.transaction((sp) => invoiceOrders(sp, ctx.tenant.id, planned, now)));
    });
    expect(outcome).toBeInstanceOf(FallBack);
    expect(await invoicesOf(ctx)).toEqual([]);
    // Nothing of the page stayed, numbers included: the first order gets INV-00001, the linked one nothing.
    expect(await processTenant(ctx.db, ctx.tenant.id)).toMatchObject({ invoiced: 1, skipped: 1 });
    expect((await invoicesOf(ctx)).map((i) => [(i.data as Obj).orderLocalId, (i.data as Obj).invoiceNumber])).toEqual([[orders[0].localId, "INV-00001"]]);
  });

  it("skips orders older than the cut-off and does nothing while switched off", async () => {
    const { ctx } = await tenantWithAutoInvoice();
    await ruleOn(ctx);
    await updateAutoInvoiceSettings({ ctx, input: { enabled: false } });
    await createRecord({ ctx: userRecords(ctx), type: "order", body: paidOrder() });
    expect(await processTenant(ctx.db, ctx.tenant.id)).toMatchObject({ orders: 0, invoiced: 0 });
    await updateAutoInvoiceSettings({ ctx, input: { enabled: true, cutoffDays: 30 } });
    const old = new Date(Date.now() - 40 * 86_400_000).toISOString();
    await createRecord({ ctx: userRecords(ctx), type: "order", body: paidOrder({ orderDate: old }) });
    const r = await processTenant(ctx.db, ctx.tenant.id);
    expect(r).toMatchObject({ orders: 2, invoiced: 1, skipped: 1 });
  });

  it("credits an invoiced order when it is cancelled, once, and marks the invoice credited", async () => {
    const { ctx } = await tenantWithAutoInvoice();
    const rule = await ruleOn(ctx);
    const order = await createRecord({ ctx: userRecords(ctx), type: "order", body: paidOrder() });
    await processTenant(ctx.db, ctx.tenant.id);
    await updateRecord({ ctx: userRecords(ctx), type: "order", localId: order.localId as string, body: { orderStatus: "cancelled" } });
    expect(await processTenant(ctx.db, ctx.tenant.id)).toMatchObject({ credited: 1 });
    await updateRecord({ ctx: userRecords(ctx), type: "order", localId: order.localId as string, body: { note: "changed again" } });
    expect(await processTenant(ctx.db, ctx.tenant.id)).toMatchObject({ credited: 0, invoiced: 0 });
    const all = await invoicesOf(ctx);
    const invoice = all.find((i) => !(i.data as Obj).creditOf)!;
    const credit = all.find((i) => (i.data as Obj).creditOf)!;
    expect((invoice.data as Obj).status).toBe("credited");
    expect(credit.data).toMatchObject({ creditOf: invoice.localId, invoiceNumber: "INV-00002", orderLocalId: order.localId, totals: { totalExclVat: "-291.80", totalVat: "-70.10", totalInclVat: "-361.90" } });
    // The history names the order and, for the credit note, the invoice it credits.
    const history = await ruleHistory({ ctx, ruleId: rule.id });
    expect(history.recent.map((r) => [r.invoiceNumber, r.kind, r.orderNumber, r.creditOf])).toEqual([
      ["INV-00002", "credit", order.orderNumber, "INV-00001"],
      ["INV-00001", "invoice", order.orderNumber, null],
    ]);
  });

  it("marks the invoice paid when the order is paid later", async () => {
    const { ctx } = await tenantWithAutoInvoice();
    await ruleOn(ctx, { conditions: [] });
    const order = await createRecord({ ctx: userRecords(ctx), type: "order", body: orderBody({ orderDate: today(), paymentStatus: "authorized" }) });
    await processTenant(ctx.db, ctx.tenant.id);
    expect(((await invoicesOf(ctx))[0].data as Obj).status).toBe("booked");
    await updateRecord({ ctx: userRecords(ctx), type: "order", localId: order.localId as string, body: { paymentStatus: "paid" } });
    expect(await processTenant(ctx.db, ctx.tenant.id)).toMatchObject({ markedPaid: 1 });
    expect(((await invoicesOf(ctx))[0].data as Obj).status).toBe("paid");
  });

  it("records an order that cannot be invoiced with the reason, and retries it when the order changes", async () => {
    const { ctx } = await tenantWithAutoInvoice();
    const rule = await ruleOn(ctx);
    const order = await createRecord({ ctx: userRecords(ctx), type: "order", body: paidOrder() });
    // Data stored before a validation change (or by an older version) may not add up; the engine must not trust it.
    await withTenantTx(ctx.db, ctx.tenant.id, (tx) =>
      tx.execute(sql`update records set data = jsonb_set(data, '{totals,totalInclVat}', '"999.00"') where tenant_id = ${ctx.tenant.id} and local_id = ${order.localId}`),
    );
    expect(await processTenant(ctx.db, ctx.tenant.id)).toMatchObject({ invoiced: 0, failed: 1 });
    const history = await ruleHistory({ ctx, ruleId: rule.id });
    expect(history.errors).toHaveLength(1);
    expect(history.errors[0].message).toMatch(/totals.totalInclVat: totalInclVat 999.00 does not match/);
    // Nothing changed: not retried. The order is fixed: invoiced, error gone, and no number was lost.
    expect(await processTenant(ctx.db, ctx.tenant.id)).toMatchObject({ orders: 0 });
    await updateRecord({ ctx: userRecords(ctx), type: "order", localId: order.localId as string, body: { totals: { totalExclVat: "291.80", totalVat: "70.10", totalInclVat: "361.90" } } });
    expect(await processTenant(ctx.db, ctx.tenant.id)).toMatchObject({ invoiced: 1, failed: 0 });
    expect((await ruleHistory({ ctx, ruleId: rule.id })).errors).toEqual([]);
    expect(((await invoicesOf(ctx))[0].data as Obj).invoiceNumber).toBe("INV-00001");
  });

  it("exports a new invoice right away through the rule's accounting connection", async () => {
    const { ctx } = await tenantWithAutoInvoice();
    const books = await startQuickBooksSimulator({ company: "SE", throttle: false });
    try {
      const settings = { realmId: books.realmId, clientId: books.clientId, clientSecret: books.clientSecret, refreshToken: books.refreshToken, environment: "sandbox", apiBaseUrl: books.url, tokenUrl: books.tokenUrl };
      const { connectionId } = await createConnection({ ctx, input: { connector: "quickbooks", name: "Books", settings } });
      const taxCodes = [{ vatRatePercent: "25", taxCodeId: "2" }, { vatRatePercent: "6", taxCodeId: "4" }];
      await updatePlug({ ctx, connectionId, plugKey: "InvoiceExport", input: { enabled: true, schedule: { kind: "interval", minutes: 60 }, settings: { taxCodes } } });
      await ruleOn(ctx, { actions: actions({ exportConnectionId: connectionId }) });
      await createRecord({ ctx: userRecords(ctx), type: "order", body: paidOrder() });
      await processTenant(ctx.db, ctx.tenant.id);
      // The run is claimed with the invoice (the queue sends it after commit); a worker then books it.
      const [plug] = await withTenantTx(ctx.db, ctx.tenant.id, (tx) => tx.select().from(plugs).where(and(eq(plugs.tenantId, ctx.tenant.id), eq(plugs.connectionId, connectionId), eq(plugs.key, "InvoiceExport"))));
      expect(plug.runRequestedAt).not.toBeNull();
      const run = await runPlug(ctx.db, { tenantId: ctx.tenant.id, connectionId, plugKey: "InvoiceExport", trigger: "autoInvoice" });
      expect(run.skipped).toBe(false);
      expect(books.store.all("Invoice").map((i) => i.DocNumber)).toEqual(["INV-00001"]);
    } finally {
      await books.stop();
    }
  });

  it("previews the latest orders without writing anything", async () => {
    const { ctx } = await tenantWithAutoInvoice();
    const rule = await createRule({ ctx, input: { name: "SEK paid", conditions: [{ field: "paymentStatus", operator: "equals", value: "paid" }], actions: actions() } });
    const paid = await createRecord({ ctx: userRecords(ctx), type: "order", body: paidOrder() });
    await createRecord({ ctx: userRecords(ctx), type: "order", body: orderBody({ orderDate: today(), paymentStatus: "unpaid" }) });
    const preview = await previewRule({ ctx, ruleId: rule.id, input: { limit: 10 } });
    expect(preview.orders).toHaveLength(2);
    const hit = preview.orders.find((o) => o.orderLocalId === paid.localId)!;
    expect(hit).toMatchObject({ outcome: "invoice", invoice: { invoiceNumber: "INV-00001", orderLocalId: paid.localId, totals: paid.totals } });
    expect(preview.orders.filter((o) => o.outcome === "noMatch")).toHaveLength(1);
    const draft = await previewRule({ ctx, ruleId: rule.id, input: { rule: { name: "all", conditions: [], actions: actions({ numberSeries: { prefix: "F" } }) } } });
    expect(draft.orders.map((o) => o.outcome)).toEqual(["invoice", "invoice"]);
    // Newest first in the list, numbered as the engine would: the older order gets the first number.
    expect(draft.orders.map((o) => o.invoice?.invoiceNumber)).toEqual(["F00002", "F00001"]);
    expect(await invoicesOf(ctx)).toHaveLength(0);
    const seriesRows = await withTenantTx(ctx.db, ctx.tenant.id, (tx) => tx.execute(sql`select * from number_series where tenant_id = ${ctx.tenant.id}`));
    expect([...(seriesRows as unknown as unknown[])]).toHaveLength(0);
  });
});

describe("continuous path and sweep", () => {
  let stopWork: (() => Promise<void>) | undefined;
  const mine = new Set<string>();
  beforeAll(async () => {
    const boss = await getQueue();
    const { getDb } = await import("@/db/client");
    const db = await getDb();
    // Only this file's tenants: other files of this worker may queue runs for their own.
    await boss.work<AutoInvoiceJob>(AUTO_INVOICE, { pollingIntervalSeconds: 0.5 }, async ([job]) => (mine.has(job.data.tenantId) ? processTenant(db, job.data.tenantId) : undefined));
    stopWork = () => boss.offWork(AUTO_INVOICE, { wait: true });
  });
  afterAll(async () => {
    await stopWork?.();
    await closeQueue();
  });

  it("an order written through the records service is invoiced within seconds via the queue", async () => {
    const { ctx } = await tenantWithAutoInvoice();
    mine.add(ctx.tenant.id);
    await ruleOn(ctx);
    const started = Date.now();
    const order = await createRecord({ ctx: userRecords(ctx), type: "order", body: paidOrder() });
    const invoice = await until("the invoice", async () => (await invoicesOf(ctx)).find((i) => (i.data as Obj).orderLocalId === order.localId));
    expect((invoice.data as Obj).invoiceNumber).toBe("INV-00001");
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it("the sweep invoices orders written while no worker ran", async () => {
    const { ctx } = await tenantWithAutoInvoice();
    // Not in `mine`: queued runs for this tenant are dropped, as if no worker were up.
    await ruleOn(ctx);
    for (let i = 0; i < 3; i++) await createRecord({ ctx: userRecords(ctx), type: "order", body: paidOrder() });
    await new Promise((r) => setTimeout(r, 1500));
    expect(await invoicesOf(ctx)).toHaveLength(0);
    const swept = await sweepAutoInvoice(ctx.db, async (tenantId) => (tenantId === ctx.tenant.id ? processTenant(ctx.db, tenantId) : undefined));
    expect(swept).toContain(ctx.tenant.id);
    expect(await invoicesOf(ctx)).toHaveLength(3);
  });
});
