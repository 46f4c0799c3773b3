import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validateRecordData } from "@/lib/records/validate";
import { RecordError, RemoteError } from "../errors";
import type { ExportPlug, ImportedRecord, ImportPlug } from "../types";
import { woocommerceConnector } from "./index";
import { wcDate } from "./simulator-data";
import { startWooCommerceSimulator, type WooCommerceSimulator } from "./simulator";
import { io, runImport, settingsFor } from "./test-support";
import type { WcOrder } from "./wc-types";

process.env.CROSSDOCK_ALLOW_LOCAL_REMOTES = "1";

const plug = (key: string) => woocommerceConnector.plugs.find((p) => p.key === key)!;
const orderImport = plug("OrderImport") as ImportPlug;
const productImport = plug("ProductImport") as ImportPlug;
const stockUpdate = plug("StockUpdate") as ExportPlug;
const orderSettings = orderImport.settings.parse({});
const productSettings = productImport.settings.parse({ currency: "SEK", taxClassRates: "standard=25, reduced-rate=12, books=6, zero-rate=0" });
const ids = (items: unknown[]) => new Set(items.map((o) => (o as WcOrder).id));

let sim: WooCommerceSimulator;
let settings: ReturnType<typeof settingsFor>;

beforeAll(async () => {
  sim = await startWooCommerceSimulator({ orders: 1200, badOrderEvery: 97 });
  settings = woocommerceConnector.settings.parse(settingsFor(sim)) as typeof settings;
});
afterAll(async () => {
  await sim.stop();
});

describe("WooCommerce connector", () => {
  it("validates its settings and tests the connection", async () => {
    expect(woocommerceConnector.settings.safeParse({ ...settingsFor(sim), consumerKey: "4f9d0c2e" }).success).toBe(false);
    expect(woocommerceConnector.settings.safeParse({ ...settingsFor(sim), storeUrl: "shop.example.com" }).success).toBe(false);
    const { message } = await woocommerceConnector.test(settings, io);
    expect(message).toBe(`WooCommerce 9.8.5 at ${sim.url}, currency SEK`);
  });

  it("OrderImport pages through every order in the chosen statuses, each mapping to a valid order or a RecordError", async () => {
    const run = await runImport(orderImport, settings, orderSettings, null);
    const expected = sim.store.listOrders({ statuses: new Set(orderSettings.statuses), orderby: "id", desc: false, offset: 0, limit: 0 }).total;
    expect(ids(run.items).size).toBe(expected);
    expect(run.pages).toBeGreaterThan(expected / 100);
    const q = sim.requests.at(-1)!.query;
    expect(q).toMatchObject({ orderby: "modified", order: "asc", dates_are_gmt: "true", per_page: "100", status: "processing,completed,on-hold" });

    let failed = 0;
    for (const item of run.items) {
      try {
        const r = orderImport.map(item, { settings, plugSettings: orderSettings }) as ImportedRecord;
        const { customData: _, ...data } = r.data;
        validateRecordData("order", data);
      } catch (e) {
        expect(e).toBeInstanceOf(RecordError);
        expect(((item as WcOrder).id - 999) % 97).toBe(0); // badOrderEvery: the 97th, 194th … order
        failed++;
      }
    }
    expect(failed).toBeGreaterThan(0);
  });

  it("a second run with the watermark fetches only what changed, including a change in the watermark's own second", async () => {
    const first = await runImport(orderImport, settings, orderSettings, null);
    const again = await runImport(orderImport, settings, orderSettings, first.watermark);
    // Only the orders of the newest second come again (modified_after is exclusive, the watermark a second earlier).
    expect(again.items.length).toBeLessThan(5);

    const newestSecond = new Date(Date.parse(`${first.watermark}Z`) + 1000);
    const sameSecond = sim.store.updateOrder(1003, { status: "completed" }, { modifiedAt: newestSecond });
    const changed = sim.store.updateOrder(1010, { status: "processing" });
    const placed = sim.store.addOrder({ status: "on-hold" });
    const hidden = sim.store.updateOrder(1011, { status: "cancelled" });
    const delta = await runImport(orderImport, settings, orderSettings, first.watermark);
    const got = ids(delta.items);
    for (const o of [sameSecond, changed, placed]) expect(got.has(o.id), `order ${o.id}`).toBe(true);
    expect(got.has(hidden.id)).toBe(false);
    expect(delta.watermark! >= first.watermark!).toBe(true);
  });

  it("keeps paging inside a bulk edit where more than a page of orders share one second", async () => {
    const at = new Date(Date.now() + 60_000);
    const bulk = Array.from({ length: 150 }, (_, i) => sim.store.updateOrder(1100 + i, { status: "completed" }, { modifiedAt: at }).id);
    const before = wcDate(Math.floor(at.getTime() / 1000) - 10);
    const run = await runImport(orderImport, settings, orderSettings, before);
    const got = ids(run.items);
    expect(bulk.every((id) => got.has(id))).toBe(true);
  });

  it("starts the first run at startDate", async () => {
    const recent = orderImport.settings.parse({ startDate: "2030-01-01" });
    const run = await runImport(orderImport, settings, recent, null);
    expect(sim.requests.at(-1)!.query.modified_after).toBe("2029-12-31T23:59:59");
    expect(run.items).toEqual([]);
  });

  it("ProductImport maps simple products and skips variable ones", async () => {
    const run = await runImport(productImport, settings, productSettings, null);
    expect(run.items.length).toBe(40);
    const results = run.items.map((p) => productImport.map(p, { settings, plugSettings: productSettings }));
    expect(results.filter((r) => "ignore" in r && r.ignore.startsWith("Variable product")).length).toBeGreaterThan(0);
    for (const r of results) {
      if ("ignore" in r) continue;
      const { customData: _, ...data } = r.data;
      expect(() => validateRecordData("product", data), r.displayId).not.toThrow();
    }
  });

  it("StockUpdate sets the stock of a linked product and explains what it cannot send", async () => {
    const args = { settings, plugSettings: {}, io };
    await expect(stockUpdate.push({ localId: "a".repeat(32), remoteId: "500", sku: "SKU-500", stock: "17" }, args)).resolves.toEqual({ remoteId: "500", message: "Stock set to 17" });
    expect(sim.store.getProduct(500)).toMatchObject({ manage_stock: true, stock_quantity: 17 });
    expect(sim.requests.at(-1)).toMatchObject({ method: "PUT", path: "/wp-json/wc/v3/products/500" });

    await expect(stockUpdate.push({ localId: "b".repeat(32), remoteId: null, stock: "3" }, args)).resolves.toMatchObject({ ignore: expect.stringContaining("Product import") });
    await expect(stockUpdate.push({ localId: "c".repeat(32), remoteId: "500", stock: "2.5" }, args)).rejects.toThrow(RecordError);
    await expect(stockUpdate.push({ localId: "d".repeat(32), remoteId: "99999", stock: "1" }, args)).rejects.toThrow(/Invalid ID/);
  });

  it("StockUpdate with a read-only key stops the run (permanent)", async () => {
    const readOnly = await startWooCommerceSimulator({ orders: 1, permissions: "read" });
    try {
      const e = await stockUpdate.push({ localId: "e".repeat(32), remoteId: "500", stock: "1" }, { settings: settingsFor(readOnly), plugSettings: {}, io }).catch((err: unknown) => err);
      expect(e).toBeInstanceOf(RemoteError);
      expect(e).toMatchObject({ kind: "permanent", status: 401, message: expect.stringContaining("does not have write permissions") });
    } finally {
      await readOnly.stop();
    }
  });
});
