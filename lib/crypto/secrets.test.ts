import { afterEach, describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, resetSecretKeyForTests } from "./secrets";

afterEach(() => resetSecretKeyForTests());

describe("connection secrets at rest", () => {
  it("round-trips, with a fresh IV every time and no plaintext in the sealed form", () => {
    const a = encryptSecret("shpat_0123456789abcdef", "ten_1/con_1");
    const b = encryptSecret("shpat_0123456789abcdef", "ten_1/con_1");
    expect(a).not.toBe(b);
    expect(a).not.toContain("shpat");
    expect(decryptSecret(a, "ten_1/con_1")).toBe("shpat_0123456789abcdef");
  });

  it("refuses a value moved to another owner or tampered with", () => {
    const sealed = encryptSecret("secret", "ten_1/con_1");
    expect(() => decryptSecret(sealed, "ten_2/con_1")).toThrow();
    const parts = sealed.split(".");
    parts[3] = Buffer.from("tampered").toString("base64url");
    expect(() => decryptSecret(parts.join("."), "ten_1/con_1")).toThrow();
  });

  it("does not decrypt with another key", () => {
    const sealed = encryptSecret("secret", "o");
    const before = process.env.CROSSDOCK_SECRET_KEY;
    process.env.CROSSDOCK_SECRET_KEY = "another passphrase entirely";
    resetSecretKeyForTests();
    try {
      expect(() => decryptSecret(sealed, "o")).toThrow();
    } finally {
      process.env.CROSSDOCK_SECRET_KEY = before;
    }
  });
});
