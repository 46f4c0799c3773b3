import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import * as schema from "@/db/schema";
import type { Db } from "@/db/client";
export { rowsOf } from "@/db/client";
import { migrationsFolder } from "@/db/migrate";
import { databaseUrl, workerId } from "./db-config";

/**
 * A brand-new, migrated, empty database next to the worker's shared one, for tests that need a
 * database nobody else has written to (the demo seed). Close it to drop it.
 */
export async function openScratchDb(): Promise<{ db: Db; close: () => Promise<void> }> {
  const cfg = inject("testDb");
  if (cfg.kind === "pglite") {
    const { PGlite } = await import("@electric-sql/pglite");
    const { drizzle } = await import("drizzle-orm/pglite");
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    const client = await PGlite.create();
    const db = drizzle(client, { schema });
    await migrate(db, { migrationsFolder });
    return { db: db as unknown as Db, close: () => client.close() };
  }
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");
  const name = `${cfg.prefix}${workerId()}_s${randomBytes(3).toString("hex")}`;
  const admin = postgres(cfg.adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const client = postgres(databaseUrl(cfg.adminUrl, name), { max: 2, onnotice: () => {} });
  const db = drizzle(client, { schema });
  await migrate(db, { migrationsFolder });
  return {
    db,
    close: async () => {
      await client.end({ timeout: 5 });
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}

/** Rows of a raw `db.execute` result: postgres-js returns an array, PGlite `{ rows }`. */
/** The SQLSTATE of a database error, looking through Drizzle's wrapper. */
export function sqlState(e: unknown): string | undefined {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur; i++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The error a promise rejects with (fails the test when it resolves), for checking several fields. */
export async function caught(p: Promise<unknown>): Promise<Error & Record<string, any>> {
  try {
    await p;
  } catch (e) {
    return e as Error & Record<string, any>;
  }
  throw new Error("expected the call to fail, but it succeeded");
}
