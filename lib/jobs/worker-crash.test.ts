import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "@/db/client";
import { recordRemoteIds, records, transferReports } from "@/db/schema";
import { withTenantTx } from "@/db/tenant-tx";
import type { TenantCtx } from "@/lib/auth/guard";
import { startShopifySimulator } from "@/lib/connectors/shopify/simulator";
import { createConnection } from "@/lib/services/connections/create-connection";
import { runPlugNow } from "@/lib/services/plugs/run-plug-now";
import { makeWorld } from "@/test/factories";
import { closeQueue } from "./queue";

/**
 * A real worker process is killed with SIGKILL in the middle of an import; a new worker picks the
 * run up again (the queue notices the missing heartbeats). Nothing is lost, nothing is duplicated.
 */

// Read by the queue in this process and by the worker processes (they inherit the environment).
process.env.CROSSDOCK_JOB_HEARTBEAT_SECONDS = "10";
process.env.CROSSDOCK_QUEUE_SUPERVISE_SECONDS = "2";
process.env.CROSSDOCK_JOB_RETRY_DELAY_SECONDS = "1";
process.env.CROSSDOCK_WORKER_POLL_SECONDS = "0.5";

const ORDERS = 2000;
let ctx: TenantCtx;
let shop: Awaited<ReturnType<typeof startShopifySimulator>>;
let slow: http.Server;
let connectionId: string;
const workers: ChildProcess[] = [];

/** A proxy in front of the simulator that answers each request 400 ms late, so a run takes a few seconds. */
async function slowProxy(target: string): Promise<http.Server> {
  const server = http.createServer(async (req, res) => {
    await new Promise((r) => setTimeout(r, 400));
    const upstream = await fetch(target + req.url, { method: req.method, headers: req.headers as Record<string, string> });
    res.writeHead(upstream.status, Object.fromEntries([...upstream.headers].filter(([k]) => !["content-encoding", "content-length", "transfer-encoding"].includes(k))));
    res.end(Buffer.from(await upstream.arrayBuffer()));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return server;
}

function startWorker(): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "lib/cli/worker.ts"], { env: process.env, stdio: ["ignore", "pipe", "pipe"] });
  child.stderr?.on("data", (d) => process.stderr.write(`[worker ${child.pid}] ${d}`));
  workers.push(child);
  return child;
}

async function until<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const v = await fn();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const reports = () => withTenantTx(ctx.db, ctx.tenant.id, (tx) => tx.select().from(transferReports).where(eq(transferReports.tenantId, ctx.tenant.id)));

beforeAll(async () => {
  ({ owner: { ctx } } = await makeWorld());
  shop = await startShopifySimulator({ orders: ORDERS, rateLimit: false });
  slow = await slowProxy(shop.url);
  const url = `http://127.0.0.1:${(slow.address() as AddressInfo).port}`;
  connectionId = (await createConnection({ ctx, input: { connector: "shopify", name: "Crash test shop", settings: { shopUrl: url, accessToken: shop.accessToken } } })).connectionId;
});

afterAll(async () => {
  for (const w of workers) if (w.exitCode === null) w.kill("SIGKILL");
  await closeQueue();
  await shop?.stop();
  await new Promise((r) => slow?.close(r));
});

describe("a worker killed mid-run", () => {
  it("loses and duplicates nothing: the next worker finishes the import", { timeout: 120_000 }, async () => {
    const first = startWorker();
    expect(await runPlugNow({ ctx, connectionId, plugKey: "OrderImport" })).toEqual({ queued: true });
    // Kill it once some pages are saved but not all (8 pages of 250).
    const running = await until("a run with saved pages", async () => (await reports()).find((r) => r.status === "running" && r.numConsidered >= 500), 60_000);
    first.kill("SIGKILL");
    await new Promise((r) => first.once("exit", r));
    const saved = await withTenantTx(ctx.db, ctx.tenant.id, (tx) => tx.select({ n: sql<number>`count(*)::int` }).from(records).where(and(eq(records.tenantId, ctx.tenant.id), eq(records.type, "order"))));
    expect(saved[0].n).toBeGreaterThanOrEqual(500);
    expect(saved[0].n).toBeLessThan(ORDERS);

    startWorker();
    const done = await until("the run to finish in the new worker", async () => (await reports()).find((r) => r.id !== running.id && r.status === "succeeded"), 90_000);
    expect(done.trigger).toBe("manual");
    expect((await reports()).find((r) => r.id === running.id)?.status).toBe("interrupted");

    const counts = rowsOf<{ orders: number; remote: number; distinct_remote: number }>(
      await ctx.db.execute(sql`select
        (select count(*)::int from ${records} where tenant_id = ${ctx.tenant.id} and type = 'order') as orders,
        (select count(*)::int from ${recordRemoteIds} where tenant_id = ${ctx.tenant.id} and connection_id = ${connectionId}) as remote,
        (select count(distinct remote_id)::int from ${recordRemoteIds} where tenant_id = ${ctx.tenant.id} and connection_id = ${connectionId}) as distinct_remote`),
    )[0];
    expect(counts).toEqual({ orders: ORDERS, remote: ORDERS, distinct_remote: ORDERS });
  });
});
