import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Dec, formatFixed } from "./decimal";
import { addFixed, formatUnits, mulFixed, parseFixed, roundFixed, roundQuotient, significantPlaces } from "./fixed";

const decimalString = fc
  .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.integer({ min: 0, max: 6 }))
  .map(([neg, units, scale]) => {
    const digits = units.toString().padStart(scale + 1, "0");
    const s = scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
    return neg ? `-${s}` : s;
  });

describe("fixed-point money arithmetic", () => {
  it("rounds half away from zero, like Dec", () => {
    expect(formatUnits(roundFixed(parseFixed("2.125"), 2), 2)).toBe("2.13");
    expect(formatUnits(roundFixed(parseFixed("-2.125"), 2), 2)).toBe("-2.13");
    expect(formatUnits(roundFixed(parseFixed("-0.004"), 2), 2)).toBe("0.00");
    expect(formatUnits(roundFixed(parseFixed("7"), 0), 0)).toBe("7");
    expect(formatUnits(roundFixed(parseFixed("0.5"), 0), 0)).toBe("1");
  });

  it("agrees with Dec on products and quotients (property)", () => {
    fc.assert(
      fc.property(decimalString, decimalString, decimalString, fc.integer({ min: 0, max: 4 }), (a, b, c, places) => {
        const product = formatUnits(roundFixed(mulFixed(parseFixed(a), parseFixed(b)), places), places);
        expect(product).toBe(formatFixed(new Dec(a).times(b), places));
        if (new Dec(c).plus(100).isZero()) return;
        // q × p × rate / (rate + 100), the VAT part of an incl. price
        const quotient = formatUnits(roundQuotient(mulFixed(parseFixed(a), parseFixed(b)), addFixed(parseFixed(c), parseFixed("100")), places), places);
        expect(quotient).toBe(formatFixed(new Dec(a).times(b).dividedBy(new Dec(c).plus(100)), places));
      }),
      { numRuns: 2000 },
    );
  });

  it("counts significant decimal places", () => {
    expect(significantPlaces("12.50")).toBe(1);
    expect(significantPlaces("100.00")).toBe(0);
    expect(significantPlaces("0.125")).toBe(3);
    expect(significantPlaces("7")).toBe(0);
  });
});
