import { mkdirSync } from "node:fs";
import path from "node:path";
import { drizzle as drizzlePostgres, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import * as schema from "./schema";

/**
 * One database handle per process. PostgreSQL when DATABASE_URL is set, otherwise embedded PGlite in
 * the local data folder. Both expose the same Drizzle API; the PGlite one is typed as the
 * postgres-js one because their query builders are identical.
 */
export type Db = PostgresJsDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

type Handle = { db: Db; kind: "postgres" | "pglite"; pglite?: PGliteClient; close: () => Promise<void>; ready: Promise<void> };
type PGliteClient = import("@electric-sql/pglite").PGlite;

const globalKey = Symbol.for("crossdock.db");
type GlobalWithDb = typeof globalThis & { [globalKey]?: Handle };

export function dataDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.CROSSDOCK_DATA_DIR ?? ".data");
}

export function databaseKind(): "postgres" | "pglite" {
  return process.env.DATABASE_URL ? "postgres" : "pglite";
}

async function open(): Promise<Omit<Handle, "ready">> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const { default: postgres } = await import("postgres");
    const client = postgres(url, {
      max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
      onnotice: () => {},
    });
    return { db: drizzlePostgres(client, { schema }), kind: "postgres", close: () => client.end({ timeout: 5 }) };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle: drizzlePglite } = await import("drizzle-orm/pglite");
  const dir = path.join(dataDir(), "pglite");
  mkdirSync(dir, { recursive: true });
  const client = await PGlite.create(dir);
  return {
    db: drizzlePglite(client, { schema }) as unknown as Db,
    kind: "pglite",
    pglite: client,
    close: () => client.close(),
  };
}

let opening: Promise<Handle> | undefined;

/** The process-wide handle, migrated before first use. Kept on globalThis because Next bundles this module more than once. */
export async function getDb(): Promise<Db> {
  const g = globalThis as GlobalWithDb;
  if (g[globalKey]) {
    await g[globalKey].ready;
    return g[globalKey].db;
  }
  opening ??= (async () => {
    const base = await open();
    const { migrate } = await import("./migrate");
    const handle: Handle = { ...base, ready: migrate(base.db, base.kind) };
    g[globalKey] = handle;
    return handle;
  })();
  const handle = await opening;
  await handle.ready;
  return handle.db;
}

/** The embedded PGlite instance (migrated), for the job queue's adapter; undefined on PostgreSQL. */
export async function getPglite(): Promise<PGliteClient | undefined> {
  await getDb();
  return (globalThis as GlobalWithDb)[globalKey]?.pglite;
}

/** Rows of a raw `execute`: postgres-js answers an array, PGlite an object with `rows`. */
export function rowsOf<T = Record<string, unknown>>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** One round trip to the database, for health checks. */
export async function pingDb(): Promise<void> {
  const { sql } = await import("drizzle-orm");
  await (await getDb()).execute(sql`select 1`);
}

export async function closeDb(): Promise<void> {
  const g = globalThis as GlobalWithDb;
  const handle = g[globalKey];
  g[globalKey] = undefined;
  opening = undefined;
  if (handle) await handle.close();
}
