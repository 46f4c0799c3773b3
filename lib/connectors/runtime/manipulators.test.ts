import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { records } from "@/db/schema";
import { withTenantTx } from "@/db/tenant-tx";
import type { TenantCtx } from "@/lib/auth/guard";
import { retryErrors } from "@/lib/services/error-queue/act";
import { listErrors } from "@/lib/services/error-queue/list";
import { putChain } from "@/lib/services/manipulators/put-chain";
import { createRecord } from "@/lib/services/records/create";
import { getTransfer } from "@/lib/services/transfers/get";
import { ukInvoice } from "../quickbooks/test-support";
import { shopAndBooks } from "./test-remotes";
import { runPlug, type RunTrigger } from "./run";

/** Manipulator chains inside real plug runs: import (after mapping, before validation) and export (before the plug). */

let ctx: TenantCtx;
let shop: Awaited<ReturnType<typeof shopAndBooks>>["shop"];
let qbo: Awaited<ReturnType<typeof shopAndBooks>>["qbo"];
let shopConnection: string;
let qboConnection: string;
let stop: () => Promise<unknown>;

beforeAll(async () => {
  ({ ctx, shop, qbo, shopConnection, qboConnection, stop } = await shopAndBooks({ orders: 12, rateLimit: false }));
});

afterAll(async () => {
  await stop?.();
});

const tenantId = () => ctx.tenant.id;
async function run(connectionId: string, plugKey: string, trigger: RunTrigger = "manual", errorIds?: string[]) {
  const res = await runPlug(ctx.db, { tenantId: tenantId(), connectionId, plugKey, trigger, errorIds });
  if (res.skipped) throw new Error(res.reason);
  return getTransfer({ db: ctx.db, tenantId: tenantId(), reportId: res.reportId, input: { limit: 1000 } });
}
const storedOrders = async () =>
  (await withTenantTx(ctx.db, tenantId(), (tx) => tx.select().from(records).where(and(eq(records.tenantId, tenantId()), eq(records.type, "order"))))).map((r) => ({ ...(r.data as Record<string, any>), customData: r.customData as Record<string, unknown> }) as Record<string, any>);

describe("manipulator chains in plug runs", () => {
  it("import: each order is changed before it is validated and saved; ignore and fail links count as such; the report names the chain version", async () => {
    const numbers = shop.store.orders.count();
    expect(numbers).toBe(12);
    const [ignored, held] = [shop.store.orders.order(3).name.replace("#", ""), shop.store.orders.order(5).name.replace("#", "")];
    const chain = [
      { key: "set-field", enabled: true, settings: { field: "note", value: "{{orderNumber}} via {{connection.name}}" }, conditions: [], match: "all" },
      { key: "set-custom-data", enabled: true, settings: { key: "x-test|channel", value: "web" }, conditions: [], match: "all" },
      { key: "ignore", enabled: true, settings: { reason: "Test order {{orderNumber}}" }, conditions: [{ field: "orderNumber", operator: "equals", value: ignored }], match: "all" },
      { key: "fail", enabled: true, settings: { message: "Held: {{orderNumber}}" }, conditions: [{ field: "orderNumber", operator: "equals", value: held }], match: "all" },
      // Disabled links do nothing.
      { key: "fail", enabled: false, settings: { message: "never" }, conditions: [], match: "all" },
    ];
    const saved = await putChain({ ctx, target: { connectionId: shopConnection, direction: "import", recordType: "order" }, input: chain });

    const r = await run(shopConnection, "OrderImport");
    expect(r).toMatchObject({ status: "completedWithErrors", numConsidered: 12, numSucceeded: 10, numIgnored: 1, numFailed: 1, chainVersion: saved.version });
    expect(r.records.find((o) => o.outcome === "ignored")?.message).toBe(`Test order ${ignored}`);
    expect(r.records.find((o) => o.outcome === "failed")?.message).toBe(`Held: ${held}`);
    const orders = await storedOrders();
    expect(orders).toHaveLength(10);
    for (const o of orders) {
      expect(o.note).toBe(`${o.orderNumber} via Webshop`);
      expect(o.customData["x-test|channel"]).toBe("web");
    }
    expect(orders.map((o) => o.orderNumber)).not.toContain(ignored);

    // A retry maps the saved item again and runs the chain as it is now: without the fail link, the order is saved.
    await putChain({ ctx, target: { connectionId: shopConnection, direction: "import", recordType: "order" }, input: chain.slice(0, 3) });
    const [entry] = (await listErrors({ ctx, input: {} })).items.filter((i) => i.connectionId === shopConnection);
    expect(entry.message).toBe(`Held: ${held}`);
    await retryErrors({ ctx, input: { ids: [entry.id] } });
    const retried = await run(shopConnection, "OrderImport", "retry", [entry.id]);
    expect(retried).toMatchObject({ numSucceeded: 1, numFailed: 0, chainVersion: saved.version + 1 });
    expect((await storedOrders()).find((o) => o.orderNumber === held)?.note).toBe(`${held} via Webshop`);
  });

  it("a runtime error in a link fails only that record, and nothing half-manipulated is saved", async () => {
    const bad = shop.store.orders.add();
    const good = shop.store.orders.add();
    const badNumber = bad.name.replace("#", "");
    await putChain({
      ctx,
      target: { connectionId: shopConnection, direction: "import", recordType: "order" },
      input: [
        { key: "set-field", enabled: true, settings: { field: "note", value: "changed" }, conditions: [], match: "all" },
        { key: "script", enabled: true, settings: { source: `if (record.orderNumber === ${JSON.stringify(badNumber)}) throw new Error("not this one"); return record;` }, conditions: [], match: "all" },
      ],
    });
    const r = await run(shopConnection, "OrderImport");
    expect(r.records.find((o) => o.remoteId === String(bad.id))).toMatchObject({ outcome: "failed", message: expect.stringMatching(/not this one/) });
    expect(r.records.find((o) => o.remoteId === String(good.id))).toMatchObject({ outcome: "succeeded" });
    const orders = await storedOrders();
    expect(orders.find((o) => o.orderNumber === badNumber)).toBeUndefined();
    expect(orders.find((o) => o.orderNumber === good.name.replace("#", ""))?.note).toBe("changed");
  });

  it("export: the chain changes what is sent, never the stored record; an ignore link skips the record", async () => {
    const user = { db: ctx.db, tenantId: tenantId(), writer: { kind: "user" as const, login: ctx.actor.email } };
    await createRecord({ ctx: user, type: "invoice", body: { ...ukInvoice(), invoiceNumber: "INV-7001" } });
    await createRecord({ ctx: user, type: "invoice", body: { ...ukInvoice(), invoiceNumber: "INV-7002" } });
    const saved = await putChain({
      ctx,
      target: { connectionId: qboConnection, direction: "export", recordType: "invoice" },
      input: [
        { key: "set-field", enabled: true, settings: { field: "invoiceNumber", value: "WEB-{{invoiceNumber}}" }, conditions: [], match: "all" },
        { key: "ignore", enabled: true, settings: { reason: "Not booked here" }, conditions: [{ field: "invoiceNumber", operator: "equals", value: "WEB-INV-7002" }], match: "all" },
      ],
    });
    const r = await run(qboConnection, "InvoiceExport");
    expect(r).toMatchObject({ numSucceeded: 1, numIgnored: 1, chainVersion: saved.version });
    expect(qbo.store.all("Invoice").map((i) => i.DocNumber)).toEqual(["WEB-INV-7001"]);
    const stored = await withTenantTx(ctx.db, tenantId(), (tx) => tx.select().from(records).where(and(eq(records.tenantId, tenantId()), eq(records.type, "invoice"))));
    expect(stored.map((s) => (s.data as { invoiceNumber: string }).invoiceNumber).sort()).toEqual(["INV-7001", "INV-7002"]);
  });
});
