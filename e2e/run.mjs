#!/usr/bin/env node
// `npm run test:e2e`: builds the app, makes a throwaway PostgreSQL database, starts two servers
// (one on that database, one embedded PGlite on an empty data folder for the smoke test), runs
// Playwright against them in Debian's Chromium, then stops everything and drops the database.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";

const require = createRequire(import.meta.url);
const nextBin = require.resolve("next/dist/bin/next");
const playwrightBin = require.resolve("@playwright/test/cli");
const adminUrl = process.env.E2E_ADMIN_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const port = Number(process.env.E2E_PORT ?? 3310);
const smokePort = port + 1;
const distDir = process.env.NEXT_DIST_DIR || ".next";
// Simulators of remote systems (started by specs) listen on 127.0.0.1; connection secrets need a key.
const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  NEXT_DIST_DIR: distDir,
  AUTH_SECRET: "e2e-only-secret-not-for-production-000000",
  CROSSDOCK_SECRET_KEY: "e2e-only-secret-key-not-for-production",
  CROSSDOCK_ALLOW_LOCAL_REMOTES: "1",
};

function run(cmd, args, extraEnv = {}) {
  const r = spawnSync(process.execPath, [cmd, ...args], { stdio: "inherit", env: { ...env, ...extraEnv } });
  if (r.status !== 0) throw new Error(`${path.basename(cmd)} ${args.join(" ")} exited with ${r.status}`);
}

async function waitFor(url, child, timeoutMs = 120_000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`server for ${url} exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`server at ${url} did not become healthy`);
}

function serve(p, args, childEnv) {
  const child = spawn(process.execPath, args, { env: { ...childEnv, PORT: String(p), HOST: "127.0.0.1" }, stdio: ["ignore", "pipe", "pipe"] });
  const tag = `[server:${p}] `;
  child.stdout.on("data", (d) => process.env.E2E_VERBOSE && process.stdout.write(tag + d));
  child.stderr.on("data", (d) => process.stderr.write(tag + d));
  return child;
}

const children = [];
let dbName;
let smokeDir;
let exitCode = 1;
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
try {
  if (!process.env.E2E_SKIP_BUILD) run(nextBin, ["build"]);
  dbName = `crossdock_e2e_${process.pid}_${Date.now().toString(36)}`;
  await admin.unsafe(`create database ${dbName}`);
  const databaseUrl = `postgres://postgres@127.0.0.1:5432/${dbName}`;
  smokeDir = mkdtempSync(path.join(tmpdir(), "crossdock-smoke-"));

  // The queue looks for jobs often, so plug runs the specs start begin within a second or two.
  const queue = { CROSSDOCK_WORKER_POLL_SECONDS: "0.5", CROSSDOCK_QUEUE_SUPERVISE_SECONDS: "5", CROSSDOCK_SCHEDULER_TICK_MS: "2000" };
  const main = serve(port, [nextBin, "start", "-H", "127.0.0.1", "-p", String(port)], { ...env, ...queue, DATABASE_URL: databaseUrl, AUTH_URL: `http://127.0.0.1:${port}` });
  // The smoke server starts exactly as `npm start` does on a fresh machine: through lib/cli/start.mjs,
  // with no database URL, no AUTH_SECRET, no secret key and no AUTH_URL.
  const { DATABASE_URL: _db, AUTH_SECRET: _secret, AUTH_URL: _url, CROSSDOCK_SECRET_KEY: _key, CROSSDOCK_ALLOW_LOCAL_REMOTES: _local, ...plain } = env;
  const smoke = serve(smokePort, ["lib/cli/start.mjs"], { ...plain, CROSSDOCK_DATA_DIR: smokeDir });
  children.push(main, smoke);
  await Promise.all([waitFor(`http://127.0.0.1:${port}`, main), waitFor(`http://127.0.0.1:${smokePort}`, smoke, 180_000)]);

  const r = spawnSync(process.execPath, [playwrightBin, "test", ...process.argv.slice(2)], {
    stdio: "inherit",
    env: { ...env, DATABASE_URL: databaseUrl, E2E_BASE_URL: `http://127.0.0.1:${port}`, E2E_SMOKE_URL: `http://127.0.0.1:${smokePort}` },
  });
  exitCode = r.status ?? 1;
} catch (e) {
  console.error(e);
} finally {
  for (const c of children) c.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 1000));
  if (dbName) await admin.unsafe(`drop database if exists ${dbName} with (force)`).catch((e) => console.error(e));
  await admin.end();
  if (smokeDir) rmSync(smokeDir, { recursive: true, force: true });
}
process.exit(exitCode);
