import path from "node:path";
import postgres from "postgres";
import { afterAll, inject } from "vitest";
import { closeDb } from "@/db/client";
import { databaseUrl, workerId } from "./db-config";

// Connection secrets are sealed with this key in tests (production sets its own; see lib/crypto/secrets.ts).
process.env.CROSSDOCK_SECRET_KEY ??= "test-only-secret-key-not-for-production";
// Simulators of remote systems listen on 127.0.0.1 over http.
process.env.CROSSDOCK_ALLOW_LOCAL_REMOTES ??= "1";

// Per test file, in its worker: point getDb() at this worker's own database (it migrates on first use).
const cfg = inject("testDb");
if (cfg.kind === "postgres") {
  const name = `${cfg.prefix}${workerId()}`;
  const admin = postgres(cfg.adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"`);
  } catch (e) {
    // 42P04: an earlier test file of this worker already made it.
    if ((e as { code?: string }).code !== "42P04") throw e;
  } finally {
    await admin.end({ timeout: 5 });
  }
  process.env.DATABASE_URL = databaseUrl(cfg.adminUrl, name);
} else {
  delete process.env.DATABASE_URL;
  process.env.CROSSDOCK_DATA_DIR = path.join(cfg.dir, `worker-${workerId()}`);
}

afterAll(async () => {
  await closeDb();
});
