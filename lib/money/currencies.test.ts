import { describe, expect, it } from "vitest";
import { currencies, currencyCodes, isCurrencyCode, minorUnits } from "./currencies";

describe("currencies", () => {
  it("knows the minor units of common and unusual currencies", () => {
    for (const code of ["SEK", "EUR", "USD", "NOK", "DKK", "GBP", "CHF", "PLN"]) expect(minorUnits(code), code).toBe(2);
    for (const code of ["JPY", "ISK", "KRW", "CLP"]) expect(minorUnits(code), code).toBe(0);
    for (const code of ["KWD", "BHD", "OMR", "JOD", "TND"]) expect(minorUnits(code), code).toBe(3);
  });

  it("only accepts uppercase ISO 4217 codes it knows", () => {
    expect(minorUnits("sek")).toBeUndefined();
    expect(minorUnits("XXX")).toBeUndefined();
    expect(minorUnits("toString")).toBeUndefined();
    expect(isCurrencyCode("__proto__")).toBe(false);
    expect(isCurrencyCode("SEK")).toBe(true);
  });

  it("has well-formed entries", () => {
    expect(currencyCodes.length).toBeGreaterThan(150);
    for (const code of currencyCodes) {
      expect(code).toMatch(/^[A-Z]{3}$/);
      expect([0, 2, 3]).toContain(currencies[code].minorUnits);
    }
  });
});
