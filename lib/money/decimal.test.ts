import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import { canonicalDecimal, Dec, decimalProblem, formatFixed, formatPlain, isDecimalString, roundTo } from "./decimal";

describe("decimal strings", () => {
  it("accepts optional minus, digits and an optional fraction", () => {
    for (const s of ["0", "12", "12.50", "-3", "-0.125", "007.5", "123456789012345678.123456789012"]) {
      expect(decimalProblem(s), s).toBeUndefined();
      expect(isDecimalString(s)).toBe(true);
    }
  });

  it("rejects everything else with a message that says what to send", () => {
    for (const s of ["+1", "1e3", "1E-2", "1,5", "1 000", " 1", "1.", ".5", "--1", "NaN", "Infinity", "0x10", "١٢"]) {
      expect(decimalProblem(s), s).toMatch(/is not a decimal/);
    }
    expect(decimalProblem("")).toMatch(/^Empty/);
    expect(isDecimalString(12)).toBe(false);
  });

  it("limits digits so products of three values stay exact", () => {
    expect(decimalProblem("1234567890123456789")).toBe("At most 18 digits before the decimal point");
    expect(decimalProblem("0000001.5")).toBeUndefined(); // leading zeros do not count
    expect(decimalProblem("1.1234567890123")).toBe("At most 12 digits after the decimal point");
  });

  it("canonicalises: no leading zeros, no negative zero, fraction digits kept", () => {
    expect(canonicalDecimal("007.50")).toBe("7.50");
    expect(canonicalDecimal("0.50")).toBe("0.50");
    expect(canonicalDecimal("-0")).toBe("0");
    expect(canonicalDecimal("-0.000")).toBe("0.000");
    expect(canonicalDecimal("-012.500")).toBe("-12.500");
    expect(canonicalDecimal("100")).toBe("100");
    expect(() => canonicalDecimal("1e3")).toThrow();
  });
});

describe("Dec arithmetic", () => {
  it("is exact where floats are not", () => {
    expect(new Dec("0.1").plus("0.2").toString()).toBe("0.3");
    expect(0.1 + 0.2).not.toBe(0.3);
    const big = new Dec("999999999999999999.999999999999").times("999999999999999999.999999999999").times("99.99");
    // Checked against Python decimal at 200 digits: every digit survives.
    expect(big.toFixed()).toBe("99989999999999999999999999999800020000.00000000000000000000009999");
  });

  it("rounds half away from zero, symmetric for negatives", () => {
    expect(roundTo(new Dec("2.125"), 2).toFixed(2)).toBe("2.13");
    expect(roundTo(new Dec("-2.125"), 2).toFixed(2)).toBe("-2.13");
    expect(roundTo(new Dec("2.1249"), 2).toFixed(2)).toBe("2.12");
    expect(roundTo(new Dec("0.5"), 0).toFixed(0)).toBe("1");
    expect(roundTo(new Dec("-0.5"), 0).toFixed(0)).toBe("-1");
    expect(roundTo(new Dec("1.0005"), 3).toFixed(3)).toBe("1.001");
  });

  it("formats without exponent or negative zero", () => {
    expect(formatFixed(new Dec("-0.001"), 2)).toBe("0.00");
    expect(formatFixed(new Dec("12.5"), 2)).toBe("12.50");
    expect(formatFixed(new Dec("12.5"), 0)).toBe("13");
    expect(formatPlain(new Dec("1e-30"))).toBe("0.000000000000000000000000000001");
    expect(formatPlain(new Dec("1e30"))).toBe("1000000000000000000000000000000");
    expect(formatPlain(new Dec("-0"))).toBe("0");
  });

  it("is a clone: the global Decimal configuration is untouched", () => {
    expect(Decimal.precision).toBe(20);
    expect(Dec.precision).toBe(100);
    expect(Dec.rounding).toBe(Decimal.ROUND_HALF_UP);
  });
});
