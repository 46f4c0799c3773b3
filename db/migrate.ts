import path from "node:path";
import type { Db } from "./client";

export const migrationsFolder = path.resolve(/*turbopackIgnore: true*/ process.env.CROSSDOCK_MIGRATIONS_DIR ?? "db/migrations");

/**
 * Applies the committed drizzle-kit migrations. On PostgreSQL a session advisory lock on a dedicated
 * connection serialises app nodes and workers that start at the same moment; PGlite is one process.
 */
export async function migrate(db: Db, kind: "postgres" | "pglite"): Promise<void> {
  if (kind === "pglite") {
    const { migrate: run } = await import("drizzle-orm/pglite/migrator");
    await run(db as never, { migrationsFolder });
    return;
  }
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { migrate: run } = await import("drizzle-orm/postgres-js/migrator");
  const client = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(7283001)`;
    await run(drizzle(client), { migrationsFolder });
  } finally {
    await client.end({ timeout: 5 });
  }
}
