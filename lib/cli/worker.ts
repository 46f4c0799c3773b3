// `npm run worker`: plug runs and schedules in a process of their own, on the same queue as every
// other worker (run several for more throughput). Web nodes then start none: CROSSDOCK_WORKERS=0.
import { closeDb, databaseKind, getDb } from "../../db/client";
import { closeQueue } from "../jobs/queue";
import { startWorkers } from "../jobs/worker";

async function main() {
  const db = await getDb(); // migrates
  const stop = await startWorkers(db);
  console.log(`crossdock worker ${process.pid} running (database: ${databaseKind()})`);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`worker: ${signal}, finishing the current runs…`);
    await stop();
    await closeQueue();
    await closeDb();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
