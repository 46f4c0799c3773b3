import { describe, expect, it } from "vitest";
import { rateLimitHeaders, RateLimiter } from "./rate-limit";

describe("RateLimiter", () => {
  it("allows a burst, then refuses until tokens refill at the sustained rate", () => {
    const l = new RateLimiter(2, 3);
    const t0 = 1_000_000;
    expect([l.take("a", t0).ok, l.take("a", t0).ok, l.take("a", t0).ok]).toEqual([true, true, true]);
    const refused = l.take("a", t0);
    expect(refused.ok).toBe(false);
    expect(rateLimitHeaders(refused)["retry-after"]).toBe("1");
    expect(l.take("a", t0 + 499).ok).toBe(false);
    expect(l.take("a", t0 + 1000).ok).toBe(true);
  });

  it("keeps keys apart and peek never consumes", () => {
    const l = new RateLimiter(1, 1);
    expect(l.take("a", 0).ok).toBe(true);
    expect(l.peek("a", 0).ok).toBe(false);
    expect(l.peek("b", 0).ok).toBe(true);
    expect(l.take("b", 0).ok).toBe(true);
    expect(rateLimitHeaders(l.take("b", 0))).toMatchObject({ "ratelimit-limit": "1", "ratelimit-remaining": "0" });
  });
});
