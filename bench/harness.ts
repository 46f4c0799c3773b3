import { randomBytes } from "node:crypto";
import postgres from "postgres";

/** What the benchmarks that run against their own PostgreSQL database share. */

const t0 = Date.now();
export const progress = (msg: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s] ${msg}`);
export const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

/** A summary line: what was measured, the figure, and the verdict against a target (or ""). */
export type SummaryRow = [string, string, string];

/**
 * Creates a throwaway database, points the app at it (DATABASE_URL, a secret key, local remotes),
 * runs the phases, closes the app's queue and pool, drops the database (unless keep), and prints
 * the summary under `title`. Exits the process: pg-boss and the simulators leave handles open.
 */
export async function benchDatabase(opts: { prefix: string; adminUrl: string; keep: boolean; title: string; describe?: string }, phases: () => Promise<SummaryRow[]>): Promise<never> {
  const name = `crossdock_bench_${opts.prefix}_${Date.now().toString(36)}`;
  const admin = postgres(opts.adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(opts.adminUrl);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  process.env.CROSSDOCK_SECRET_KEY ??= randomBytes(32).toString("base64");
  process.env.CROSSDOCK_ALLOW_LOCAL_REMOTES = "1";
  progress(`database ${name}${opts.describe ? `; ${opts.describe}` : ""}`);
  let summary: SummaryRow[] = [];
  try {
    summary = await phases();
    const { closeQueue } = await import("@/lib/jobs/queue");
    await closeQueue();
    const { closeDb } = await import("@/db/client");
    await closeDb();
  } finally {
    if (!opts.keep) await admin.unsafe(`drop database if exists "${name}" with (force)`);
    else progress(`kept database ${name}`);
    await admin.end();
  }
  console.log(`\nSummary (${opts.title})`);
  const w = Math.max(...summary.map((r) => r[0].length));
  for (const [k, v, verdict] of summary) console.log(`  ${k.padEnd(w)}  ${v.padStart(16)}  ${verdict}`);
  process.exit(0);
}

/**
 * A reseller ("bench") and a way to make tenants under it, each with an owner; returns the owner's
 * tenant context. `input` adds to the tenant's creation input (e.g. its options).
 */
export async function benchTenants() {
  const { getDb } = await import("@/db/client");
  const { insertUser } = await import("@/lib/services/users/internal");
  const { createReseller } = await import("@/lib/services/resellers/create");
  const { authorizeReseller, authorizeTenant } = await import("@/lib/auth/guard");
  const { createTenant } = await import("@/lib/services/tenants/create");
  const { listTenantUsers } = await import("@/lib/services/tenant-users/list");
  type Actor = import("@/lib/auth/actor").Actor;
  const db = await getDb();
  const adminUser = await db.transaction((tx) => insertUser(tx, { email: "admin@bench.example", name: "Bench Admin", password: "bench-admin-password", kind: "admin" }));
  const actor: Actor = { type: "user", userId: adminUser.id, email: adminUser.email, name: adminUser.name, kind: "admin" };
  const reseller = await createReseller({ ctx: { db, actor }, input: { name: "Bench Partner AB", codeName: "bench" } });
  const rctx = await authorizeReseller(db, actor, reseller.codeName);
  const tenantWithOwner = async (n: number, input: Record<string, unknown> = {}) => {
    const email = `owner-${n}@bench.example`;
    const tenant = await createTenant({ ctx: rctx, input: { customerReference: `BENCH-${n}`, fullName: `Bench ${n} AB`, email: `it-${n}@bench.example`, ...input, owner: { name: `Owner ${n}`, email, password: "bench-owner-password" } } });
    const [owner] = (await listTenantUsers({ db, tenantId: tenant.id })).filter((u) => u.email === email);
    return authorizeTenant(db, { type: "user", userId: owner.id, email: owner.email, name: owner.name, kind: "tenant" }, tenant.codeName);
  };
  return { db, actor, tenantWithOwner };
}
