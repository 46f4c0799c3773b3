// temporary probe: where does POST /api/order/batch spend its time? (deleted after the investigation)
import postgres from "postgres";
import { createTenants, loadTenants, makeOrder, parseArgs } from "./api";

async function main() {
  const admin = postgres("postgres://postgres@127.0.0.1:5432/postgres", { max: 1, onnotice: () => {} });
  const name = `crossdock_bench_probe_${Date.now()}`;
  await admin.unsafe(`create database "${name}"`);
  const url = `postgres://postgres@127.0.0.1:5432/${name}`;
  process.env.DATABASE_URL = url;
  process.env.DATABASE_POOL_SIZE = "10";
  const { getDb, closeDb } = await import("@/db/client");
  const { batchUpsertRecords } = await import("@/lib/services/records/batch");
  const { createRecord } = await import("@/lib/services/records/create");
  const db = await getDb();
  const o = parseArgs(["--orders", "4", "--tenants", "4"]);
  await createTenants(o);
  const sql = postgres(url, { max: 2, onnotice: () => {} });
  const tenants = await loadTenants(sql, o);
  const ctxOf = (t: (typeof tenants)[number]) => ({ db, tenantId: t.tenantId, connectionId: t.connectionId, writer: { kind: "connection" as const, connection: { id: t.connectionId, name: t.connectionName, connector: "api" } } });
  let n = 0;
  const batch = (t: (typeof tenants)[number], size: number) => Array.from({ length: size }, () => makeOrder(t.salt, n, new Date(), `p-${n++}`));
  try {
    for (const size of [100, 1000]) {
      const body = batch(tenants[0], size);
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const r = await batchUpsertRecords({ ctx: ctxOf(tenants[0]), type: "order", body });
      const ms = performance.now() - t0;
      const cpu = process.cpuUsage(c0);
      console.log(`1 client, batch of ${size}: ${ms.toFixed(0)} ms = ${(ms / size).toFixed(2)} ms/order; node CPU ${((cpu.user + cpu.system) / 1000 / size).toFixed(2)} ms/order; ${r.filter((x) => x.status === "created").length} created`);
    }
    {
      const bodies = tenants.map((t) => batch(t, 1000));
      const t0 = performance.now();
      await Promise.all(tenants.map((t, i) => batchUpsertRecords({ ctx: ctxOf(t), type: "order", body: bodies[i] })));
      const ms = performance.now() - t0;
      console.log(`4 clients × 1000 (4 tenants): ${ms.toFixed(0)} ms = ${(4000 / (ms / 1000)).toFixed(0)} orders/s`);
    }
    {
      const bodies = Array.from({ length: 500 }, () => batch(tenants[1], 1)[0]);
      const t0 = performance.now();
      for (const b of bodies) await createRecord({ ctx: ctxOf(tenants[1]), type: "order", body: b });
      const ms = performance.now() - t0;
      console.log(`createRecord sequential × 500: ${(ms / 500).toFixed(2)} ms/order`);
    }
    const [sub] = await sql`select count(*) from record_history`;
    console.log("history rows", sub.count);
  } finally {
    await sql.end();
    await closeDb();
    await admin.unsafe(`drop database "${name}" with (force)`);
    await admin.end();
  }
}
main().catch((e) => { console.error(e); process.exit(1); });
