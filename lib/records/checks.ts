/**
 * Cross-field checks that run after the shape is valid: money amounts fit the currency's minor
 * unit, rows / VAT / totals add up, dates are in order, credit notes are negative, a product's
 * prices have a currency.
 *
 * All arithmetic uses the Dec clone (lib/money/decimal.ts). Computed values are rounded to the
 * currency's minor unit **half away from zero** (2.125 → 2.13, -2.125 → -2.13) before they are
 * compared, and compared exactly, with two documented tolerances of one minor unit (per-row VAT,
 * incl. vs excl. unit price).
 */
import type { z } from "zod";
import { ValidationError, type FieldErrors } from "@/lib/errors";
import { minorUnits } from "@/lib/money/currencies";
import { Dec, formatFixed, roundTo } from "@/lib/money/decimal";

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

/**
 * Orders and invoices. Mutates `doc`: money amounts (not unit prices) are rewritten with exactly
 * the currency's minor-unit decimals ("12.5" SEK → "12.50", "100.00" JPY → "100").
 */
export function checkMoneyDocument(doc: Obj, add: AddIssue): void {
  const currency = str(doc.currency) ?? "";
  const known = minorUnits(currency);
  if (known === undefined) return; // the schema reported the currency
  const minor: number = known;
  const oneMinor = new Dec(1).dividedBy(new Dec(10).pow(minor));
  const fmt = (d: Dec) => formatFixed(d, minor);
  const round = (d: Dec) => roundTo(d, minor);

  /**
   * Reads a money amount, reports it when it has more decimals than the currency allows and
   * normalises it in place. Returns the amount rounded to the minor unit; a reported amount is
   * remembered as `flagged` so no comparison it takes part in is reported again (one wrong
   * decimal, one issue).
   */
  const flagged = new WeakSet<Dec>();
  function money(obj: Obj, key: string, path: Path): Dec | undefined {
    const raw = str(obj[key]);
    if (raw === undefined) return undefined;
    const value = new Dec(raw);
    const rounded = round(value);
    if (value.decimalPlaces() > minor) {
      add([...path, key], `${key} ${raw} has more decimals than ${currency} allows (${minor})`);
      flagged.add(rounded);
    } else {
      obj[key] = fmt(value);
    }
    return rounded;
  }
  /** True when a comparison may be reported: none of its amounts was already reported. */
  const reportable = (...values: (Dec | undefined)[]) => values.every((v) => v === undefined || !flagged.has(v));

  const sums: Record<RowKind, { excl: Dec; vat: Dec; present: boolean }> = {
    rows: { excl: new Dec(0), vat: new Dec(0), present: false },
    shippingRows: { excl: new Dec(0), vat: new Dec(0), present: false },
    feeRows: { excl: new Dec(0), vat: new Dec(0), present: false },
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
      sums[kind].excl = sums[kind].excl.plus(r.excl);
      sums[kind].vat = sums[kind].vat.plus(r.vat);
    });
  }

  function checkRow(row: Obj, path: Path): { excl: Dec; vat: Dec } {
    const at = (key: string) => [...path, key];
    const q = new Dec(row.quantity as string);
    const rate = new Dec(row.vatRatePercent as string);
    const rateText = row.vatRatePercent as string;
    const exclText = str(row.pricePerUnitExclVat);
    const inclText = str(row.pricePerUnitInclVat);
    money(row, "discountExclVat", path);
    const vat = money(row, "vatAmount", path) ?? new Dec(0);
    const givenExcl = money(row, "totalExclVat", path);
    const givenIncl = money(row, "totalInclVat", path);
    const vatText = fmt(vat);

    if (exclText === undefined && inclText === undefined) {
      add(at("pricePerUnitExclVat"), "Send pricePerUnitExclVat, pricePerUnitInclVat or both");
      const unknown = givenExcl ?? new Dec(0);
      if (givenExcl === undefined) flagged.add(unknown); // the sum is unknown: do not blame the header
      return { excl: unknown, vat };
    }

    let computedExcl: Dec;
    if (exclText !== undefined) {
      const excl = new Dec(exclText);
      if (inclText !== undefined) {
        // Unit prices may carry more decimals than the currency; round both to the minor unit and
        // allow one minor unit, since each system rounds its own unit price.
        const expected = round(excl.times(rate.dividedBy(100).plus(1)));
        if (round(new Dec(inclText)).minus(expected).abs().greaterThan(oneMinor)) {
          add(
            at("pricePerUnitInclVat"),
            `pricePerUnitInclVat ${inclText} does not match pricePerUnitExclVat ${exclText} × (1 + vatRatePercent ${rateText} %) = ${fmt(expected)}`,
          );
        }
      }
      // One minor unit of tolerance: some systems compute a row's VAT from the rounded row total,
      // others sum VAT rounded per unit, or derive it as incl. − excl.; the results legitimately
      // differ by a rounding step. Anything larger is a real mismatch.
      const expectedVat = round(q.times(excl).times(rate).dividedBy(100));
      if (reportable(vat) && vat.minus(expectedVat).abs().greaterThan(oneMinor)) {
        add(
          at("vatAmount"),
          `vatAmount ${vatText} does not match quantity ${row.quantity} × pricePerUnitExclVat ${exclText} × vatRatePercent ${rateText} % = ${fmt(expectedVat)}`,
        );
      }
      computedExcl = round(q.times(excl));
      if (givenExcl !== undefined && reportable(givenExcl) && !givenExcl.equals(computedExcl)) {
        add(
          at("totalExclVat"),
          `totalExclVat ${fmt(givenExcl)} does not match quantity ${row.quantity} × pricePerUnitExclVat ${exclText} = ${fmt(computedExcl)}`,
        );
      }
      const exclForIncl = givenExcl ?? computedExcl;
      const computedIncl = exclForIncl.plus(vat);
      if (givenIncl !== undefined && reportable(givenIncl, givenExcl, vat) && !givenIncl.equals(computedIncl)) {
        add(
          at("totalInclVat"),
          `totalInclVat ${fmt(givenIncl)} does not match totalExclVat ${fmt(exclForIncl)} + vatAmount ${vatText} = ${fmt(computedIncl)}`,
        );
      }
    } else {
      // Only the incl. price (typical for B2C shops): VAT is the VAT part of the incl. total.
      const incl = new Dec(inclText as string);
      const inclTotal = round(q.times(incl));
      const expectedVat = round(q.times(incl).times(rate).dividedBy(rate.plus(100)));
      if (reportable(vat) && vat.minus(expectedVat).abs().greaterThan(oneMinor)) {
        add(
          at("vatAmount"),
          `vatAmount ${vatText} does not match quantity ${row.quantity} × pricePerUnitInclVat ${inclText} × vatRatePercent ${rateText} / (100 + ${rateText}) = ${fmt(expectedVat)}`,
        );
      }
      if (givenIncl !== undefined && reportable(givenIncl) && !givenIncl.equals(inclTotal)) {
        add(
          at("totalInclVat"),
          `totalInclVat ${fmt(givenIncl)} does not match quantity ${row.quantity} × pricePerUnitInclVat ${inclText} = ${fmt(inclTotal)}`,
        );
      }
      computedExcl = inclTotal.minus(vat);
      if (givenExcl !== undefined && reportable(givenExcl, vat) && !givenExcl.equals(computedExcl)) {
        add(
          at("totalExclVat"),
          `totalExclVat ${fmt(givenExcl)} does not match quantity ${row.quantity} × pricePerUnitInclVat ${inclText} − vatAmount ${vatText} = ${fmt(computedExcl)}`,
        );
      }
    }
    // A wrong row total was reported on its row; sum the given one so the header is not blamed too.
    return { excl: givenExcl ?? computedExcl, vat };
  }

  const totals = doc.totals as Obj;
  const totalExcl = money(totals, "totalExclVat", ["totals"]);
  const totalVat = money(totals, "totalVat", ["totals"]);
  const totalIncl = money(totals, "totalInclVat", ["totals"]);
  const breakdown = (pick: (s: { excl: Dec; vat: Dec }) => Dec) =>
    rowKinds
      .filter((k) => sums[k].present)
      .map((k) => `${k} ${fmt(pick(sums[k]))}`)
      .join(" + ");
  const sumExcl = rowKinds.reduce((acc, k) => acc.plus(sums[k].excl), new Dec(0));
  const sumVat = rowKinds.reduce((acc, k) => acc.plus(sums[k].vat), new Dec(0));
  if (totalExcl && exclSumReportable && reportable(totalExcl) && !totalExcl.equals(sumExcl)) {
    add(
      ["totals", "totalExclVat"],
      `totalExclVat ${fmt(totalExcl)} does not match the sum of the row totals excl. VAT (${breakdown((s) => s.excl)}) = ${fmt(sumExcl)}`,
    );
  }
  if (totalVat && vatSumReportable && reportable(totalVat) && !totalVat.equals(sumVat)) {
    add(
      ["totals", "totalVat"],
      `totalVat ${fmt(totalVat)} does not match the sum of the rows' vatAmount (${breakdown((s) => s.vat)}) = ${fmt(sumVat)}`,
    );
  }
  if (totalExcl && totalVat && totalIncl && reportable(totalExcl, totalVat, totalIncl) && !totalIncl.equals(totalExcl.plus(totalVat))) {
    add(
      ["totals", "totalInclVat"],
      `totalInclVat ${fmt(totalIncl)} does not match totalExclVat ${fmt(totalExcl)} + totalVat ${fmt(totalVat)} = ${fmt(totalExcl.plus(totalVat))}`,
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
