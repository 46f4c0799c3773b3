/**
 * Auto Invoice benchmark against a real PostgreSQL.
 *
 *   npx tsx bench/auto-invoice.ts [--orders N] [--keep] [--admin-url URL]
 *
 * 1. Throughput: N orders (2 rows + shipping, default 100,000, at most 1,000,000) are written with
 *    Auto Invoice off, then one processTenant run invoices them (rule match, number, invoice
 *    validation and write, link, watermark). Baseline in the same script: one raw INSERT … SELECT
 *    of equivalent invoice rows (no rules, numbering, validation, history or links).
 * 2. Lag: with the workers running (queue path), orders arrive in batches of 50 every 100 ms;
 *    lag per order = the link's clock_timestamp() − the order's lastModified (both PostgreSQL clocks).
 * 3. Arrival: with the workers running, all N orders are written back to back (batches of 1,000)
 *    into a fresh tenant; invoices/s = N / (last invoice's link − first order's lastModified).
 *    Once with the workers in this process, once with `npm run worker` as a process of its own.
 * Prints a table against the targets (≥ 2,000 invoices/s, p99 lag < 2 s); never asserts.
 * Creates and drops its own database (--keep keeps it).
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { benchDatabase, benchTenants, fmt, progress, type SummaryRow } from "./harness";

type Opts = { orders: number; keep: boolean; adminUrl: string };

function parseArgs(argv: string[]): Opts {
  const o: Opts = { orders: 100_000, keep: false, adminUrl: "postgres://postgres@127.0.0.1:5432/postgres" };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--orders") o.orders = Math.min(1_000_000, Math.max(1, Number(argv[++i])));
    else if (a === "--keep") o.keep = true;
    else if (a === "--admin-url") o.adminUrl = argv[++i];
    else throw new Error(`Unknown option ${a}`);
  }
  return o;
}


function order(i: number): Record<string, unknown> {
  return {
    remoteId: `bench-${i}-${randomBytes(3).toString("hex")}`,
    orderNumber: `B${i}`,
    orderDate: new Date().toISOString(),
    paymentStatus: "paid",
    currency: "SEK",
    customer: { customerNumber: `C${i % 500}`, billingAddress: { name: "Bench", countryCode: "SE" } },
    rows: [
      { sku: "A", quantity: "2", pricePerUnitExclVat: "80.00", vatRatePercent: "25", vatAmount: "40.00" },
      { sku: "B", quantity: "1", pricePerUnitExclVat: "10.00", vatRatePercent: "6", vatAmount: "0.60" },
    ],
    shippingRows: [{ name: "Post", quantity: "1", pricePerUnitExclVat: "39.20", vatRatePercent: "25", vatAmount: "9.80" }],
    totals: { totalExclVat: "209.20", totalVat: "50.40", totalInclVat: "259.60" },
  };
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function main() {
  const o = parseArgs(process.argv.slice(2));
  await benchDatabase({ prefix: "ai", adminUrl: o.adminUrl, keep: o.keep, title: "app and PostgreSQL share the same cores; compare ratios", describe: `${fmt(o.orders)} orders` }, async () => {
    const rows: SummaryRow[] = [];
    const { getDb } = await import("@/db/client");
    const db = await getDb();
    const w = await setup();
    const { batchUpsertRecords } = await import("@/lib/services/records/batch");
    const { processTenant } = await import("@/lib/services/auto-invoice/process-tenant");
    const { updateAutoInvoiceSettings } = await import("@/lib/services/auto-invoice/update-settings");
    const { createRule } = await import("@/lib/services/auto-invoice/create-rule");
    const actions = { invoiceDate: "orderDate", dueDays: 30, numberSeries: { prefix: "INV-" }, markPaidWhenOrderPaid: true, creditNoteOnCancel: false };
    const rule = { name: "Paid", enabled: true, conditions: [{ field: "paymentStatus", operator: "equals", value: "paid" }], actions };

    // 1. Throughput
    const a = await w.tenant(1);
    await createRule({ ctx: a.ctx, input: rule });
    progress(`writing ${fmt(o.orders)} orders (Auto Invoice off) …`);
    for (let i = 0; i < o.orders; i += 1000) {
      await batchUpsertRecords({ ctx: a.records, type: "order", body: Array.from({ length: Math.min(1000, o.orders - i) }, (_, k) => order(i + k)) });
    }
    await updateAutoInvoiceSettings({ ctx: a.ctx, input: { enabled: true } });
    progress("processing …");
    let s = Date.now();
    const result = await processTenant(db, a.ctx.tenant.id);
    const secs = (Date.now() - s) / 1000;
    progress(`  ${JSON.stringify(result)} in ${secs.toFixed(1)} s`);
    rows.push(["invoices/s (processTenant)", fmt(result.invoiced / secs), result.invoiced / secs >= 2000 ? "PASS (≥ 2,000)" : "FAIL (≥ 2,000)"]);

    // Baseline: the same invoices as one raw INSERT … SELECT into another tenant's rows.
    const raw = postgres(process.env.DATABASE_URL as string, { max: 1, onnotice: () => {} });
    s = Date.now();
    const inserted = await raw`
      insert into records (tenant_id, local_id, type, created, last_modified, last_modified_by, source, data, number)
      select 'baseline', md5(local_id || 'b'), 'invoice', now(), now(), 'system/bench', '{"type":"system","name":"bench"}',
             (data - 'orderNumber' - 'paymentStatus' - 'orderDate') || jsonb_build_object('invoiceNumber', 'B-' || row_number() over (), 'orderLocalId', local_id, 'invoiceDate', left(data->>'orderDate', 10), 'status', 'paid'),
             'B-' || row_number() over ()
      from records where tenant_id = ${a.ctx.tenant.id} and type = 'order'`;
    const bsecs = (Date.now() - s) / 1000;
    rows.push(["baseline raw INSERT … SELECT rows/s", fmt(inserted.count / bsecs), ""]);
    await raw.end();

    // 2. Lag under continuous arrival, through the queue and the workers.
    const b = await w.tenant(2);
    await createRule({ ctx: b.ctx, input: rule });
    await updateAutoInvoiceSettings({ ctx: b.ctx, input: { enabled: true } });
    const { sql } = await import("drizzle-orm");
    const { rowsOf } = await import("@/db/client");
    /** Each invoiced order's lag (link created − order lastModified, ms, sorted), once `count` are in or after `maxSecs`. */
    const invoicedLags = async (tenantId: string, count: number, maxSecs: number) => {
      let lags: number[] = [];
      for (let waited = 0; waited < maxSecs; waited++) {
        lags = rowsOf<{ ms: number }>(
          await db.execute(sql`select extract(epoch from (l.created_at - r.last_modified)) * 1000 as ms from auto_invoice_links l join records r on r.tenant_id = l.tenant_id and r.local_id = l.order_local_id where l.tenant_id = ${tenantId}`),
        ).map((r) => Number(r.ms));
        if (lags.length >= count) break;
        await new Promise((r) => setTimeout(r, 1000));
      }
      return lags.sort((x, y) => x - y);
    };
    const { startWorkers } = await import("@/lib/jobs/worker");
    const stop = await startWorkers(db);
    const lagOrders = Math.min(o.orders, 5000);
    progress(`lag: ${fmt(lagOrders)} orders arriving 50 every 100 ms …`);
    for (let i = 0; i < lagOrders; i += 50) {
      await batchUpsertRecords({ ctx: b.records, type: "order", body: Array.from({ length: Math.min(50, lagOrders - i) }, (_, k) => order(i + k)) });
      await new Promise((r) => setTimeout(r, 100));
    }
    const lags = await invoicedLags(b.ctx.tenant.id, lagOrders, 120);
    rows.push(["orders invoiced on the continuous path", `${fmt(lags.length)} / ${fmt(lagOrders)}`, lags.length === lagOrders ? "all" : "MISSING"]);
    rows.push(["order→invoice lag p50 (ms)", fmt(pct(lags, 50)), ""]);
    rows.push(["order→invoice lag p99 (ms)", fmt(pct(lags, 99)), pct(lags, 99) < 2000 ? "PASS (< 2,000)" : "FAIL (< 2,000)"]);

    // 3. All N orders arriving at full speed: invoices/s from the first order written to the last
    //    invoice, while the writes share the cores. Once with the workers inside this process (as
    //    `npm start` runs them), once with them in a process of their own (`npm run worker`).
    const arrival = async (n: number, label: string) => {
      const c = await w.tenant(n);
      await createRule({ ctx: c.ctx, input: rule });
      await updateAutoInvoiceSettings({ ctx: c.ctx, input: { enabled: true } });
      progress(`arrival (${label}): ${fmt(o.orders)} orders written back to back in batches of 1,000 …`);
      const t0 = Date.now();
      for (let i = 0; i < o.orders; i += 1000) {
        await batchUpsertRecords({ ctx: c.records, type: "order", body: Array.from({ length: Math.min(1000, o.orders - i) }, (_, k) => order(i + k)) });
      }
      const writeSecs = (Date.now() - t0) / 1000;
      const arrivalLags = await invoicedLags(c.ctx.tenant.id, o.orders, 600);
      const span = Number(
        rowsOf<{ secs: number }>(
          await db.execute(sql`select extract(epoch from (max(l.created_at) - (select min(last_modified) from records where tenant_id = ${c.ctx.tenant.id} and type = 'order'))) as secs from auto_invoice_links l where l.tenant_id = ${c.ctx.tenant.id}`),
        )[0].secs,
      );
      const rate = arrivalLags.length / span;
      rows.push([`arrival, ${label}: orders written/s`, fmt(o.orders / writeSecs), ""]);
      rows.push([`arrival, ${label}: invoices/s, first order → last invoice`, fmt(rate), rate >= 2000 ? "PASS (≥ 2,000)" : "FAIL (≥ 2,000)"]);
      rows.push([`arrival, ${label}: order→invoice lag p99 (ms)`, fmt(pct(arrivalLags, 99)), ""]);
    };
    await arrival(3, "workers in-process");
    await stop();
    const worker = await workerProcess();
    try {
      await arrival(4, "separate worker");
    } finally {
      await worker.stop();
    }
    return rows;
  });
}

/** `npm run worker` against the bench database (the env the harness set), once it says it runs. */
async function workerProcess(): Promise<{ stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ["--import", "tsx", "lib/cli/worker.ts"], { env: process.env, stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the worker did not start within 60 s")), 60_000);
    child.stdout.on("data", (d: Buffer) => {
      if (d.toString().includes("running")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => reject(new Error(`the worker exited with ${code}`)));
  });
  child.stdout.resume();
  return {
    stop: async () => {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      child.kill("SIGKILL");
    },
  };
}

/** Bench tenants with the Auto Invoice option, each with an API connection that writes its orders. */
async function setup() {
  const { createApiConnection } = await import("@/lib/services/connections/create-api-connection");
  const { db, actor, tenantWithOwner } = await benchTenants();
  const tenant = async (n: number) => {
    const ctx = await tenantWithOwner(n, { options: ["auto_invoice"] });
    const { connectionId, name } = await createApiConnection({ db, actor, tenantId: ctx.tenant.id, input: { name: "Bench orders" } });
    const records = { db, tenantId: ctx.tenant.id, writer: { kind: "connection" as const, connection: { id: connectionId, name, connector: "api" } }, connectionId };
    return { ctx, records };
  };
  return { tenant };
}

void main();
