import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorQueue, plugs, recordRemoteIds, records } from "@/db/schema";
import { withTenantTx } from "@/db/tenant-tx";
import type { TenantCtx } from "@/lib/auth/guard";
import { createConnection } from "@/lib/services/connections/create-connection";
import { deleteConnection } from "@/lib/services/connections/delete-connection";
import { listConnections } from "@/lib/services/connections/list";
import { resolveErrors } from "@/lib/services/error-queue/act";
import { listErrors } from "@/lib/services/error-queue/list";
import { createRecord } from "@/lib/services/records/create";
import { updateRecord } from "@/lib/services/records/update";
import { getTransfer } from "@/lib/services/transfers/get";
import { listTransfersDelta } from "@/lib/services/transfers/list-delta";
import { Dec } from "@/lib/money";
import { ukInvoice } from "../quickbooks/test-support";
import { shopAndBooks } from "./test-remotes";
import { runPlug } from "./run";

/** The plug pipeline end to end against the simulators, without the queue (run.worker.test.ts covers that). */

process.env.CROSSDOCK_REMOTE_RETRY_BASE_MS = "20";

let ctx: TenantCtx;
let shop: Awaited<ReturnType<typeof shopAndBooks>>["shop"];
let qbo: Awaited<ReturnType<typeof shopAndBooks>>["qbo"];
let shopConnection: string;
let qboConnection: string;
let stop: () => Promise<unknown>;

beforeAll(async () => {
  ({ ctx, shop, qbo, shopConnection, qboConnection, stop } = await shopAndBooks({ orders: 120, badOrderEvery: 40, rateLimit: false }));
});

afterAll(async () => {
  await stop?.();
});

const tenantId = () => ctx.tenant.id;
async function run(connectionId: string, plugKey: string, errorIds?: string[]) {
  const res = await runPlug(ctx.db, { tenantId: tenantId(), connectionId, plugKey, trigger: errorIds ? "retry" : "manual", errorIds });
  if (res.skipped) throw new Error(res.reason);
  return res;
}
const report = (reportId: string, input?: unknown) => getTransfer({ db: ctx.db, tenantId: tenantId(), reportId, input });
const stateOf = (connectionId: string, key: string) =>
  withTenantTx(ctx.db, tenantId(), async (tx) => (await tx.select().from(plugs).where(and(eq(plugs.tenantId, tenantId()), eq(plugs.connectionId, connectionId), eq(plugs.key, key))))[0].state as { watermark?: string });
const remoteIdsOf = (connectionId: string) =>
  withTenantTx(ctx.db, tenantId(), (tx) => tx.select().from(recordRemoteIds).where(and(eq(recordRemoteIds.tenantId, tenantId()), eq(recordRemoteIds.connectionId, connectionId))));

describe("import runs (Shopify OrderImport)", () => {
  it("imports every order once, fails the bad ones into the error queue, and stores the watermark with the records", async () => {
    const res = await run(shopConnection, "OrderImport");
    const r = await report(res.reportId, { outcome: "failed" });
    expect(r).toMatchObject({ status: "completedWithErrors", numConsidered: 120, numSucceeded: 117, numFailed: 3, numIgnored: 0 });
    expect(r.records).toHaveLength(3);
    expect(r.records[0].message).toMatch(/does not add up/);
    const ids = await remoteIdsOf(shopConnection);
    expect(ids).toHaveLength(117);
    expect(new Set(ids.map((i) => i.localId)).size).toBe(117);
    const stored = await withTenantTx(ctx.db, tenantId(), (tx) => tx.select().from(records).where(and(eq(records.tenantId, tenantId()), eq(records.type, "order"))));
    expect(stored[0].source).toMatchObject({ type: "connection", connectionType: "shopify", connectionId: shopConnection, connectionName: "Webshop" });
    expect(stored[0].lastModifiedBy).toBe(`connection/${shopConnection}`);
    expect((await stateOf(shopConnection, "OrderImport")).watermark).toBeTruthy();
    const queue = await listErrors({ ctx, input: {} });
    expect(queue.items.filter((i) => i.connectionId === shopConnection)).toHaveLength(3);
    expect(queue.items[0]).toMatchObject({ status: "open", plug: "OrderImport", recordType: "order", attempts: 1 });
  });

  it("a second run fetches only what changed, and a bad order fixed at the shop resolves its error by itself", async () => {
    const bad = (await listErrors({ ctx, input: {} })).items.filter((i) => i.connectionId === shopConnection);
    // The simulator's bad orders are 100.00 off; the shop corrects one, and a customer adds a note to another.
    shop.store.orders.update(Number(bad[0].remoteId), (o) => {
      o.total_price = new Dec(o.total_price).minus(100).toFixed(2);
    });
    shop.store.orders.update(Number((await remoteIdsOf(shopConnection))[0].remoteId), (o) => {
      o.note = "gift wrap, please";
    });
    const res = await run(shopConnection, "OrderImport");
    const r = await report(res.reportId);
    // The watermark is inclusive and kept a minute behind (Shopify stamps whole seconds), so recent
    // orders are seen again: upserted by remote id, they add nothing.
    expect(r.numSucceeded).toBeGreaterThanOrEqual(2);
    const ids = await remoteIdsOf(shopConnection);
    expect(ids).toHaveLength(118);
    expect(new Set(ids.map((i) => i.localId)).size).toBe(118);
    const after = await listErrors({ ctx, input: { status: "all" } });
    const fixed = after.items.find((i) => i.id === bad[0].id);
    expect(fixed).toMatchObject({ status: "resolved", resolvedBy: "system/succeeded" });
  });

  it("retrying a failed record re-maps its saved payload; resolving by hand closes it", async () => {
    const open = (await listErrors({ ctx, input: {} })).items.filter((i) => i.connectionId === shopConnection);
    expect(open.length).toBeGreaterThanOrEqual(2);
    const res = await run(shopConnection, "OrderImport", [open[0].id]);
    expect(await report(res.reportId)).toMatchObject({ trigger: "retry", numConsidered: 1, numFailed: 1 });
    const again = (await listErrors({ ctx, input: {} })).items.find((i) => i.id === open[0].id);
    expect(again).toMatchObject({ status: "open", attempts: open[0].attempts + 1 });
    expect(await resolveErrors({ ctx, input: { ids: open.slice(1).map((o) => o.id) } })).toEqual({ items: open.length - 1 });
    const resolved = (await listErrors({ ctx, input: { status: "resolved" } })).items.find((i) => i.id === open[1].id);
    expect(resolved?.resolvedBy).toBe(`user/${ctx.actor.email}`);
  });

  it("recovers from transient faults within the run and notes them; stops on a refused credential", async () => {
    shop.failNext(503, 2);
    const ok = await run(shopConnection, "OrderImport");
    const r = await report(ok.reportId);
    expect(r.status).not.toBe("failed");
    expect(r.sessionErrors.map((e) => e.kind)).toEqual(["transient", "transient"]);

    shop.failNext(401, 1);
    const refused = await run(shopConnection, "OrderImport");
    const f = await report(refused.reportId);
    expect(f.status).toBe("failed");
    expect(f.sessionErrors.at(-1)).toMatchObject({ kind: "permanent" });
    expect(f.sessionErrors.at(-1)?.message).toMatch(/401/);
  });

  it("the connection list (GET /api/connection) shows each plug's latest and latest successful transfer, never a secret", async () => {
    const list = await listConnections({ db: ctx.db, tenantId: tenantId() });
    const shopify = list.find((c) => c.connectionId === shopConnection);
    const plug = shopify?.plugs.find((p) => p.key === "OrderImport");
    expect(plug?.latestTransfer?.status).toBe("failed"); // the 401 run above
    expect(plug?.latestSuccessfulTransfer?.status ?? "succeeded").toBe("succeeded");
    expect(plug?.latestSuccessfulTransfer?.id).not.toBe(plug?.latestTransfer?.id);
    expect(shopify?.plugs.map((p) => p.key).sort()).toEqual(["OrderImport", "ProductExport", "StockUpdate"]);
    expect(JSON.stringify(list)).not.toContain(shop.accessToken);
    expect(JSON.stringify(list)).not.toContain(qbo.clientSecret);
  });

  it("reports page through GET /api/transferReport's delta, newest counts last", async () => {
    const page = await listTransfersDelta({ db: ctx.db, tenantId: tenantId(), query: { limit: "100" } });
    expect(page.reports.length).toBeGreaterThanOrEqual(5);
    const stamps = page.reports.map((r) => r.lastModified);
    expect([...stamps].sort()).toEqual(stamps);
    expect(page.reports.every((r) => r.end !== null)).toBe(true);
  });
});

describe("deleting a connection with history", () => {
  it("archives it instead: inactive, plugs off, records keep their remote ids; runs are skipped", async () => {
    const wooless = await createConnection({ ctx, input: { connector: "shopify", name: "Archive me", settings: { shopUrl: shop.url, accessToken: shop.accessToken } } });
    await run(wooless.connectionId, "OrderImport");
    expect(await deleteConnection({ ctx, connectionId: wooless.connectionId })).toEqual({ outcome: "archived" });
    const listed = (await listConnections({ db: ctx.db, tenantId: tenantId() })).find((c) => c.connectionId === wooless.connectionId);
    expect(listed).toMatchObject({ active: false, archived: true });
    expect((await remoteIdsOf(wooless.connectionId)).length).toBeGreaterThan(0);
    expect(await runPlug(ctx.db, { tenantId: tenantId(), connectionId: wooless.connectionId, plugKey: "OrderImport", trigger: "schedule" })).toEqual({ skipped: true, reason: "The connection is inactive." });
    // A retry that cannot run leaves its entries open again, not "retrying" for ever.
    const [entry] = (await listErrors({ ctx, input: { connectionId: wooless.connectionId } })).items;
    await withTenantTx(ctx.db, tenantId(), (tx) => tx.update(errorQueue).set({ status: "retried" }).where(and(eq(errorQueue.tenantId, tenantId()), eq(errorQueue.id, entry.id))));
    expect((await runPlug(ctx.db, { tenantId: tenantId(), connectionId: wooless.connectionId, plugKey: "OrderImport", trigger: "retry", errorIds: [entry.id] })).skipped).toBe(true);
    expect((await listErrors({ ctx, input: { connectionId: wooless.connectionId } })).items.find((i) => i.id === entry.id)?.status).toBe("open");
  });
});

describe("export runs (QuickBooks InvoiceExport)", () => {
  it("exports new invoices, remembers their remote ids without touching lastModified, and sends only changes afterwards", async () => {
    const user = { db: ctx.db, tenantId: tenantId(), writer: { kind: "user" as const, login: ctx.actor.email } };
    const a = (await createRecord({ ctx: user, type: "invoice", body: { ...ukInvoice(), invoiceNumber: "INV-9001" } })) as { localId: string; lastModified: string };
    await createRecord({ ctx: user, type: "invoice", body: { ...ukInvoice(), invoiceNumber: "INV-9002" } });
    await createRecord({ ctx: user, type: "invoice", body: { ...ukInvoice(), invoiceNumber: "INV-9003", status: "draft" } });

    const first = await run(qboConnection, "InvoiceExport");
    expect(await report(first.reportId)).toMatchObject({ status: "succeeded", numSucceeded: 2, numIgnored: 1 });
    const ids = await remoteIdsOf(qboConnection);
    expect(ids).toHaveLength(2);
    const stored = await withTenantTx(ctx.db, tenantId(), (tx) => tx.select().from(records).where(and(eq(records.tenantId, tenantId()), eq(records.localId, a.localId))));
    expect(stored[0].lastModified.toISOString()).toBe(a.lastModified);

    const idle = await run(qboConnection, "InvoiceExport");
    expect(await report(idle.reportId)).toMatchObject({ numConsidered: 0 });

    await updateRecord({ ctx: user, type: "invoice", localId: a.localId, body: { dueDate: "2025-06-01" } });
    const changed = await run(qboConnection, "InvoiceExport");
    const r = await report(changed.reportId);
    expect(r).toMatchObject({ numConsidered: 1, numSucceeded: 1 });
    expect(r.records[0]).toMatchObject({ localId: a.localId, message: "updated" });
    expect(await remoteIdsOf(qboConnection)).toHaveLength(2);
  });

  it("a watermark typed by hand is a date to start from; anything else fails the run with the reason", async () => {
    const setWatermark = (watermark: string) =>
      withTenantTx(ctx.db, tenantId(), (tx) =>
        tx.update(plugs).set({ state: { watermark } }).where(and(eq(plugs.tenantId, tenantId()), eq(plugs.connectionId, qboConnection), eq(plugs.key, "InvoiceExport"))),
      );
    const saved = (await stateOf(qboConnection, "InvoiceExport")).watermark ?? "";
    await setWatermark("yesterday");
    const bad = await run(qboConnection, "InvoiceExport");
    expect(await report(bad.reportId)).toMatchObject({ status: "failed", sessionErrors: [expect.objectContaining({ kind: "permanent", message: expect.stringMatching(/not a date/) })] });
    await setWatermark("2999-01-01");
    expect(await report((await run(qboConnection, "InvoiceExport")).reportId)).toMatchObject({ status: "succeeded", numConsidered: 0 });
    await setWatermark(saved);
  });

  it("fails one invalid record (unmapped VAT rate) into the queue and moves the rest", async () => {
    const user = { db: ctx.db, tenantId: tenantId(), writer: { kind: "user" as const, login: ctx.actor.email } };
    const odd = ukInvoice();
    odd.invoiceNumber = "INV-9100";
    odd.rows = [{ sku: "X-1", quantity: "1", pricePerUnitExclVat: "100.00", vatRatePercent: "7", vatAmount: "7.00" }];
    odd.shippingRows = undefined;
    odd.feeRows = undefined;
    odd.totals = { totalExclVat: "100.00", totalVat: "7.00", totalInclVat: "107.00" };
    await createRecord({ ctx: user, type: "invoice", body: odd });
    await createRecord({ ctx: user, type: "invoice", body: { ...ukInvoice(), invoiceNumber: "INV-9101" } });
    const res = await run(qboConnection, "InvoiceExport");
    const r = await report(res.reportId, { outcome: "failed" });
    expect(r).toMatchObject({ status: "completedWithErrors", numSucceeded: 1, numFailed: 1 });
    expect(r.records[0].message).toMatch(/7/);
    const queued = await withTenantTx(ctx.db, tenantId(), (tx) => tx.select().from(errorQueue).where(and(eq(errorQueue.tenantId, tenantId()), eq(errorQueue.connectionId, qboConnection))));
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ status: "open", displayId: "INV-9100", payload: null });
  });
});
