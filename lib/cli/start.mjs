#!/usr/bin/env node
// `npm start` (and `npm run dev` with --dev): builds on a fresh clone, then serves the app. With no
// DATABASE_URL the app runs on embedded PGlite in ./.data and seeds the demo; the server prints its
// URL and logins when ready.
import { spawnSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const nextBin = require.resolve("next/dist/bin/next");
const dev = process.argv.includes("--dev");
const host = process.env.HOST ?? "127.0.0.1";
const port = process.env.PORT ?? "3000";
const env = { ...process.env, HOST: host, PORT: port, NEXT_TELEMETRY_DISABLED: "1" };

// Auth.js signs sessions with AUTH_SECRET, in the proxy as well as in the app, so it must be in the
// environment before Next starts. Without one, a secret is generated once into the data folder.
if (!env.AUTH_SECRET) {
  const dir = path.resolve(env.CROSSDOCK_DATA_DIR ?? ".data");
  const file = path.join(dir, "auth-secret");
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  env.AUTH_SECRET = readFileSync(file, "utf8").trim();
}

const distDir = env.NEXT_DIST_DIR || ".next";
if (!dev && !existsSync(`${distDir}/BUILD_ID`)) {
  console.log("No production build yet: running `next build` once (about a minute)…");
  const build = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const child = spawn(process.execPath, [nextBin, dev ? "dev" : "start", "-H", host, "-p", port], { stdio: "inherit", env });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => process.exit(code ?? 0));
