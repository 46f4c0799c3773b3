/**
 * Cross-field checks that run after the shape is valid: money amounts fit the currency's minor
 * unit, rows / VAT / totals add up, dates are in order, credit notes are negative, a product's
 * prices have a currency.
 *
 * All arithmetic is exact (BigInt fixed point for orders and invoices, Dec elsewhere). Computed values are rounded to the
 * currency's minor unit **half away from zero** (2.125 → 2.13, -2.125 → -2.13) before they are
 * compared, and compared exactly, with two documented tolerances of one minor unit (per-row VAT,
 * incl. vs excl. unit price).
 */
import type { z } from "zod";
import { ValidationError, type FieldErrors } from "@/lib/errors";
import { minorUnits } from "@/lib/money/currencies";
import { Dec, formatFixed, roundTo } from "@/lib/money/decimal";
import { addFixed, fixedOfInt, formatUnits, mulFixed, parseFixed, roundFixed, roundQuotient, significantPlaces, type Fixed } from "@/lib/money/fixed";

type Path = (string | number)[];
export type AddIssue = (path: Path, message: string) => void;

/**
 * Collects issues as FieldErrors. Safe for any key: a field named "constructor" or "toString"
 * must not hit Object.prototype (`errors[key] ??= []` would find the inherited function).
 */
export function issueCollector(): { errors: FieldErrors; add: AddIssue; count: () => number } {
  const errors: FieldErrors = {};
  return {
    errors,
    add: (path, message) => {
      const key = path.length ? path.join(".") : "_form";
      if (!Object.hasOwn(errors, key)) {
        Object.defineProperty(errors, key, { value: [], enumerable: true, writable: true, configurable: true });
      }
      errors[key].push(message);
    },
    count: () => Object.keys(errors).length,
  };
}

/** Same as lib/validation.ts parseInput, but safe for keys like "constructor" (see issueCollector). */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = issueCollector();
  for (const issue of result.error.issues) issues.add(issue.path as (string | number)[], issue.message);
  throw new ValidationError("Some fields are not valid.", issues.errors);
}

type Obj = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

const rowKinds = ["rows", "shippingRows", "feeRows"] as const;
type RowKind = (typeof rowKinds)[number];

/** An amount in minor units of the document's currency; `flagged` once reported (one wrong decimal, one issue). */
type Amount = { units: bigint; flagged: boolean };
const HUNDRED = fixedOfInt(100);

/**
 * Orders and invoices. Mutates `doc`: money amounts (not unit prices) are rewritten with exactly
 * the currency's minor-unit decimals ("12.5" SEK → "12.50", "100.00" JPY → "100"). Arithmetic is
 * exact BigInt fixed point (lib/money/fixed.ts): this runs for every record of a bulk import.
 */
export function checkMoneyDocument(doc: Obj, add: AddIssue): void {
  const currency = str(doc.currency) ?? "";
  const known = minorUnits(currency);
  if (known === undefined) return; // the schema reported the currency
  const minor: number = known;
  const fmt = (units: bigint) => formatUnits(units, minor);
  const round = (value: Fixed) => roundFixed(value, minor);
  const exceedsOneMinor = (a: bigint, b: bigint) => (a > b ? a - b : b - a) > 1n;

  /**
   * Reads a money amount, reports it when it has more decimals than the currency allows and
   * normalises it in place. Returns the amount rounded to the minor unit; a reported amount is
   * flagged so no comparison it takes part in is reported again.
   */
  function money(obj: Obj, key: string, path: Path): Amount | undefined {
    const raw = str(obj[key]);
    if (raw === undefined) return undefined;
    const units = round(parseFixed(raw));
    if (significantPlaces(raw) > minor) {
      add([...path, key], `${key} ${raw} has more decimals than ${currency} allows (${minor})`);
      return { units, flagged: true };
    }
    obj[key] = fmt(units);
    return { units, flagged: false };
  }
  /** True when a comparison may be reported: none of its amounts was already reported. */
  const reportable = (...values: (Amount | undefined)[]) => values.every((v) => v === undefined || !v.flagged);

  const sums: Record<RowKind, { excl: bigint; vat: bigint; present: boolean }> = {
    rows: { excl: 0n, vat: 0n, present: false },
    shippingRows: { excl: 0n, vat: 0n, present: false },
    feeRows: { excl: 0n, vat: 0n, present: false },
  };
  let exclSumReportable = true;
  let vatSumReportable = true;

  for (const kind of rowKinds) {
    const rows = doc[kind];
    if (!Array.isArray(rows)) continue;
    sums[kind].present = true;
    rows.forEach((row: Obj, i) => {
      const r = checkRow(row, [kind, i]);
      exclSumReportable &&= reportable(r.excl);
      vatSumReportable &&= reportable(r.vat);
      sums[kind].excl += r.excl.units;
      sums[kind].vat += r.vat.units;
    });
  }

  function checkRow(row: Obj, path: Path): { excl: Amount; vat: Amount } {
    const at = (key: string) => [...path, key];
    const q = parseFixed(row.quantity as string);
    const rateText = row.vatRatePercent as string;
    const rate = parseFixed(rateText);
    const exclText = str(row.pricePerUnitExclVat);
    const inclText = str(row.pricePerUnitInclVat);
    money(row, "discountExclVat", path);
    const vat = money(row, "vatAmount", path) ?? { units: 0n, flagged: false };
    const givenExcl = money(row, "totalExclVat", path);
    const givenIncl = money(row, "totalInclVat", path);
    const vatText = fmt(vat.units);

    if (exclText === undefined && inclText === undefined) {
      add(at("pricePerUnitExclVat"), "Send pricePerUnitExclVat, pricePerUnitInclVat or both");
      // Without a given total the row's sum is unknown: flagged, so the header is not blamed.
      return { excl: givenExcl ?? { units: 0n, flagged: true }, vat };
    }

    let computedExcl: bigint;
    if (exclText !== undefined) {
      const excl = parseFixed(exclText);
      if (inclText !== undefined) {
        // Unit prices may carry more decimals than the currency; round both to the minor unit and
        // allow one minor unit, since each system rounds its own unit price.
        const expected = roundQuotient(mulFixed(excl, addFixed(rate, HUNDRED)), HUNDRED, minor);
        if (exceedsOneMinor(round(parseFixed(inclText)), expected)) {
          add(
            at("pricePerUnitInclVat"),
            `pricePerUnitInclVat ${inclText} does not match pricePerUnitExclVat ${exclText} × (1 + vatRatePercent ${rateText} %) = ${fmt(expected)}`,
          );
        }
      }
      // One minor unit of tolerance: some systems compute a row's VAT from the rounded row total,
      // others sum VAT rounded per unit, or derive it as incl. − excl.; the results legitimately
      // differ by a rounding step. Anything larger is a real mismatch.
      const expectedVat = roundQuotient(mulFixed(q, excl, rate), HUNDRED, minor);
      if (reportable(vat) && exceedsOneMinor(vat.units, expectedVat)) {
        add(
          at("vatAmount"),
          `vatAmount ${vatText} does not match quantity ${row.quantity} × pricePerUnitExclVat ${exclText} × vatRatePercent ${rateText} % = ${fmt(expectedVat)}`,
        );
      }
      computedExcl = round(mulFixed(q, excl));
      if (givenExcl !== undefined && reportable(givenExcl) && givenExcl.units !== computedExcl) {
        add(
          at("totalExclVat"),
          `totalExclVat ${fmt(givenExcl.units)} does not match quantity ${row.quantity} × pricePerUnitExclVat ${exclText} = ${fmt(computedExcl)}`,
        );
      }
      const exclForIncl = givenExcl?.units ?? computedExcl;
      const computedIncl = exclForIncl + vat.units;
      if (givenIncl !== undefined && reportable(givenIncl, givenExcl, vat) && givenIncl.units !== computedIncl) {
        add(
          at("totalInclVat"),
          `totalInclVat ${fmt(givenIncl.units)} does not match totalExclVat ${fmt(exclForIncl)} + vatAmount ${vatText} = ${fmt(computedIncl)}`,
        );
      }
    } else {
      // Only the incl. price (typical for B2C shops): VAT is the VAT part of the incl. total.
      const incl = parseFixed(inclText as string);
      const inclTotal = round(mulFixed(q, incl));
      const expectedVat = roundQuotient(mulFixed(q, incl, rate), addFixed(rate, HUNDRED), minor);
      if (reportable(vat) && exceedsOneMinor(vat.units, expectedVat)) {
        add(
          at("vatAmount"),
          `vatAmount ${vatText} does not match quantity ${row.quantity} × pricePerUnitInclVat ${inclText} × vatRatePercent ${rateText} / (100 + ${rateText}) = ${fmt(expectedVat)}`,
        );
      }
      if (givenIncl !== undefined && reportable(givenIncl) && givenIncl.units !== inclTotal) {
        add(
          at("totalInclVat"),
          `totalInclVat ${fmt(givenIncl.units)} does not match quantity ${row.quantity} × pricePerUnitInclVat ${inclText} = ${fmt(inclTotal)}`,
        );
      }
      computedExcl = inclTotal - vat.units;
      if (givenExcl !== undefined && reportable(givenExcl, vat) && givenExcl.units !== computedExcl) {
        add(
          at("totalExclVat"),
          `totalExclVat ${fmt(givenExcl.units)} does not match quantity ${row.quantity} × pricePerUnitInclVat ${inclText} − vatAmount ${vatText} = ${fmt(computedExcl)}`,
        );
      }
    }
    // A wrong row total was reported on its row; sum the given one so the header is not blamed too.
    return { excl: givenExcl ?? { units: computedExcl, flagged: false }, vat };
  }

  const totals = doc.totals as Obj;
  const totalExcl = money(totals, "totalExclVat", ["totals"]);
  const totalVat = money(totals, "totalVat", ["totals"]);
  const totalIncl = money(totals, "totalInclVat", ["totals"]);
  const breakdown = (pick: (s: { excl: bigint; vat: bigint }) => bigint) =>
    rowKinds
      .filter((k) => sums[k].present)
      .map((k) => `${k} ${fmt(pick(sums[k]))}`)
      .join(" + ");
  const sumExcl = rowKinds.reduce((acc, k) => acc + sums[k].excl, 0n);
  const sumVat = rowKinds.reduce((acc, k) => acc + sums[k].vat, 0n);
  if (totalExcl && exclSumReportable && reportable(totalExcl) && totalExcl.units !== sumExcl) {
    add(
      ["totals", "totalExclVat"],
      `totalExclVat ${fmt(totalExcl.units)} does not match the sum of the row totals excl. VAT (${breakdown((s) => s.excl)}) = ${fmt(sumExcl)}`,
    );
  }
  if (totalVat && vatSumReportable && reportable(totalVat) && totalVat.units !== sumVat) {
    add(
      ["totals", "totalVat"],
      `totalVat ${fmt(totalVat.units)} does not match the sum of the rows' vatAmount (${breakdown((s) => s.vat)}) = ${fmt(sumVat)}`,
    );
  }
  if (totalExcl && totalVat && totalIncl && reportable(totalExcl, totalVat, totalIncl) && totalIncl.units !== totalExcl.units + totalVat.units) {
    add(
      ["totals", "totalInclVat"],
      `totalInclVat ${fmt(totalIncl.units)} does not match totalExclVat ${fmt(totalExcl.units)} + totalVat ${fmt(totalVat.units)} = ${fmt(totalExcl.units + totalVat.units)}`,
    );
  }

  if (Array.isArray(doc.payments)) doc.payments.forEach((p: Obj, i) => money(p, "amount", ["payments", i]));
}

export function checkOrder(data: Obj, add: AddIssue): void {
  checkMoneyDocument(data, add);
}

export function checkInvoice(data: Obj, add: AddIssue): void {
  checkMoneyDocument(data, add);
  const invoiceDate = str(data.invoiceDate);
  const dueDate = str(data.dueDate);
  // Compare the calendar dates as written: the issuer's local dates are what the terms refer to.
  if (invoiceDate && dueDate && dueDate.slice(0, 10) < invoiceDate.slice(0, 10)) {
    add(["dueDate"], `dueDate ${dueDate} is before invoiceDate ${invoiceDate}`);
  }
  const totals = data.totals as Obj | undefined;
  const incl = str(totals?.totalInclVat);
  if (data.creditOf && incl !== undefined && new Dec(incl).greaterThan(0)) {
    add(
      ["totals", "totalInclVat"],
      `A credit note (creditOf is set) has negative amounts: totalInclVat must be zero or negative, got ${incl}`,
    );
  }
}

export function checkProduct(data: Obj, add: AddIssue): void {
  const excl = str(data.priceExclVat);
  const incl = str(data.priceInclVat);
  const currency = str(data.currency);
  if ((excl !== undefined || incl !== undefined) && currency === undefined) {
    add(["currency"], "currency is required when priceExclVat or priceInclVat is set");
    return;
  }
  const minor = currency === undefined ? undefined : minorUnits(currency);
  if (excl !== undefined && incl !== undefined && minor !== undefined) {
    const rateText = data.vatRatePercent as string;
    const expected = roundTo(new Dec(excl).times(new Dec(rateText).dividedBy(100).plus(1)), minor);
    const oneMinor = new Dec(1).dividedBy(new Dec(10).pow(minor));
    if (roundTo(new Dec(incl), minor).minus(expected).abs().greaterThan(oneMinor)) {
      add(
        ["priceInclVat"],
        `priceInclVat ${incl} does not match priceExclVat ${excl} × (1 + vatRatePercent ${rateText} %) = ${formatFixed(expected, minor)}`,
      );
    }
  }
}
