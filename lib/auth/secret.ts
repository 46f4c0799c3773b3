import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Auth.js needs AUTH_SECRET. When the environment has none (the one-command demo), one is generated
 * once into the data folder so sessions survive restarts.
 */
export function ensureAuthSecret(): void {
  if (process.env.AUTH_SECRET) return;
  const dir = path.resolve(/*turbopackIgnore: true*/ process.env.CROSSDOCK_DATA_DIR ?? ".data");
  const file = path.join(dir, "auth-secret");
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  process.env.AUTH_SECRET = readFileSync(file, "utf8").trim();
}
