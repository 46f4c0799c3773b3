import { createHmac } from "node:crypto";
import { verifyPassword } from "@/lib/auth/passwords";

/** Parses `Authorization: Basic base64(login:password)`; undefined when absent or malformed. */
export function parseBasicAuth(header: string | null): { login: string; password: string } | undefined {
  const m = header?.match(/^Basic\s+([A-Za-z0-9+/=]+)\s*$/i);
  if (!m) return undefined;
  const decoded = Buffer.from(m[1], "base64").toString("utf8");
  const i = decoded.indexOf(":");
  if (i < 1) return undefined;
  return { login: decoded.slice(0, i), password: decoded.slice(i + 1) };
}

/**
 * bcrypt costs ~200 ms, far too much per API request, so a verified login:password pair is remembered
 * for a minute under an HMAC of the pair (the password itself is never kept). The entry also pins the
 * password hash it was checked against, so a password change invalidates it at once on every node.
 */
const TTL_MS = 60_000;
const MAX_ENTRIES = 10_000;
const verified = new Map<string, { passwordHash: string; expires: number }>();
const key = (login: string, password: string) => createHmac("sha256", process.env.AUTH_SECRET ?? "crossdock").update(`${login}\n${password}`).digest("hex");

export async function checkPasswordCached(login: string, password: string, passwordHash: string): Promise<boolean> {
  const k = key(login, password);
  const hit = verified.get(k);
  if (hit && hit.expires > Date.now() && hit.passwordHash === passwordHash) return true;
  if (!(await verifyPassword(password, passwordHash))) return false;
  if (verified.size >= MAX_ENTRIES) verified.delete(verified.keys().next().value as string);
  verified.set(k, { passwordHash, expires: Date.now() + TTL_MS });
  return true;
}
