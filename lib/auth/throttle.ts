import { inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { loginThrottle } from "@/db/schema";
import { RateLimitedError } from "@/lib/errors";

/**
 * Brute-force protection for password sign-in, per account and per IP, kept in the database so it
 * holds across app nodes and restarts. An account locks after 5 failures in 15 minutes (30 s, doubling
 * up to 15 min); an IP locks for 15 minutes after 30 failures.
 */
const WINDOW_MS = 15 * 60_000;
const ACCOUNT_FREE_FAILURES = 5;
const IP_FREE_FAILURES = 30;
const MAX_LOCK_MS = 15 * 60_000;

export function throttleKeys(email: string, ip: string | undefined) {
  return { account: `acct:${email.trim().toLowerCase()}`, ip: ip ? `ip:${ip}` : undefined };
}

type Keys = ReturnType<typeof throttleKeys>;
const keyList = (k: Keys) => [k.account, ...(k.ip ? [k.ip] : [])];

export async function assertNotLocked(db: Db, keys: Keys, now = new Date()): Promise<void> {
  const rows = await db.select().from(loginThrottle).where(inArray(loginThrottle.key, keyList(keys)));
  const lockedUntil = Math.max(0, ...rows.map((r) => (r.lockedUntil ? r.lockedUntil.getTime() : 0)));
  if (lockedUntil > now.getTime()) {
    const seconds = Math.ceil((lockedUntil - now.getTime()) / 1000);
    throw new RateLimitedError(`Too many failed sign-in attempts. Try again in ${formatWait(seconds)}.`, seconds);
  }
}

export async function recordFailure(db: Db, keys: Keys, now = new Date()): Promise<void> {
  for (const key of keyList(keys)) {
    const free = key.startsWith("ip:") ? IP_FREE_FAILURES : ACCOUNT_FREE_FAILURES;
    // ISO strings: raw SQL parameters do not serialise Date on every driver.
    const windowStart = new Date(now.getTime() - WINDOW_MS).toISOString();
    const at = now.toISOString();
    // One statement per key so concurrent failures cannot lose a count.
    await db.execute(sql`
      insert into login_throttle (key, failures, window_start, locked_until) values (${key}, 1, ${at}, null)
      on conflict (key) do update set
        failures = case when login_throttle.window_start < ${windowStart}::timestamptz then 1 else login_throttle.failures + 1 end,
        window_start = case when login_throttle.window_start < ${windowStart} then ${at}::timestamptz else login_throttle.window_start end,
        locked_until = case
          when login_throttle.window_start >= ${windowStart}::timestamptz and login_throttle.failures + 1 >= ${free}
          then ${at}::timestamptz + least(${MAX_LOCK_MS}::bigint, 30000::bigint * power(2, login_throttle.failures + 1 - ${free})::bigint) * interval '1 millisecond'
          else login_throttle.locked_until end`);
  }
}

export async function clearAccount(db: Db, keys: Keys): Promise<void> {
  await db.delete(loginThrottle).where(inArray(loginThrottle.key, [keys.account]));
}

function formatWait(seconds: number): string {
  return seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
}
