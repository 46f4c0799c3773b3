import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { adminDatabaseUrl, type TestDbConfig } from "./db-config";

declare module "vitest" {
  export interface ProvidedContext {
    testDb: TestDbConfig;
  }
}

/**
 * Runs once per `vitest run`. With a PostgreSQL server on 127.0.0.1:5432 every worker gets its own
 * database named crossdock_test_<pid>_<worker> (test/setup.ts), all dropped here at the end.
 * Without one, the workers fall back to embedded PGlite in a temporary folder.
 */
export default async function setup(project: TestProject) {
  const adminUrl = adminDatabaseUrl();
  const admin = postgres(adminUrl, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await admin`select 1`;
  } catch (e) {
    await admin.end({ timeout: 1 }).catch(() => {});
    const dir = mkdtempSync(path.join(tmpdir(), "crossdock-test-"));
    console.log(`\n[test] No PostgreSQL reachable at ${safeUrl(adminUrl)} (${(e as Error).message}): falling back to embedded PGlite in ${dir}.\n`);
    project.provide("testDb", { kind: "pglite", dir });
    return () => rmSync(dir, { recursive: true, force: true });
  }

  await dropStaleDatabases(admin);
  const prefix = `crossdock_test_${process.pid}_`;
  project.provide("testDb", { kind: "postgres", adminUrl, prefix });
  return async () => {
    const rows = await admin<{ datname: string }[]>`select datname from pg_database where datname like ${prefix + "%"}`;
    for (const { datname } of rows) await admin.unsafe(`drop database if exists "${datname}" with (force)`);
    await admin.end({ timeout: 5 });
  };
}

/** Databases left behind by runs that were killed: their process no longer exists. */
async function dropStaleDatabases(admin: postgres.Sql) {
  const rows = await admin<{ datname: string }[]>`select datname from pg_database where datname ~ '^crossdock_test_[0-9]+_'`;
  for (const { datname } of rows) {
    const pid = Number(datname.split("_")[2]);
    if (pid === process.pid || isAlive(pid)) continue;
    await admin.unsafe(`drop database if exists "${datname}" with (force)`).catch(() => {});
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

const safeUrl = (url: string) => url.replace(/\/\/([^:@/]+):[^@]*@/, "//$1:***@");
