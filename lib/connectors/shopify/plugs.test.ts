import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validateRecordData } from "@/lib/records";
import { RecordError } from "../errors";
import type { ExportedRecord, ImportedRecord } from "../types";
import { pageWatermark } from "./order-import";
import { shopifyConnector } from "./index";
import { startShopifySimulator, type ShopifySimulator } from "./simulator";
import type { ShopifyOrder } from "./shopify-types";

process.env.CROSSDOCK_ALLOW_LOCAL_REMOTES = "1";

const io = { signal: new AbortController().signal, updateSettings: async () => {} };
const plug = <K extends string>(key: K) => shopifyConnector.plugs.find((p) => p.key === key)!;
const orderImport = plug("OrderImport");
const productExport = plug("ProductExport");
const stockUpdate = plug("StockUpdate");

let sim: ShopifySimulator;
let settings: { shopUrl: string; accessToken: string; apiVersion: string };

beforeAll(async () => {
  sim = await startShopifySimulator({ orders: 600, badOrderEvery: 100, rateLimit: false });
  settings = shopifyConnector.settings.parse({ shopUrl: sim.url, accessToken: sim.accessToken });
});
afterAll(() => sim.stop());

/** One import run as the framework drives it: pages until next is null, the last returned watermark kept. */
async function run(watermark: string | null, plugSettings: Record<string, unknown> = {}) {
  if (orderImport.direction !== "import") throw new Error("not an import plug");
  const parsed = orderImport.settings.parse(plugSettings);
  const items: ShopifyOrder[] = [];
  let cursor: string | null = null;
  let mark = watermark;
  for (let pages = 0; pages < 50; pages++) {
    const page = await orderImport.fetchPage({ settings, plugSettings: parsed, watermark, cursor, io });
    items.push(...(page.items as ShopifyOrder[]));
    mark = page.watermark ?? mark;
    cursor = page.next;
    if (!cursor) break;
  }
  const mapped = items.map((item) => {
    try {
      return orderImport.map(item, { settings, plugSettings: parsed });
    } catch (e) {
      return e as Error;
    }
  });
  return { items, mapped, watermark: mark };
}

describe("OrderImport", () => {
  it("imports every order on the first run, fails only the broken ones, and a second run fetches only what changed", async () => {
    const first = await run(null);
    expect(first.items).toHaveLength(600);
    const failed = first.mapped.filter((m) => m instanceof Error);
    expect(failed).toHaveLength(6);
    expect(failed.every((e) => e instanceof RecordError && /does not add up/.test(e.message))).toBe(true);
    for (const m of first.mapped) if (!(m instanceof Error) && "data" in m) validateRecordData("order", { ...m.data, customData: undefined });
    expect(first.watermark).toBe(first.items.at(-1)!.updated_at);
    expect(orderImport.direction === "import" && orderImport.identify(first.items[0])).toEqual({ remoteId: String(first.items[0].id), displayId: "#1001" });

    const changed = sim.store.orders.update(first.items[10].id, { financial_status: "paid", note: "Betald via faktura" });
    const added = sim.store.orders.add();
    const second = await run(first.watermark);
    const ids = second.items.map((o) => String(o.id));
    // updated_at_min is inclusive: the last order of the first run comes again, harmlessly (upsert by remote id).
    expect(ids).toEqual([String(first.items.at(-1)!.id), String(changed.id), String(added.id)]);
    expect((second.mapped[1] as ImportedRecord).data).toMatchObject({ paymentStatus: "paid", note: "Betald via faktura" });
    expect(sim.requests.filter((r) => r.path.endsWith("/orders.json")).at(-1)!.query).toMatchObject({ updated_at_min: first.watermark });
  });

  it("never stores a watermark later than a minute ago (orders saved in the same second may still be committing)", () => {
    const now = Date.parse("2025-06-01T12:00:00Z");
    expect(pageWatermark([{ updated_at: "2025-06-01T12:59:59+01:00" } as ShopifyOrder], now)).toBe("2025-06-01T11:59:00.000Z");
    expect(pageWatermark([{ updated_at: "2025-06-01T12:30:00+01:00" } as ShopifyOrder, { updated_at: "2025-06-01T12:50:00+01:00" } as ShopifyOrder], now)).toBe("2025-06-01T12:50:00+01:00");
    expect(pageWatermark([], now)).toBeUndefined();
  });

  it("ignores orders outside the chosen financial statuses", async () => {
    const { items, mapped } = await run(null, { statuses: ["paid", "authorized"] });
    const skipped = items.filter((o) => !["paid", "authorized"].includes(o.financial_status));
    expect(skipped.length).toBeGreaterThan(0);
    items.forEach((o, i) => {
      if (skipped.includes(o)) expect(mapped[i]).toEqual({ ignore: expect.stringContaining(`Financial status ${o.financial_status} is not among`), remoteId: String(o.id), displayId: o.name });
    });
  });

  it("imports only orders placed on or after startDate", async () => {
    const { items } = await run(null, { startDate: "2024-01-02" });
    expect(sim.requests.filter((r) => r.path.endsWith("/orders.json")).find((r) => r.query.created_at_min)?.query.created_at_min).toBe("2024-01-02");
    expect(items.length).toBeGreaterThan(0);
    expect(items.length).toBeLessThan(600);
    expect(items.every((o) => Date.parse(o.created_at) >= Date.parse("2024-01-02"))).toBe(true);
  });
});

describe("ProductExport and StockUpdate", () => {
  const product = (fields: Record<string, unknown> = {}): ExportedRecord => ({ localId: "b".repeat(32), remoteId: null, sku: "LJUS-DOFT", title: "Doftljus Tallbarr", vatRatePercent: "25", priceExclVat: "119.20", currency: "SEK", stock: "7", stockType: "managed", ...fields });
  const push = (p: typeof productExport, record: ExportedRecord, plugSettings: Record<string, unknown> = {}) => {
    if (p.direction !== "export") throw new Error("not an export plug");
    return p.push(record, { settings, plugSettings: p.settings.parse(plugSettings), io });
  };

  it("creates the product with one variant, then updates it in place, remembering the inventory item", async () => {
    const created = await push(productExport, product());
    if ("ignore" in created) throw new Error(created.ignore);
    const stored = sim.store.catalog.product(created.remoteId)!;
    expect(stored.title).toBe("Doftljus Tallbarr");
    // The simulated shop shows prices incl. tax: 119.20 × 1.25.
    expect(stored.variants).toMatchObject([{ sku: "LJUS-DOFT", price: "149.00", inventory_management: "shopify" }]);
    expect(created.remoteRef).toBe(String(stored.variants[0].inventory_item_id));

    const updated = await push(productExport, product({ remoteId: created.remoteId, title: "Doftljus Tallbarr XL", priceInclVat: "159.00", priceExclVat: null }));
    expect(updated).toEqual({ remoteId: created.remoteId, remoteRef: created.remoteRef, message: undefined });
    expect(sim.store.catalog.product(created.remoteId)).toMatchObject({ title: "Doftljus Tallbarr XL", variants: [{ id: stored.variants[0].id, price: "159.00" }] });
  });

  it("sets stock at the shop's first location (or the plug's), and explains what it skips", async () => {
    const created = await push(productExport, product({ sku: "LJUS-2" }));
    if ("ignore" in created) throw new Error(created.ignore);
    const exported = product({ sku: "LJUS-2", remoteId: created.remoteId, stock: "12", remoteIdMap: { con_a: created.remoteId }, remoteRefMap: { con_a: created.remoteRef } });
    expect(await push(stockUpdate, exported)).toMatchObject({ remoteId: created.remoteId, remoteRef: created.remoteRef });
    const [first, second] = sim.store.locations;
    expect(sim.store.catalog.level(created.remoteRef!, first.id)).toBe(12);

    // Without a remembered remoteRef the variant is looked up by sku.
    await push(stockUpdate, product({ sku: "LJUS-2", remoteId: created.remoteId, stock: "3" }), { locationId: String(second.id) });
    expect(sim.store.catalog.level(created.remoteRef!, second.id)).toBe(3);

    expect(await push(stockUpdate, product())).toEqual({ ignore: expect.stringContaining("Not in Shopify yet") });
    expect(stockUpdate.direction === "export" && stockUpdate.wants!(product({ stockType: "unmanaged" }), { settings, plugSettings: {} })).toMatch(/unmanaged/);
  });

  it("fails one record, not the run, when Shopify refuses its data", async () => {
    const untracked = await push(productExport, product({ sku: "TJANST-1", stockType: "unmanaged" }));
    if ("ignore" in untracked) throw new Error(untracked.ignore);
    const attempt = push(stockUpdate, product({ sku: "TJANST-1", remoteId: untracked.remoteId, stock: "1" }));
    await expect(attempt).rejects.toThrow(RecordError);
    await expect(attempt).rejects.toThrow(/inventory tracking/);
  });
});
