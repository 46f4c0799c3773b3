import { fromPglite, PgBoss } from "pg-boss";
import { getPglite } from "@/db/client";
import type { RunTrigger } from "@/lib/connectors/runtime/run";

/**
 * The durable job queue (pg-boss) in the app's own database: PostgreSQL through its own pool, or
 * the embedded PGlite through pg-boss's adapter. One instance per process, kept on globalThis
 * because Next bundles modules more than once.
 */
export const PLUG_RUN = "plug-run";
/** One Auto Invoice run per tenant (lib/jobs/auto-invoice.ts). */
export const AUTO_INVOICE = "auto-invoice";

export type PlugRunJob = { tenantId: string; connectionId: string; plugKey: string; trigger: RunTrigger; errorIds?: string[] };

const key = Symbol.for("crossdock.queue");
type G = typeof globalThis & { [key]?: Promise<PgBoss> };

export function heartbeatSeconds(): number {
  return Math.max(10, Number(process.env.CROSSDOCK_JOB_HEARTBEAT_SECONDS ?? 30));
}

async function open(): Promise<PgBoss> {
  const pglite = await getPglite();
  // How often the queue looks for jobs whose worker stopped sending heartbeats (tests shorten it).
  const every = Number(process.env.CROSSDOCK_QUEUE_SUPERVISE_SECONDS ?? 30);
  const supervise = { superviseIntervalSeconds: every, monitorIntervalSeconds: every };
  const boss = pglite
    ? new PgBoss({ db: fromPglite(pglite), backend: "pglite", schema: "pgboss", ...supervise })
    : new PgBoss({ connectionString: process.env.DATABASE_URL, schema: "pgboss", max: Number(process.env.CROSSDOCK_QUEUE_POOL_SIZE ?? 4), application_name: "crossdock-queue", ...supervise });
  boss.on("error", (e) => console.error("[queue]", e instanceof Error ? e.message : e));
  await boss.start();
  if (!(await boss.getQueue(PLUG_RUN))) {
    // One active run per connection (singletonKey), so runs of its plugs never race each other's
    // tokens or rate limits. Transient faults that outlast a run's own retries come back later.
    await boss.createQueue(PLUG_RUN, {
      policy: "singleton",
      retryLimit: 4,
      retryDelay: Number(process.env.CROSSDOCK_JOB_RETRY_DELAY_SECONDS ?? 30),
      retryBackoff: true,
      retryDelayMax: 900,
      expireInSeconds: 6 * 3600,
      heartbeatSeconds: heartbeatSeconds(),
    });
  }
  if (!(await boss.getQueue(AUTO_INVOICE))) {
    // stately per tenant: one waiting and one running run, so writes during a run still get one more.
    await boss.createQueue(AUTO_INVOICE, { policy: "stately", retryLimit: 3, retryDelay: 5, retryBackoff: true, expireInSeconds: 3600, heartbeatSeconds: heartbeatSeconds() });
  }
  return boss;
}

export function getQueue(): Promise<PgBoss> {
  const g = globalThis as G;
  g[key] ??= open().catch((e) => {
    g[key] = undefined;
    throw e;
  });
  return g[key];
}

export async function enqueuePlugRun(job: PlugRunJob): Promise<string | null> {
  const boss = await getQueue();
  return boss.send(PLUG_RUN, job, { singletonKey: `${job.tenantId}/${job.connectionId}` });
}

export async function closeQueue(): Promise<void> {
  const g = globalThis as G;
  const pending = g[key];
  g[key] = undefined;
  if (pending) await (await pending).stop({ graceful: true, timeout: 10_000 }).catch(() => {});
}
