import { describe, expect, it } from "vitest";
import { stripSecrets } from "./audit";

describe("stripSecrets", () => {
  it("drops password, hash, secret and token keys at any depth, in any case", () => {
    const input = {
      email: "a@b.c",
      password: "p",
      passwordHash: "h",
      nested: { apiSecret: "s", ACCESS_TOKEN: "t", keep: 1, list: [{ refreshToken: "r", name: "n" }] },
      secretHash: "x",
    };
    expect(stripSecrets(input)).toEqual({ email: "a@b.c", nested: { keep: 1, list: [{ name: "n" }] } });
  });

  it("turns dates into ISO strings and leaves scalars and null alone", () => {
    const at = new Date("2026-01-02T03:04:05.678Z");
    expect(stripSecrets({ at, n: 1, s: "x", z: null, b: false })).toEqual({ at: "2026-01-02T03:04:05.678Z", n: 1, s: "x", z: null, b: false });
    expect(stripSecrets("plain")).toBe("plain");
    expect(stripSecrets(null)).toBeNull();
  });

  it("does not modify its input", () => {
    const input = { password: "p", a: { token: "t" } };
    stripSecrets(input);
    expect(input).toEqual({ password: "p", a: { token: "t" } });
  });
});
