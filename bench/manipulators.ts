/**
 * Manipulator chain throughput: `npx tsx bench/manipulators.ts`.
 * (a) a 5-link declarative chain with conditions on 10-row orders, beside a hand-written function
 *     making the same changes; (b) the script manipulator beside the same change as a plain function.
 * Each measurement is bounded by a record count and a time budget; it prints records per second.
 */
import os from "node:os";
import { compileChain } from "@/lib/manipulators";
import { cloneJson } from "@/lib/manipulators/json";
import type { ChainLink, CompiledChain, ManipulatorContext } from "@/lib/manipulators/types";
import { priceOf, recomputeRow, recomputeTotals, roundToStep, rowPriceKeys, sameRatio, setPrice } from "@/lib/manipulators/money";
import { Dec } from "@/lib/money/decimal";
import { balancedOrder } from "@/lib/records/test-fixtures";

const MAX_RECORDS = 300_000;
const MAX_SECONDS = 3;
const WARMUP = 2_000;

type Obj = Record<string, any>;

/** 500 distinct realistic orders of 10 rows (sku, prices and numbers vary). */
function orders(): Obj[] {
  return Array.from({ length: 500 }, (_, i) => {
    const o: Obj = { localId: i.toString(16).padStart(32, "0"), source: { type: "connection", connectionType: "shopify", connectionId: "con_shop1", connectionName: "Shop SE", code: null }, customData: { "shopify|gateway": "klarna" }, ...balancedOrder() };
    o.orderNumber = String(100_000 + i);
    o.paymentMethod = i % 3 === 0 ? "invoice" : "card";
    const base = o.rows[0];
    o.rows = Array.from({ length: 10 }, (_, j) => {
      const incl = (99 + ((i * 7 + j * 13) % 400) + 0.5 * (j % 2)).toFixed(2);
      return { ...base, sku: `SHIRT-${i}-${j}`, name: `T-shirt ${j}`, quantity: String(1 + (j % 3)), pricePerUnitInclVat: incl, pricePerUnitExclVat: new Dec(incl).dividedBy("1.25").toFixed(2), discountExclVat: undefined, totalExclVat: undefined, totalInclVat: undefined, vatAmount: "0" };
    });
    for (const r of o.rows) {
      for (const k of Object.keys(r)) if (r[k] === undefined) delete r[k];
      recomputeRow(r, 2, "rows");
    }
    recomputeTotals(o, 2);
    // As records arrive from the database or a connector: parsed JSON.
    return JSON.parse(JSON.stringify(o));
  });
}

const ctx: ManipulatorContext = { direction: "export", recordType: "order", connection: { id: "con_erp", name: "ERP", connectorKey: "quickbooks" }, now: new Date() };

const declarative: ChainLink[] = [
  { key: "map-values", enabled: true, settings: { field: "paymentMethod", table: { card: "CARD", invoice: "INVOICE", swish: "SWISH" } }, conditions: [{ field: "paymentMethod", operator: "exists" }], match: "all" },
  { key: "set-field", enabled: true, settings: { field: "note", value: "{{orderNumber}}-{{customer.billingAddress.name}}" }, conditions: [{ field: "customer.billingAddress.countryCode", operator: "in", value: ["SE", "NO", "DK"] }], match: "all" },
  { key: "replace-in-sku", enabled: true, settings: { search: "^SHIRT-", replace: "TS-" }, conditions: [{ field: "rows[].sku", operator: "startsWith", value: "SHIRT-" }], match: "all" },
  { key: "round-prices", enabled: true, settings: { step: "1", mode: "nearest", prices: "inclVat" }, conditions: [{ field: "currency", operator: "equals", value: "SEK" }, { field: "totals.totalInclVat", operator: "greaterThan", value: "0" }], match: "all" },
  { key: "set-custom-data", enabled: true, settings: { key: "x-bench|channel", value: "{{source.connectionName}}" }, conditions: [{ field: "orderStatus", operator: "notIn", value: ["cancelled", "refunded"] }], match: "all" },
];

const ONE = { n: 1n, d: 1n };
/** The same five changes, written by hand on the same copy and money helpers (no chain machinery). */
function declarativeByHand(input: Obj): Obj {
  const o = cloneJson(input);
  const map: Record<string, string> = { card: "CARD", invoice: "INVOICE", swish: "SWISH" };
  if (typeof o.paymentMethod === "string" && map[o.paymentMethod]) o.paymentMethod = map[o.paymentMethod];
  if (["SE", "NO", "DK"].includes(o.customer?.billingAddress?.countryCode)) o.note = `${o.orderNumber}-${o.customer.billingAddress.name ?? ""}`;
  for (const r of o.rows) if (typeof r.sku === "string") r.sku = r.sku.replace(/^SHIRT-/u, "TS-");
  if (o.currency === "SEK") {
    let changed = false;
    o.rows.forEach((r: Obj, i: number) => {
      const incl = priceOf(r, "inclVat", rowPriceKeys, `rows.${i}`);
      const rounded = roundToStep(incl, ONE, "nearest");
      if (!sameRatio(rounded, incl)) {
        setPrice(r, "inclVat", rounded, 2, rowPriceKeys, `rows.${i}`);
        recomputeRow(r, 2, `rows.${i}`);
        changed = true;
      }
    });
    if (changed) recomputeTotals(o, 2);
  }
  if (!["cancelled", "refunded"].includes(o.orderStatus)) o.customData = { ...o.customData, "x-bench|channel": o.source.connectionName };
  return o;
}

const scriptSource = `record.orderNumber = "W-" + record.orderNumber; for (const r of record.rows) r.sku = r.sku.toLowerCase();`;
function scriptByHand(input: Obj): Obj {
  const record = cloneJson(input);
  record.orderNumber = "W-" + record.orderNumber;
  for (const r of record.rows) r.sku = r.sku.toLowerCase();
  return record;
}

type Row = { name: string; records: number; seconds: number; perSecond: number; target?: number };

async function measure(name: string, records: Obj[], fn: (r: Obj) => unknown, target?: number): Promise<Row> {
  for (let i = 0; i < WARMUP; i++) await fn(records[i % records.length]);
  const start = performance.now();
  let n = 0;
  while (n < MAX_RECORDS && performance.now() - start < MAX_SECONDS * 1000) {
    // Batches of 100 between clock reads.
    for (let j = 0; j < 100; j++, n++) await fn(records[n % records.length]);
  }
  const seconds = (performance.now() - start) / 1000;
  return { name, records: n, seconds, perSecond: n / seconds, target };
}

async function chainRunner(links: ChainLink[]): Promise<{ chain: CompiledChain; fn: (r: Obj) => Promise<unknown> }> {
  const chain = compileChain(links, { recordType: "order", direction: "export" });
  const fn = async (r: Obj) => {
    const result = await chain.run(r, ctx);
    if (result.outcome !== "ok") throw new Error(`bench record failed: ${result.outcome === "fail" ? result.message : result.reason}`);
    return result;
  };
  return { chain, fn };
}

async function main() {
  const records = orders();
  // The chain and the hand-written function must agree, or the comparison means nothing.
  const { chain: declarativeChain, fn: runDeclarative } = await chainRunner(declarative);
  const check = (await declarativeChain.run(records[1], ctx)) as { outcome: string; record: Obj };
  if (JSON.stringify(check.record) !== JSON.stringify(declarativeByHand(records[1]))) throw new Error("the declarative chain and the hand-written baseline disagree");

  const rows: Row[] = [];
  rows.push(await measure("(a) 5-link declarative chain", records, runDeclarative, 50_000));
  rows.push(await measure("(a) same changes, hand-written", records, declarativeByHand));
  declarativeChain.dispose();

  const { chain: scriptChain, fn: runScript } = await chainRunner([{ key: "script", enabled: true, settings: { source: scriptSource }, conditions: [], match: "all" }]);
  const scripted = (await scriptChain.run(records[2], ctx)) as { outcome: string; record: Obj };
  if (JSON.stringify(scripted.record) !== JSON.stringify(scriptByHand(records[2]))) throw new Error("the script and the hand-written baseline disagree");
  rows.push(await measure("(b) script manipulator (QuickJS)", records, runScript, 5_000));
  rows.push(await measure("(b) same change, hand-written", records, scriptByHand));
  scriptChain.dispose();

  const bytes = JSON.stringify(records[0]).length;
  const load = os.loadavg()[0].toFixed(2);
  console.log(`\nManipulator throughput: 10-row orders (${bytes} bytes of JSON each), at most ${MAX_RECORDS} records or ${MAX_SECONDS} s per line.`);
  console.log(`${os.cpus().length} CPUs, load average ${load} (other work on the machine lowers every figure).\n`);
  const header = ["", "records", "seconds", "records/s", "target", ""];
  const lines = rows.map((r) => [r.name, String(r.records), r.seconds.toFixed(2), Math.round(r.perSecond).toLocaleString("en-US"), r.target ? `≥ ${r.target.toLocaleString("en-US")}` : "", r.target ? (r.perSecond >= r.target ? "met" : "MISSED") : ""]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  console.log(fmt(header));
  for (const l of lines) console.log(fmt(l));
  console.log();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
