import { describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/errors";
import { balancedOrder, simpleInvoice } from "@/lib/records/test-fixtures";
import {
  checkConditions,
  compileConditions,
  conditionSchema,
  formatFieldPath,
  operators,
  parseFieldPath,
  type Condition,
  type Match,
} from "./index";

const now = new Date("2025-04-10T12:00:00Z");

/** A realistic API-shaped order: data fields plus the common fields. */
function order(mutate: (o: Record<string, any>) => void = () => {}) {
  const o: Record<string, any> = {
    localId: "0123456789abcdef0123456789abcdef",
    source: { type: "connection", connectionType: "shopify", connectionId: "con_shop1", connectionName: "Shop SE", code: null },
    customData: { "shopify|gateway": "klarna", "x-erp|project": { code: "P-7" } },
    ...balancedOrder(),
  };
  mutate(o);
  return o;
}

const matches = (conditions: Condition[], record: Record<string, unknown> = order(), match: Match = "all") =>
  compileConditions(conditions, match, { recordType: "order" })(record, { now });
const one = (field: string, operator: Condition["operator"], value?: string | string[], record?: Record<string, unknown>) =>
  matches([{ field, operator, ...(value === undefined ? {} : { value }) }], record);

function issuesOf(input: unknown, recordType?: "order") {
  const r = checkConditions(input, { recordType });
  if (r.ok) throw new Error("expected issues");
  return Object.fromEntries(r.issues.map((i) => [i.path.join("."), i.message]));
}

describe("text operators", () => {
  it("equals / notEquals are exact and case-sensitive", () => {
    expect(one("orderStatus", "equals", "new")).toBe(true);
    expect(one("orderStatus", "equals", "New")).toBe(false);
    expect(one("orderStatus", "equals", "new ")).toBe(false);
    expect(one("orderStatus", "notEquals", "new")).toBe(false);
    expect(one("orderStatus", "notEquals", "completed")).toBe(true);
  });

  it("compares NFC: an NFD é equals an NFC é, both ways", () => {
    const nfd = "Cafe\u0301";
    const nfc = "Caf\u00e9";
    expect(nfd).not.toBe(nfc);
    const rec = order((o) => (o.customer.billingAddress.city = nfd));
    expect(one("customer.billingAddress.city", "equals", nfc, rec)).toBe(true);
    expect(one("customer.billingAddress.city", "contains", "é", rec)).toBe(true);
    expect(one("customer.billingAddress.city", "startsWith", "Caf\u00e9", rec)).toBe(true);
    expect(one("customer.billingAddress.name", "equals", "A\u030asa O\u0308berg")).toBe(true); // stored NFC, condition NFD
    expect(one("customer.billingAddress.city", "in", ["Lund", nfc], rec)).toBe(true);
  });

  it("in / notIn, contains / notContains, startsWith", () => {
    expect(one("customer.billingAddress.countryCode", "in", ["NO", "SE"])).toBe(true);
    expect(one("customer.billingAddress.countryCode", "in", ["NO", "DK"])).toBe(false);
    expect(one("customer.billingAddress.countryCode", "notIn", ["NO", "DK"])).toBe(true);
    expect(one("customer.email", "contains", "@example.")).toBe(true);
    expect(one("customer.email", "notContains", "@example.")).toBe(false);
    expect(one("orderNumber", "startsWith", "10")).toBe(true);
    expect(one("orderNumber", "startsWith", "01")).toBe(false);
  });

  it("matches compiles the regex once, with (?i) for case-insensitive", () => {
    expect(one("customer.email", "matches", "^[a-z]+@example\\.se$")).toBe(true);
    expect(one("customer.email", "matches", "^ASA@")).toBe(false);
    expect(one("customer.email", "matches", "(?i)^ASA@")).toBe(true);
    expect(one("customer.billingAddress.name", "matches", "^\\p{Lu}\\p{Ll}+ \\p{Lu}")).toBe(true);
  });
});

describe("numeric comparisons are exact decimals", () => {
  it("compares decimal strings, not floats or text", () => {
    const rec = order((o) => (o.totals.totalInclVat = "10.50"));
    expect(one("totals.totalInclVat", "greaterThan", "10.4", rec)).toBe(true); // as text "10.50" < "10.4"
    expect(one("totals.totalInclVat", "greaterThan", "10.5", rec)).toBe(false);
    expect(one("totals.totalInclVat", "greaterOrEqual", "10.500", rec)).toBe(true);
    expect(one("totals.totalInclVat", "lessThan", "9", rec)).toBe(false); // as text "10.50" < "9"
    expect(one("totals.totalInclVat", "lessOrEqual", "10.5", rec)).toBe(true);
  });

  it("is exact where floats are not: 0.1 + 0.2 and 18-digit amounts", () => {
    const rec = order((o) => ((o.totals.totalVat = "0.3"), (o.totals.totalExclVat = "123456789012345678.01")));
    expect(0.1 + 0.2 > 0.3).toBe(true);
    expect(one("totals.totalVat", "greaterThan", "0.3", rec)).toBe(false);
    expect(one("totals.totalVat", "lessOrEqual", "0.30000000000", rec)).toBe(true);
    expect(one("totals.totalExclVat", "greaterThan", "123456789012345678.009", rec)).toBe(true);
    expect(Number("123456789012345678.01") > Number("123456789012345678.009")).toBe(false); // floats cannot tell
  });

  it("handles negative amounts", () => {
    expect(one("feeRows[].pricePerUnitExclVat", "lessThan", "-39.99")).toBe(true); // the -40.00 discount row
    expect(one("feeRows[].pricePerUnitExclVat", "lessThan", "-40")).toBe(false);
    expect(one("feeRows[].vatAmount", "greaterOrEqual", "-10")).toBe(true);
  });

  it("a non-decimal field never matches a decimal comparison", () => {
    expect(one("orderStatus", "greaterThan", "0")).toBe(false);
    expect(one("totals.totalVat", "greaterThan", "0", order((o) => (o.totals.totalVat = "1e3")))).toBe(false);
  });

  it("refuses values that are neither decimals nor dates", () => {
    for (const value of ["1e3", "12,5", "+1", " 1", "abc", ""]) {
      const issues = issuesOf([{ field: "totals.totalInclVat", operator: "greaterThan", value }]);
      expect(issues["0.value"], value).toMatch(/compares decimals .* or ISO 8601 dates/);
    }
    expect(issuesOf([{ field: "totals.totalInclVat", operator: "lessThan", value: ["1"] }])["0.value"]).toMatch(/send a string/);
  });
});

describe("dates", () => {
  it("compares ISO dates as instants when both sides are dates", () => {
    // orderDate 2025-03-31T14:05:00+02:00 is 12:05 UTC
    expect(one("orderDate", "greaterThan", "2025-03-31T12:04:59Z")).toBe(true);
    expect(one("orderDate", "greaterThan", "2025-03-31T12:05:00Z")).toBe(false);
    expect(one("orderDate", "greaterOrEqual", "2025-03-31T14:05:00+02:00")).toBe(true);
    expect(one("orderDate", "lessThan", "2025-04-01")).toBe(true);
    expect(one("orderDate", "greaterThan", "2025-03-31")).toBe(true); // date only = midnight UTC
  });

  it("olderThanDays / newerThanDays measure the age against ctx.now", () => {
    // 2025-03-31T12:05Z to 2025-04-10T12:00Z is 9 days 23 h 55 min
    expect(one("orderDate", "olderThanDays", "9")).toBe(true);
    expect(one("orderDate", "olderThanDays", "10")).toBe(false);
    expect(one("orderDate", "newerThanDays", "10")).toBe(true);
    expect(one("orderDate", "newerThanDays", "9.5")).toBe(false);
    expect(one("orderDate", "olderThanDays", "9.99")).toBe(true);
    const later = compileConditions([{ field: "orderDate", operator: "olderThanDays", value: "10" }]);
    expect(later(order(), { now: new Date("2025-04-11T00:00:00Z") })).toBe(true);
    expect(one("payments[].paidAt", "newerThanDays", "30")).toBe(true);
    expect(one("orderStatus", "olderThanDays", "1")).toBe(false); // not a date
  });

  it("refuses a negative or non-decimal number of days", () => {
    expect(issuesOf([{ field: "orderDate", operator: "olderThanDays", value: "-1" }])["0.value"]).toMatch(/negative/);
    expect(issuesOf([{ field: "orderDate", operator: "olderThanDays", value: "ten" }])["0.value"]).toMatch(/number of days/);
  });
});

describe("emptiness and existence", () => {
  it("isEmpty / isNotEmpty: missing, null, empty text, empty list and empty object are empty", () => {
    expect(one("note", "isEmpty")).toBe(true); // missing
    expect(one("paymentMethod", "isEmpty")).toBe(false);
    for (const v of [null, "", [], {}]) expect(one("note", "isEmpty", undefined, order((o) => (o.note = v))), JSON.stringify(v)).toBe(true);
    expect(one("note", "isEmpty", undefined, order((o) => (o.note = " ")))).toBe(false); // whitespace is not trimmed
    expect(one("rows", "isNotEmpty")).toBe(true);
    expect(one("shipments", "isNotEmpty")).toBe(false);
  });

  it("exists / notExists: null counts as absent", () => {
    expect(one("paymentMethod", "exists")).toBe(true);
    expect(one("note", "exists")).toBe(false);
    expect(one("note", "notExists")).toBe(true);
    expect(one("paymentMethod", "notExists", undefined, order((o) => (o.paymentMethod = null)))).toBe(true);
    expect(one("paymentMethod", "exists", undefined, order((o) => (o.paymentMethod = "")))).toBe(true);
  });

  it("refuses a value where the operator takes none, and a missing one where it needs one", () => {
    expect(issuesOf([{ field: "note", operator: "isEmpty", value: "x" }])["0.value"]).toBe('isEmpty takes no value: remove "value"');
    expect(issuesOf([{ field: "note", operator: "equals" }])["0.value"]).toBe("equals needs a value");
    expect(issuesOf([{ field: "note", operator: "in", value: "SE" }])["0.value"]).toMatch(/needs a list/);
    expect(issuesOf([{ field: "note", operator: "in", value: [] }])["0.value"]).toMatch(/at least one/);
  });
});

describe("paths", () => {
  it("rows[] : positive operators match when ANY row matches, negated ones when NO row does", () => {
    expect(one("rows[].sku", "equals", "BOOK-1")).toBe(true);
    expect(one("rows[].sku", "equals", "NOPE")).toBe(false);
    expect(one("rows[].sku", "notEquals", "BOOK-1")).toBe(false); // one row is BOOK-1
    expect(one("rows[].sku", "notEquals", "NOPE")).toBe(true);
    expect(one("rows[].sku", "notIn", ["A", "B"])).toBe(true);
    expect(one("rows[].sku", "notContains", "-")).toBe(false);
    expect(one("rows[].vatRatePercent", "equals", "0")).toBe(true);
    expect(one("rows[].quantity", "greaterThan", "2.5")).toBe(true);
    expect(one("rows[].quantity", "greaterThan", "3")).toBe(false);
    expect(one("rows[].unit", "exists")).toBe(true); // only the coffee row has a unit
    expect(one("rows[].unit", "notExists")).toBe(false);
    expect(one("shipments[].rows[].sku", "equals", "X")).toBe(false);
    expect(one("shipments[].rows[].sku", "notEquals", "X")).toBe(true); // no values: nothing matches
    expect(one("rows.1.sku", "equals", "BOOK-1")).toBe(true);
  });

  it("reads customData keys with | and dots in the module id, and source fields", () => {
    expect(one("customData.shopify|gateway", "equals", "klarna")).toBe(true);
    expect(one("customData.x-erp|project.code", "equals", "P-7")).toBe(true);
    expect(one('customData["x-erp|project"].code', "equals", "P-7")).toBe(true);
    expect(one("source.connectionId", "equals", "con_shop1")).toBe(true);
    const dotted = order((o) => (o.customData["x-my.app|key"] = "v"));
    expect(one("customData.x-my.app|key", "equals", "v", dotted)).toBe(true);
  });

  it("missing paths: positive operators do not match, negated ones do", () => {
    const rec = order((o) => delete o.customer.shippingAddress);
    expect(one("customer.shippingAddress.countryCode", "equals", "SE", rec)).toBe(false);
    expect(one("customer.shippingAddress.countryCode", "notEquals", "SE", rec)).toBe(true);
    expect(one("customer.shippingAddress.countryCode", "notIn", ["SE"], rec)).toBe(true);
    expect(one("customData.x-none|k", "exists")).toBe(false);
  });

  it("never reads Object.prototype", () => {
    expect(parseFieldPath("constructor")).toEqual({ ok: false, problem: '"constructor" is not a field name' });
    expect(parseFieldPath("rows[].__proto__").ok).toBe(false);
    expect(one('customData["x-a|toString"]', "exists")).toBe(false);
  });

  it("parses and formats paths", () => {
    const parsed = parseFieldPath("rows[].sku");
    expect(parsed).toEqual({ ok: true, segments: [{ key: "rows", each: true }, { key: "sku", each: false }] });
    for (const p of ["customer.billingAddress.countryCode", "rows[].sku", "customData.x-my.app|key", 'customData["x-a|b.c"].d', "shipments[].rows[].sku", "rows.0.sku"]) {
      const r = parseFieldPath(p);
      if (!r.ok) throw new Error(r.problem);
      expect(formatFieldPath(r.segments)).toBe(p);
    }
  });

  it("refuses bad paths with the reason", () => {
    const problem = (p: string) => {
      const r = parseFieldPath(p);
      return r.ok ? "ok" : r.problem;
    };
    expect(problem("")).toMatch(/Enter a field path/);
    expect(problem("rows..sku")).toMatch(/Empty segment/);
    expect(problem("rows.")).toMatch(/ends with "."/);
    expect(problem("rows[0].sku")).toMatch(/Unexpected "0"|Expected "." or "\[\]"/);
    expect(problem("a b")).toMatch(/Expected "." or "\[\]"/);
    expect(problem("shopify|gateway")).toMatch(/only in customData keys/);
    expect(problem("customData.nobar")).toMatch(/moduleId\|key/);
    expect(problem("customData.a|b|c")).toMatch(/exactly one "\|"/);
    expect(problem("x".repeat(301))).toMatch(/at most 300/);
  });

  it("checks paths against the record type when one is given", () => {
    const issues = issuesOf(
      [
        { field: "orderStaus", operator: "equals", value: "new" },
        { field: "orderstatus", operator: "equals", value: "new" },
        { field: "rows.sku", operator: "equals", value: "A" },
        { field: "orderStatus[].x", operator: "exists" },
        { field: "orderStatus.x", operator: "exists" },
        { field: "customer.address.countryCode", operator: "equals", value: "SE" },
        { field: "customData.x-a|b.anything.below", operator: "exists" },
        { field: "source.connectionId", operator: "exists" },
      ],
      "order",
    );
    expect(issues["0.field"]).toBe('an order has no field "orderStaus"');
    expect(issues["1.field"]).toBe('an order has no field "orderstatus": did you mean "orderStatus"?');
    expect(issues["2.field"]).toBe("rows is a list: write rows[].sku to look at every item, or rows.0.sku for the first");
    expect(issues["3.field"]).toBe('orderStatus is not a list: remove "[]"');
    expect(issues["4.field"]).toBe('orderStatus is a single value and has no field "x"');
    expect(issues["5.field"]).toBe('customer has no field "address"');
    expect(issues["6.field"]).toBeUndefined();
    expect(issues["7.field"]).toBeUndefined();
    expect(checkConditions([{ field: "invoiceNumber", operator: "exists" }], { recordType: "invoice" }).ok).toBe(true);
    expect(compileConditions([{ field: "status", operator: "equals", value: "paid" }], "all", { recordType: "invoice" })(simpleInvoice(), { now })).toBe(false);
  });
});

describe("the condition schema", () => {
  it("refuses unknown operators, extra keys and wrong types with clear messages", () => {
    const bad = conditionSchema.safeParse({ field: "a", operator: "like", value: "x" });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0].message).toBe(`Unknown operator "like": use one of ${operators.join(", ")}`);
    const extra = conditionSchema.safeParse({ field: "a", operator: "equals", value: "x", caseInsensitive: true });
    expect(extra.error!.issues.map((i) => i.message)).toContain("Unknown field: a condition has field, operator and value");
    const num = conditionSchema.safeParse({ field: "totals.totalVat", operator: "greaterThan", value: 10 });
    expect(num.error!.issues[0].message).toMatch(/string/);
  });

  it("refuses regexes that do not compile, look catastrophic or are too long", () => {
    expect(issuesOf([{ field: "note", operator: "matches", value: "(unclosed" }])["0.value"]).toMatch(/^Not a valid regular expression/);
    expect(issuesOf([{ field: "note", operator: "matches", value: "^(a+)+$" }])["0.value"]).toMatch(/exponential/);
    expect(issuesOf([{ field: "note", operator: "matches", value: "(\\w*\\s?)*x" }])["0.value"]).toMatch(/exponential/);
    expect(issuesOf([{ field: "note", operator: "matches", value: "(?:[a-z]+,?){2,}" }])["0.value"]).toMatch(/exponential/);
    expect(issuesOf([{ field: "note", operator: "matches", value: "a".repeat(501) }])["0.value"]).toMatch(/at most 500/);
    // Safe patterns that look similar are accepted.
    for (const ok of ["^(\\d+)?$", "^(\\d+\\.){3}\\d+$", "^[(+]+$", "\\p{L}+", "^(?:SE|NO)-\\d{4,}$", "(?<year>\\d{4})-\\k<year>", "a{2}b*"]) {
      expect(checkConditions([{ field: "note", operator: "matches", value: ok }]).ok, ok).toBe(true);
    }
  });

  it("compileConditions throws a ValidationError with paths", () => {
    try {
      compileConditions([{ field: "a", operator: "equals", value: "x" }, { field: "", operator: "equals", value: "x" }] as Condition[], "some" as Match);
      throw new Error("expected a throw");
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).fieldErrors).toEqual({
        "conditions.1.field": ['Enter a field path, e.g. "orderStatus" or "rows[].sku"'],
        match: ['Use "all" (every condition must match) or "any" (at least one)'],
      });
    }
  });
});

describe("all / any", () => {
  const se: Condition = { field: "customer.billingAddress.countryCode", operator: "equals", value: "SE" };
  const no: Condition = { field: "customer.billingAddress.countryCode", operator: "equals", value: "NO" };
  const paid: Condition = { field: "paymentStatus", operator: "in", value: ["paid", "authorized"] };

  it("all needs every condition, any at least one, none always matches", () => {
    expect(matches([se, paid], order(), "all")).toBe(true);
    expect(matches([no, paid], order(), "all")).toBe(false);
    expect(matches([no, paid], order(), "any")).toBe(true);
    expect(matches([no, { ...paid, value: ["paid"] }], order(), "any")).toBe(false);
    expect(matches([], order(), "all")).toBe(true);
    expect(matches([], order(), "any")).toBe(true);
    expect(matches([no], order(), "any")).toBe(false);
  });

  it("does not mutate the record", () => {
    const rec = order((o) => (o.customer.billingAddress.city = "Cafe\u0301"));
    const copy = structuredClone(rec);
    matches([se, paid, { field: "customer.billingAddress.city", operator: "equals", value: "Café" }], rec);
    expect(rec).toEqual(copy);
  });
});

describe("decimalOf", () => {
  it("parses exactly like parseFixed, on the fast path and beyond 15 digits", async () => {
    const { decimalOf } = await import("./values");
    const { parseFixed } = await import("@/lib/money/fixed");
    for (const s of ["0", "-0", "-0.00", "12.50", "007.5", "-123456789012345", "123456789012345.6", "999999999999999999.999999999999", "0.000000000001", "-40.00"]) {
      expect(decimalOf(s), s).toEqual(parseFixed(s));
    }
    for (const s of ["1e3", "", "1.", ".5", "+1", "0x10", " 1"]) expect(decimalOf(s), s).toBeUndefined();
  });
});
