import type { Db } from "@/db/client";
import { runPlug } from "@/lib/connectors/runtime/run";
import { processTenant } from "@/lib/services/auto-invoice/process-tenant";
import { sweepAutoInvoice } from "@/lib/services/auto-invoice/sweep";
import { enqueueAutoInvoice, type AutoInvoiceJob } from "./auto-invoice";
import { AUTO_INVOICE, getQueue, PLUG_RUN, type PlugRunJob } from "./queue";
import { pruneTransfers } from "./prune";
import { enqueueDuePlugs } from "./scheduler";

/**
 * Starts this process's workers: plug runs from the queue, and the scheduler tick that queues due
 * plugs. Runs inside the app by default; `npm run worker` runs it alone (then set
 * CROSSDOCK_WORKERS=0 on the web nodes). Returns a graceful stop.
 */
export async function startWorkers(db: Db): Promise<() => Promise<void>> {
  const boss = await getQueue();
  const stopping = new AbortController();
  await boss.work<PlugRunJob>(
    PLUG_RUN,
    { localConcurrency: Number(process.env.CROSSDOCK_WORKER_CONCURRENCY ?? 2), pollingIntervalSeconds: Number(process.env.CROSSDOCK_WORKER_POLL_SECONDS ?? 1) },
    async ([job]) => runPlug(db, job.data, stopping.signal),
  );
  // Half-second polling keeps order → invoice within about a second (bench/auto-invoice.ts).
  await boss.work<AutoInvoiceJob>(AUTO_INVOICE, { localConcurrency: 2, pollingIntervalSeconds: 0.5 }, async ([job]) => processTenant(db, job.data.tenantId));
  const tickMs = Number(process.env.CROSSDOCK_SCHEDULER_TICK_MS ?? 10_000);
  let prunedAt = 0;
  let sweptAt = 0;
  const tick = () => {
    void enqueueDuePlugs(db).catch((e) => console.error("[scheduler]", e instanceof Error ? e.message : e));
    // Auto Invoice catch-up once a minute: orders whose notification was lost or came during downtime.
    if (Date.now() - sweptAt > 60_000) {
      sweptAt = Date.now();
      void sweepAutoInvoice(db, enqueueAutoInvoice).catch((e) => console.error("[auto-invoice sweep]", e instanceof Error ? e.message : e));
    }
    // Old run history once an hour per worker (deleting twice is harmless).
    if (Date.now() - prunedAt > 3600_000) {
      prunedAt = Date.now();
      void pruneTransfers(db).catch((e) => console.error("[prune]", e instanceof Error ? e.message : e));
    }
  };
  const timer = setInterval(tick, tickMs);
  timer.unref();
  tick();
  return async () => {
    clearInterval(timer);
    stopping.abort();
    await boss.offWork(PLUG_RUN, { wait: true }).catch(() => {});
    await boss.offWork(AUTO_INVOICE, { wait: true }).catch(() => {});
  };
}
