import { describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/errors";
import { compileChain, validateChain } from "./chain";
import { after, apiOrder, chainErrors, context, link, run } from "./test-helpers";

describe("running a chain", () => {
  it("runs links in order, each on the record the previous one left", async () => {
    const out = await after(
      [
        link("set-field", { field: "note", value: "A" }),
        link("set-field", { field: "note", value: "{{note}}B" }),
        link("map-values", { field: "note", table: { AB: "mapped" } }),
      ],
      apiOrder(),
    );
    expect(out.note).toBe("mapped");
  });

  it("skips disabled links and links whose conditions do not match, and says so per step", async () => {
    const res = await run(
      [
        link("set-field", { field: "note", value: "disabled" }, { enabled: false }),
        link("set-field", { field: "note", value: "norway" }, { conditions: [{ field: "customer.billingAddress.countryCode", operator: "equals", value: "NO" }] }),
        link("set-field", { field: "note", value: "sweden" }, { conditions: [{ field: "customer.billingAddress.countryCode", operator: "equals", value: "SE" }, { field: "rows[].sku", operator: "equals", value: "BOOK-1" }] }),
        link("set-field", { field: "note", value: "sweden" }),
      ],
      apiOrder(),
    );
    expect(res.outcome).toBe("ok");
    expect(res.outcome === "ok" && res.record.note).toBe("sweden");
    expect(res.steps).toEqual([
      { key: "set-field", matched: false, changed: false },
      { key: "set-field", matched: false, changed: false },
      { key: "set-field", matched: true, changed: true },
      { key: "set-field", matched: true, changed: false },
    ]);
  });

  it("evaluates conditions on the record as the previous links left it, with any", async () => {
    const out = await after(
      [
        link("set-field", { field: "paymentMethod", value: "invoice" }),
        link("add-fee-row", { name: "Invoice fee", amount: "29", vatRatePercent: "25" }, { match: "any", conditions: [{ field: "paymentMethod", operator: "equals", value: "invoice" }, { field: "orderStatus", operator: "equals", value: "x" }] }),
      ],
      apiOrder(),
    );
    expect(out.feeRows).toHaveLength(3);
  });

  it("stops at ignore and fail; nothing done before is kept", async () => {
    const res = await run([link("set-field", { field: "note", value: "changed" }), link("fail", { message: "stop" }), link("set-field", { field: "note", value: "never" })], apiOrder());
    expect(res).toEqual({
      outcome: "fail",
      message: "stop",
      steps: [
        { key: "set-field", matched: true, changed: true },
        { key: "fail", matched: true, changed: false, error: "stop" },
      ],
    });
  });

  it("names the step of an error and never mutates the input record", async () => {
    const input = apiOrder();
    const copy = structuredClone(input);
    const res = await run(
      [link("set-field", { field: "note", value: "x" }), link("adjust-prices", { percent: "10" }), link("round-prices", {}), link("strip-html", { fields: ["note"] }), link("expression", { expression: '{"rows": rows ~> |$|{"sku": "X"}|}' })],
      input,
    );
    expect(res.outcome).toBe("ok");
    expect(input).toEqual(copy);
    const failing = await run([link("set-field", { field: "note", value: "x" }), link("expression", { expression: "$undefinedFn()" })], input);
    expect(failing.outcome === "fail" && failing.message).toMatch(/^Step 2 \(expression\): /);
    expect(input).toEqual(copy);
  });

  it("returns a copy that shares nothing with the input", async () => {
    const input = apiOrder();
    const res = await run([], input);
    expect(res.outcome === "ok" && res.record).toEqual(input);
    expect(res.outcome === "ok" && res.record).not.toBe(input);
    if (res.outcome === "ok") (res.record as any).rows[0].sku = "mutated";
    expect(input.rows[0].sku).toBe("SHIRT-M");
  });

  it("fails a record that is not an object, and refuses to run after dispose", async () => {
    const chain = compileChain([], { recordType: "order", direction: "import" });
    expect(await chain.run([] as unknown as Record<string, unknown>, context())).toMatchObject({ outcome: "fail", message: "The record is not a JSON object" });
    chain.dispose();
    chain.dispose(); // twice is fine
    await expect(chain.run(apiOrder(), context())).rejects.toThrow(/disposed/);
  });
});

describe("validating a chain", () => {
  it("reports every problem with its path, at once", () => {
    const errors = chainErrors([
      link("set-field", { field: "note", value: "ok" }),
      link("no-such-thing"),
      link("expression", { expression: "$x := (" }),
      link("script", { source: "return {" }),
      link("set-field", { field: "note", value: "x" }, { conditions: [{ field: "orderStatus", operator: "like" as never, value: "x" }, { field: "rows.sku", operator: "equals", value: "x" }] }),
      link("round-prices", { step: "0" }),
      { key: "ignore", enabled: "yes", settings: {}, conditions: [], match: "all", extra: 1 },
      link("set-field", { field: "note", value: "x" }, { match: "most" as never }),
      link("replace-in-sku", { search: "(x+)*y" }),
    ]);
    expect(errors["1.key"][0]).toMatch(/^Unknown manipulator "no-such-thing": use one of set-field, /);
    expect(errors["2.settings.expression"][0]).toMatch(/at character/);
    expect(errors["3.settings.source"][0]).toMatch(/^The script does not compile: /);
    expect(errors["4.conditions.0.operator"][0]).toMatch(/^Unknown operator "like"/);
    expect(errors["5.settings.step"]).toEqual(["Must be more than 0"]);
    expect(errors["6.enabled"]).toEqual(["Expected true or false"]);
    expect(errors["6"]).toEqual(["Unknown field: a link has key, enabled, settings, conditions and match"]);
    expect(errors["7.match"][0]).toMatch(/all/);
    expect(errors["8.settings.search"][0]).toMatch(/exponential/);
    expect(Object.keys(errors).some((k) => k.startsWith("0."))).toBe(false);
    const conditions = chainErrors([link("set-field", { field: "note", value: "x" }, { conditions: [{ field: "rows.sku", operator: "equals", value: "x" }] })]);
    expect(conditions["0.conditions.0.field"][0]).toMatch(/rows is a list/);
  });

  it("returns the links with their settings' defaults", () => {
    const links = validateChain([link("round-prices"), link("script", { source: "record.note = 'x'" })], { recordType: "order", direction: "import" });
    expect(links[0].settings).toEqual({ step: "1", mode: "nearest", prices: "inclVat", rowKinds: ["rows"] });
    expect(links[1].settings).toEqual({ source: "record.note = 'x'", timeoutMs: 50, memoryMb: 32 });
  });

  it("throws ValidationError for a body that is not a list, or too long", () => {
    expect(() => validateChain({}, { recordType: "order", direction: "import" })).toThrow(ValidationError);
    expect(chainErrors({})).toEqual({ _form: ["Expected a list of links"] });
    expect(chainErrors(Array.from({ length: 51 }, () => link("ignore")))).toEqual({ _form: ["At most 50 links in one chain"] });
  });
});

describe("expression (JSONata)", () => {
  it("patch mode merges the result; null clears; no result changes nothing", async () => {
    const out = await after(
      [link("expression", { expression: '{"note": "Order " & orderNumber & " via " & $context.connection.name, "customer": {"phone": "+46"}, "paymentMethod": null}' })],
      apiOrder(),
    );
    expect(out.note).toBe("Order 1001 via Shop SE");
    expect(out.customer.phone).toBe("+46");
    expect(out.customer.email).toBe("asa@example.se"); // merged, not replaced
    expect(out.paymentMethod).toBeNull();
    const res = await run([link("expression", { expression: 'orderStatus = "x" ? {"note": "y"}' })], apiOrder());
    expect(res.outcome === "ok" && res.steps[0].changed).toBe(false);
  });

  it("record mode replaces the record", async () => {
    const out = await after([link("expression", { expression: '$ ~> |rows|{"sku": $lowercase(sku)}|', mode: "record" })], apiOrder());
    expect(out.rows.map((r: any) => r.sku)).toEqual(["shirt-m", "book-1", "coffee", "gift"]);
    const bad = await run([link("expression", { expression: "rows", mode: "record" })], apiOrder());
    expect(bad.outcome === "fail" && bad.message).toBe("Step 1 (expression): The expression must give the record (an object), not a list");
  });

  it("refuses numbers in the result (records carry numbers as strings)", async () => {
    const res = await run([link("expression", { expression: '{"note": $count(rows)}' })], apiOrder());
    expect(res.outcome === "fail" && res.message).toBe('Step 1 (expression): The result has a number at note (4): records carry numbers as strings, e.g. "4"');
    const ok = await after([link("expression", { expression: '{"note": $string($count(rows))}' })], apiOrder());
    expect(ok.note).toBe("4");
  });

  it("stops runaway expressions for that record only", async () => {
    const loop = await run([link("expression", { expression: "($f := function($n){ $f($n + 1) }; $f(0))", timeoutMs: 50 })], apiOrder());
    expect(loop.outcome === "fail" && loop.message).toMatch(/^Step 1 \(expression\): (Evaluation timeout|Stack overflow)/);
    const big = await run([link("expression", { expression: '{"note": $string($count([1..10000000]))}' })], apiOrder());
    expect(big.outcome === "fail" && big.message).toMatch(/sequence/i);
    const evil = await run([link("expression", { expression: '{"note": $string($eval("$match(\\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaab\\", /(a+)+$/)"))}' })], apiOrder());
    expect(evil.outcome === "fail" && evil.message).toMatch(/exponential/);
    expect(chainErrors([link("expression", { expression: '$match(note, /(a*)*b/)' })])["0.settings.expression"][0]).toMatch(/exponential/);
  });

  it("cannot reach the host or pollute prototypes", async () => {
    // $type of a reachable constructor would be "function"; JSONata hides inherited properties.
    const types = await after([link("expression", { expression: '{"note": $type($.constructor) & "/" & $type({}.constructor) & "/" & $type(rows.constructor)}' })], apiOrder());
    expect(types.note).toBe("//");
    const proto = await run([link("expression", { expression: '{"__proto__": {"polluted": "yes"}}' })], apiOrder());
    expect(proto.outcome === "fail" && proto.message).toBe('Step 1 (expression): The result has a "__proto__" key at __proto__, which records cannot carry');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
