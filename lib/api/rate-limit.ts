/**
 * Token buckets per API principal (credential + connection) and, for failed authentication, per IP.
 * Kept in process memory: each web node enforces its own share, which bounds load without a round
 * trip per request; a shared store can replace this map when nodes must agree exactly.
 */
export type RateDecision = { ok: boolean; limit: number; remaining: number; resetSeconds: number };

type Bucket = { tokens: number; updated: number };

export class RateLimiter {
  private buckets = new Map<string, Bucket>();
  constructor(
    readonly perSecond: number,
    readonly burst: number,
    private readonly maxKeys = 50_000,
  ) {}

  /** Whether a token is available, without using it. */
  peek(key: string, now = Date.now()): RateDecision {
    const b = this.buckets.get(key);
    const tokens = b ? Math.min(this.burst, b.tokens + ((now - b.updated) / 1000) * this.perSecond) : this.burst;
    return { ok: tokens >= 1, limit: this.burst, remaining: Math.floor(tokens), resetSeconds: Math.ceil(Math.max(0, 1 - tokens) / this.perSecond) };
  }

  take(key: string, now = Date.now()): RateDecision {
    let b = this.buckets.get(key);
    if (!b) {
      if (this.buckets.size >= this.maxKeys) this.buckets.delete(this.buckets.keys().next().value as string);
      b = { tokens: this.burst, updated: now };
      this.buckets.set(key, b);
    }
    b.tokens = Math.min(this.burst, b.tokens + ((now - b.updated) / 1000) * this.perSecond);
    b.updated = now;
    const ok = b.tokens >= 1;
    if (ok) b.tokens -= 1;
    const missing = this.burst - b.tokens;
    return {
      ok,
      limit: this.burst,
      remaining: Math.floor(b.tokens),
      resetSeconds: ok ? Math.ceil(missing / this.perSecond) : Math.ceil((1 - b.tokens) / this.perSecond),
    };
  }
}

const env = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};

/** Per credential: CROSSDOCK_API_RATE requests/s sustained (default 100), bursts up to CROSSDOCK_API_BURST (300). */
export const apiLimiter = new RateLimiter(env("CROSSDOCK_API_RATE", 100), env("CROSSDOCK_API_BURST", 300));
/** Failed API authentications per client IP (each costs a password hash): CROSSDOCK_AUTH_FAIL_RATE/s (5), bursts of CROSSDOCK_AUTH_FAIL_BURST (20). */
export const authFailureLimiter = new RateLimiter(env("CROSSDOCK_AUTH_FAIL_RATE", 5), env("CROSSDOCK_AUTH_FAIL_BURST", 20));

export function rateLimitHeaders(d: RateDecision): Record<string, string> {
  const h: Record<string, string> = { "ratelimit-limit": String(d.limit), "ratelimit-remaining": String(d.remaining), "ratelimit-reset": String(d.resetSeconds) };
  if (!d.ok) h["retry-after"] = String(d.resetSeconds);
  return h;
}
