/**
 * Connector pipeline and job queue benchmark against a real PostgreSQL.
 *
 *   npx tsx bench/connectors.ts [options]          (or: npm run bench:connectors -- [options])
 *
 * 1. Import: a Shopify simulator (its own process, as a remote system would be) with --orders orders
 *    (1–10 rows each, no rate limit) is imported by
 *    the OrderImport plug through the whole pipeline — a queued run on an in-process worker: Shopify's
 *    own client, mapping, validation, upsert by remote id, per-record outcomes, error queue, report
 *    and watermark per page. Baseline in the same script: the same pages fetched with the same client
 *    and mapped, then written with raw batched INSERTs (records + remote ids; no validation, history,
 *    outcomes or report) into another tenant.
 * 2. Jobs: --jobs no-op jobs sent one by one (16 senders) to a pg-boss queue and worked by 4 local
 *    workers fetching 20 at a time; baseline: a bare SKIP LOCKED table in the same database, filled
 *    by the same senders and drained by the same number of workers.
 * Prints figures and PASS/FAIL against the targets (≥ 2,000 orders/s, ≥ 500 jobs/s); never
 * asserts. Creates and drops its own database (--keep keeps it).
 *
 * Options: --orders N (100000) · --jobs N (5000) · --phases import,jobs · --keep · --admin-url URL
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import { benchDatabase, benchTenants, fmt, progress, type SummaryRow } from "./harness";

type Opts = { orders: number; jobs: number; phases: Set<string>; keep: boolean; adminUrl: string };

function parseArgs(argv: string[]): Opts {
  const o: Opts = { orders: 100_000, jobs: 5_000, phases: new Set(["import", "jobs"]), keep: false, adminUrl: "postgres://postgres@127.0.0.1:5432/postgres" };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--orders") o.orders = Number(argv[++i]);
    else if (a === "--jobs") o.jobs = Number(argv[++i]);
    else if (a === "--phases") o.phases = new Set(argv[++i].split(","));
    else if (a === "--keep") o.keep = true;
    else if (a === "--admin-url") o.adminUrl = argv[++i];
    else throw new Error(`Unknown option ${a}`);
  }
  return o;
}


/** CPU seconds used by this process (the app side: client, pipeline, queue workers) and by PostgreSQL. */
function cpu() {
  const u = process.cpuUsage();
  return { node: (u.user + u.system) / 1e6, at: Date.now() };
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  process.env.CROSSDOCK_WORKER_POLL_SECONDS = "0.5";
  process.env.CROSSDOCK_QUEUE_POOL_SIZE ??= "16";
  const describe = `options ${JSON.stringify({ ...o, phases: [...o.phases] })}`;
  await benchDatabase({ prefix: "conn", adminUrl: o.adminUrl, keep: o.keep, title: "2 cores shared by the simulator, the app side and PostgreSQL; compare ratios", describe }, async () => {
    const { getDb } = await import("@/db/client");
    const db = await getDb();
    const summary: SummaryRow[] = [];
    if (o.phases.has("import")) summary.push(...(await importPhase(db, o)));
    if (o.phases.has("jobs")) summary.push(...(await jobsPhase(o)));
    return summary;
  });
}

async function importPhase(db: import("@/db/client").Db, o: Opts): Promise<[string, string, string][]> {
  const { shopifyConnector } = await import("@/lib/connectors/shopify");
  const { createConnection } = await import("@/lib/services/connections/create-connection");
  const { runPlugNow } = await import("@/lib/services/plugs/run-plug-now");
  const { startWorkers } = await import("@/lib/jobs/worker");
  const { getTransfer } = await import("@/lib/services/transfers/get");
  const { listTransfers } = await import("@/lib/services/transfers/list");

  const shop = await simulatorProcess(o.orders);
  const { tenantWithOwner } = await benchTenants();
  const [ctx, baseCtx] = [await tenantWithOwner(1), await tenantWithOwner(2)];
  const settings = { shopUrl: shop.url, accessToken: shop.accessToken };
  const { connectionId } = await createConnection({ ctx, input: { connector: "shopify", name: "Bench shop", settings } });
  const stop = await startWorkers(db);

  progress(`import: ${fmt(o.orders)} orders through OrderImport (queued run, in-process worker) …`);
  const c0 = cpu();
  await runPlugNow({ ctx, connectionId, plugKey: "OrderImport" });
  let report: Awaited<ReturnType<typeof getTransfer>> | undefined;
  for (let i = 0; i < 3600; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    const [latest] = (await listTransfers({ ctx, input: { connectionId, limit: 1 } })).reports;
    if (latest && latest.status !== "running") {
      report = await getTransfer({ db, tenantId: ctx.tenant.id, reportId: latest.id, input: { limit: 1 } });
      break;
    }
    if (latest && i % 10 === 9) progress(`  ${fmt(latest.numConsidered)} considered …`);
  }
  await stop();
  if (!report) throw new Error("the import did not finish within an hour");
  const seconds = (Date.parse(report.end ?? "") - Date.parse(report.start)) / 1000;
  const c1 = cpu();
  const rate = report.numSucceeded / seconds;
  progress(`  ${report.status}: ${fmt(report.numSucceeded)} saved, ${report.numFailed} failed in ${seconds.toFixed(1)} s = ${fmt(rate)} orders/s (app-side CPU ${(c1.node - c0.node).toFixed(1)} s)`);

  // Baseline: same client and mapping, raw batched INSERT of records + remote ids.
  progress("baseline: same pages, same client and mapping, raw batched INSERT …");
  const plug = shopifyConnector.plugs.find((p) => p.key === "OrderImport");
  if (!plug || plug.direction !== "import") throw new Error("no OrderImport");
  const parsed = shopifyConnector.settings.parse(settings);
  const plugSettings = plug.settings.parse({});
  const io = { signal: new AbortController().signal, updateSettings: async () => {} };
  const raw = postgres(process.env.DATABASE_URL as string, { max: 2, onnotice: () => {} });
  const tenantId = baseCtx.tenant.id;
  const b0 = Date.now();
  let saved = 0;
  let cursor: string | null = null;
  for (let pages = 0; pages < 10_000; pages++) {
    const page: Awaited<ReturnType<typeof plug.fetchPage>> = await plug.fetchPage({ settings: parsed, plugSettings, watermark: null, cursor, io });
    const rows: Record<string, unknown>[] = [];
    const ids: Record<string, unknown>[] = [];
    for (const item of page.items) {
      try {
        const m = plug.map(item, { settings: parsed, plugSettings });
        if ("ignore" in m) continue;
        const localId = randomBytes(16).toString("hex");
        const now = new Date();
        rows.push({ tenant_id: tenantId, local_id: localId, type: "order", created: now, last_modified: now, last_modified_by: "connection/bench", source: { type: "connection" }, data: m.data, custom_data: {}, archived: false });
        ids.push({ tenant_id: tenantId, connection_id: "con_bench", type: "order", remote_id: m.remoteId, local_id: localId });
      } catch {
        // bad orders are skipped in the baseline
      }
    }
    if (rows.length) {
      await raw.begin(async (tx) => {
        await tx`insert into records ${tx(rows as Record<string, postgres.SerializableParameter>[], "tenant_id", "local_id", "type", "created", "last_modified", "last_modified_by", "source", "data", "custom_data", "archived")}`;
        await tx`insert into record_remote_ids ${tx(ids as Record<string, postgres.SerializableParameter>[], "tenant_id", "connection_id", "type", "remote_id", "local_id")}`;
      });
      saved += rows.length;
    }
    if (!page.next) break;
    cursor = page.next;
  }
  const baseSeconds = (Date.now() - b0) / 1000;
  const baseRate = saved / baseSeconds;
  await raw.end();
  await shop.stop();
  progress(`  ${fmt(saved)} saved in ${baseSeconds.toFixed(1)} s = ${fmt(baseRate)} orders/s`);
  return [
    [`OrderImport pipeline, ${fmt(o.orders)} orders (target ≥ 2,000/s)`, `${fmt(rate)} orders/s`, rate >= 2000 ? "PASS" : "FAIL"],
    ["baseline: fetch + map + raw INSERT", `${fmt(baseRate)} orders/s`, `pipeline / baseline = ${(rate / baseRate).toFixed(2)}`],
  ];
}

/** The simulator in a child process (this script with --serve-shopify N); resolves with its URL and token. */
async function simulatorProcess(orders: number): Promise<{ url: string; accessToken: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), "--serve-shopify", String(orders)], { stdio: ["ignore", "pipe", "inherit"] });
  const first = await new Promise<string>((resolve, reject) => {
    child.stdout?.once("data", (d) => resolve(String(d)));
    child.once("exit", (code) => reject(new Error(`simulator exited with ${code}`)));
  });
  const { url, accessToken } = JSON.parse(first) as { url: string; accessToken: string };
  return { url, accessToken, stop: async () => void child.kill("SIGTERM") };
}

async function serveShopify(orders: number) {
  process.env.CROSSDOCK_ALLOW_LOCAL_REMOTES = "1";
  const { startShopifySimulator } = await import("@/lib/connectors/shopify/simulator");
  const shop = await startShopifySimulator({ orders, rateLimit: false });
  console.log(JSON.stringify({ url: shop.url, accessToken: shop.accessToken }));
  process.on("SIGTERM", () => void shop.stop().then(() => process.exit(0)));
}

async function jobsPhase(o: Opts): Promise<[string, string, string][]> {
  const { getQueue } = await import("@/lib/jobs/queue");
  const boss = await getQueue();
  const QUEUE = "bench-noop";
  await boss.createQueue(QUEUE);
  const SENDERS = 16;
  const WORKERS = 4;
  const BATCH = 20;

  const sendAll = async (send: (i: number) => Promise<unknown>) => {
    let next = 0;
    await Promise.all(Array.from({ length: SENDERS }, async () => {
      while (next < o.jobs) await send(next++);
    }));
  };

  progress(`jobs: ${fmt(o.jobs)} no-op jobs, ${SENDERS} senders, ${WORKERS} workers × batch ${BATCH} …`);
  let done = 0;
  let finished!: () => void;
  const all = new Promise<void>((r) => (finished = r));
  const j0 = Date.now();
  await boss.work(QUEUE, { localConcurrency: WORKERS, batchSize: BATCH, pollingIntervalSeconds: 0.5, burstWhenBatchFull: true }, async (jobs) => {
    done += jobs.length;
    if (done >= o.jobs) finished();
  });
  await sendAll((i) => boss.send(QUEUE, { i }));
  const sentSeconds = (Date.now() - j0) / 1000;
  await Promise.race([all, new Promise((r) => setTimeout(r, 600_000))]);
  const jobSeconds = (Date.now() - j0) / 1000;
  await boss.offWork(QUEUE, { wait: true });
  const jobRate = done / jobSeconds;
  progress(`  ${fmt(done)} jobs sent in ${sentSeconds.toFixed(1)} s and done in ${jobSeconds.toFixed(1)} s = ${fmt(jobRate)} jobs/s`);

  progress("baseline: a bare SKIP LOCKED table, same senders and workers …");
  const sql = postgres(process.env.DATABASE_URL as string, { max: SENDERS + WORKERS, onnotice: () => {} });
  await sql`create table bench_q (id bigint generated always as identity primary key, data jsonb not null)`;
  let taken = 0;
  const q0 = Date.now();
  let sending = true;
  const workers = Array.from({ length: WORKERS }, async () => {
    for (;;) {
      const rows = await sql`delete from bench_q where id in (select id from bench_q order by id for update skip locked limit ${BATCH}) returning id`;
      taken += rows.length;
      if (taken >= o.jobs) return;
      if (!rows.length) await new Promise((r) => setTimeout(r, sending ? 5 : 50));
    }
  });
  await sendAll((i) => sql`insert into bench_q (data) values (${sql.json({ i })})`);
  sending = false;
  await Promise.all(workers);
  const baseSeconds = (Date.now() - q0) / 1000;
  await sql.end();
  const baseRate = taken / baseSeconds;
  progress(`  ${fmt(taken)} rows in ${baseSeconds.toFixed(1)} s = ${fmt(baseRate)} jobs/s`);
  return [
    [`pg-boss dispatch, ${fmt(o.jobs)} jobs (target ≥ 500/s)`, `${fmt(jobRate)} jobs/s`, jobRate >= 500 ? "PASS" : "FAIL"],
    ["baseline: bare SKIP LOCKED table", `${fmt(baseRate)} jobs/s`, `queue / baseline = ${(jobRate / baseRate).toFixed(2)}`],
  ];
}

const serveAt = process.argv.indexOf("--serve-shopify");
(serveAt > 0 ? serveShopify(Number(process.argv[serveAt + 1])) : main()).catch((e) => {
  console.error(e);
  process.exit(1);
});
