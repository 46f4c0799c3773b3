/**
 * Exact fixed-point arithmetic on BigInt for record validation, the hot path of bulk imports:
 * value = units / 10^scale. Only what the money checks need: products, and a quotient rounded
 * half away from zero to a number of places, computed from the exact rational (no precision
 * limit at all, unlike Dec). Dec stays the general-purpose decimal; decimal.test.ts/fixed.test.ts
 * check that both round the same.
 */
export type Fixed = { units: bigint; scale: number };

const pow10Cache: bigint[] = [];
function pow10(n: number): bigint {
  return (pow10Cache[n] ??= 10n ** BigInt(n));
}

/** A valid decimal string (see decimalProblem) as Fixed. */
export function parseFixed(s: string): Fixed {
  const dot = s.indexOf(".");
  if (dot < 0) return { units: BigInt(s), scale: 0 };
  return { units: BigInt(s.slice(0, dot) + s.slice(dot + 1)), scale: s.length - dot - 1 };
}

export function fixedOfInt(n: number): Fixed {
  return { units: BigInt(n), scale: 0 };
}

export function mulFixed(...factors: Fixed[]): Fixed {
  let units = 1n;
  let scale = 0;
  for (const f of factors) {
    units *= f.units;
    scale += f.scale;
  }
  return { units, scale };
}

export function addFixed(a: Fixed, b: Fixed): Fixed {
  const scale = Math.max(a.scale, b.scale);
  return { units: a.units * pow10(scale - a.scale) + b.units * pow10(scale - b.scale), scale };
}

/** numerator / denominator rounded half away from zero to `places` decimals, as units at that scale. */
export function roundQuotient(numerator: Fixed, denominator: Fixed, places: number): bigint {
  let n = numerator.units * pow10(denominator.scale + places);
  let d = denominator.units * pow10(numerator.scale);
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const q = n / d; // truncates toward zero
  const r = n % d;
  const twice = (r < 0n ? -r : r) * 2n;
  return twice >= d ? q + (n < 0n ? -1n : 1n) : q;
}

const ONE: Fixed = { units: 1n, scale: 0 };

/** Rounded half away from zero to `places` decimals, as units at that scale. */
export function roundFixed(value: Fixed, places: number): bigint {
  return places >= value.scale ? value.units * pow10(places - value.scale) : roundQuotient(value, ONE, places);
}

/** Units at `places` decimals as a fixed-point string, never "-0.00". */
export function formatUnits(units: bigint, places: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(places + 1, "0");
  const body = places ? `${digits.slice(0, -places)}.${digits.slice(-places)}` : digits;
  return negative ? `-${body}` : body;
}

/** Decimal places a decimal string needs (trailing zeros do not count: "12.50" → 1). */
export function significantPlaces(s: string): number {
  const dot = s.indexOf(".");
  if (dot < 0) return 0;
  let end = s.length;
  while (end > dot + 1 && s.charCodeAt(end - 1) === 48) end--;
  return end - dot - 1;
}

/** -1, 0 or 1 as a is less than, equal to or greater than b. */
export function compareFixed(a: Fixed, b: Fixed): number {
  const scale = Math.max(a.scale, b.scale);
  const x = a.units * pow10(scale - a.scale);
  const y = b.units * pow10(scale - b.scale);
  return x < y ? -1 : x > y ? 1 : 0;
}
