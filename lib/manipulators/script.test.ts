import { afterAll, describe, expect, it } from "vitest";
import { compileChain } from "./chain";
import type { CompiledChain } from "./types";
import { apiOrder, chainErrors, context, link } from "./test-helpers";

/** One compiled chain per script, reused across records as the pipelines do. */
const chains: CompiledChain[] = [];
function chainOf(source: string, settings: Record<string, unknown> = {}) {
  const chain = compileChain([link("script", { source, ...settings })], { recordType: "order", direction: "import" });
  chains.push(chain);
  return chain;
}
afterAll(() => chains.forEach((c) => c.dispose()));

async function outcome(source: string, settings: Record<string, unknown> = {}, record = apiOrder()) {
  return chainOf(source, settings).run(record, context());
}
const message = (r: Awaited<ReturnType<typeof outcome>>) => (r.outcome === "fail" ? r.message : r.outcome === "ignore" ? `ignored: ${r.reason}` : "ok");

describe("the script contract", () => {
  it("changes record in place, or returns a new record", async () => {
    const inPlace = await outcome(`record.note = "Order " + record.orderNumber + " for " + context.connection.name + " at " + context.now;`);
    expect(inPlace.outcome === "ok" && inPlace.record.note).toBe("Order 1001 for Shop SE at 2025-04-10T12:00:00.000Z");
    const returned = await outcome(`return { ...record, rows: record.rows.filter((r) => r.sku !== "GIFT") };`);
    expect(returned.outcome === "ok" && (returned.record.rows as unknown[]).length).toBe(3);
    const unchanged = await outcome(`const x = record.orderNumber;`);
    expect(unchanged.outcome === "ok" && unchanged.steps[0]).toEqual({ key: "script", matched: true, changed: false });
  });

  it("ignore() and fail() stop the record with the script's words", async () => {
    expect(message(await outcome(`if (record.customer.email.endsWith("@example.se")) ignore("Test customer");`))).toBe("ignored: Test customer");
    expect(message(await outcome(`fail("No customs number for " + record.customer.billingAddress.countryCode);`))).toBe("No customs number for SE");
  });

  it("a thrown error becomes the record's fail message, naming the step and line", async () => {
    expect(message(await outcome(`throw new Error("bad sku " + record.rows[0].sku);`))).toBe("Step 1 (script): bad sku SHIRT-M (line 1)");
    expect(message(await outcome(`\nconst y = 1;\nx.y = y;`))).toBe("Step 1 (script): 'x' is not defined (line 3)");
    expect(message(await outcome(`throw "plain text";`))).toBe("Step 1 (script): plain text");
  });

  it("refuses results a record cannot carry", async () => {
    expect(message(await outcome(`record.rows[0].quantity = 3;`))).toBe('Step 1 (script): The result has a number at rows.0.quantity (3): records carry numbers as strings, e.g. "3"');
    expect(message(await outcome(`return [record];`))).toBe("Step 1 (script): The script must return the record (an object) or nothing, not a list");
    expect(message(await outcome(`record.self = record;`))).toMatch(/^Step 1 \(script\): The record the script left cannot be turned into JSON/);
  });

  it("refuses scripts that do not compile or try to leave their function", () => {
    expect(chainErrors([link("script", { source: "return {" })])["0.settings.source"][0]).toMatch(/^The script does not compile/);
    expect(chainErrors([link("script", { source: "}); let leak = []; (function(){" })])["0.settings.source"][0]).toMatch(/^The script does not compile/);
    expect(chainErrors([link("script", { source: "x", timeoutMs: 5000, memoryMb: 1 })])).toEqual({ "0.settings.timeoutMs": ["At most 1000 ms"], "0.settings.memoryMb": ["At least 8 MB"] });
  });
});

describe("the sandbox", () => {
  it("has no way to the host: no process, require, fetch, fs, timers or console", async () => {
    const r = await outcome(`record.note = [typeof process, typeof require, typeof fetch, typeof setTimeout, typeof setInterval, typeof console, typeof Buffer, typeof globalThis.std, typeof globalThis.os].join(",");`);
    expect(r.outcome === "ok" && r.record.note).toBe("undefined,undefined,undefined,undefined,undefined,undefined,undefined,undefined,undefined");
    expect(message(await outcome(`globalThis.constructor.constructor("return process")();`))).toBe("Step 1 (script): 'process' is not defined (line 1)");
    const viaFunction = await outcome(`record.note = String(Function("return typeof require + typeof process")());`);
    expect(viaFunction.outcome === "ok" && viaFunction.record.note).toBe("undefinedundefined");
  });

  it("stops an infinite loop at the time limit, and the chain keeps working", async () => {
    const chain = chainOf(`if (record.orderNumber === "loop") { while (true) {} } record.note = "done";`, { timeoutMs: 50 });
    const started = Date.now();
    const stuck = await chain.run(apiOrder((o) => (o.orderNumber = "loop")), context());
    expect(message(stuck)).toBe("Step 1 (script): The script ran longer than its limit of 50 ms and was stopped");
    expect(Date.now() - started).toBeLessThan(5000);
    const next = await chain.run(apiOrder(), context());
    expect(next.outcome === "ok" && next.record.note).toBe("done");
  });

  it("a running script never blocks the host's event loop, and records sent at once take turns", async () => {
    const chain = chainOf(`if (record.orderNumber === "loop") { while (true) {} } record.note = "seen " + record.orderNumber;`, { timeoutMs: 200 });
    await chain.run(apiOrder(), context()); // the worker is up
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    try {
      const stuckRun = chain.run(apiOrder((o) => (o.orderNumber = "loop")), context());
      const afterRun = chain.run(apiOrder(), context());
      const stuck = await stuckRun;
      // Other work (other requests, other runs) went on while the script spun.
      expect(ticks).toBeGreaterThan(0);
      expect(stuck.outcome).toBe("fail");
      const after = await afterRun;
      expect(after.outcome === "ok" && after.record.note).toBe("seen 1001");
    } finally {
      clearInterval(timer);
    }
  });

  it("records handed over at once take turns in the sandbox, each getting its own answer", async () => {
    const chain = chainOf(`record.note = "n" + record.orderNumber;`);
    const numbers = Array.from({ length: 40 }, (_, i) => String(2000 + i));
    const results = await Promise.all(numbers.map((n) => chain.run(apiOrder((o) => (o.orderNumber = n)), context())));
    expect(results.map((r) => r.outcome === "ok" && r.record.note)).toEqual(numbers.map((n) => `n${n}`));
  });

  it("stops a loop around a slow built-in that never reaches an interrupt check (hard stop of the worker)", async () => {
    const chain = chainOf(`if (record.orderNumber === "slow") { while (true) { "x".repeat(2e6); } } record.note = "done";`, { timeoutMs: 50 });
    const started = Date.now();
    const stuck = await chain.run(apiOrder((o) => (o.orderNumber = "slow")), context());
    expect(message(stuck)).toBe("Step 1 (script): The script ran longer than its limit of 50 ms and was stopped");
    expect(Date.now() - started).toBeLessThan(5000);
    const next = await chain.run(apiOrder(), context());
    expect(next.outcome === "ok" && next.record.note).toBe("done");
  });

  it("stops memory bombs at the memory limit (large strings and many objects), and the chain keeps working", async () => {
    const chain = chainOf(
      `if (record.orderNumber === "strings") { const a = []; while (true) a.push("y".repeat(1e6) + a.length); }
       if (record.orderNumber === "objects") { const a = []; while (true) a.push({ n: a.length, list: [1, 2, 3] }); }
       if (record.orderNumber === "typed") { const a = []; while (true) a.push(new Uint8Array(4e6)); }
       record.note = "done";`,
      { timeoutMs: 1000, memoryMb: 16 },
    );
    for (const kind of ["strings", "objects", "typed"]) {
      const r = await chain.run(apiOrder((o) => (o.orderNumber = kind)), context());
      expect(message(r), kind).toBe("Step 1 (script): The script used more than its limit of 16 MB of memory and was stopped");
      const next = await chain.run(apiOrder(), context());
      expect(next.outcome === "ok" && next.record.note, kind).toBe("done");
    }
  });

  it("stops runaway recursion", async () => {
    expect(message(await outcome(`function f(n) { return f(n + 1) + 1; } f(0);`))).toBe("Step 1 (script): The script recursed too deeply (stack overflow) and was stopped");
  });

  it("prototype pollution reaches neither the host nor the next record", async () => {
    const chain = chainOf(`
      if (record.orderNumber === "pollute") { Object.prototype.polluted = 1; }
      if (record.orderNumber === "proto") { return JSON.parse('{"__proto__": {"polluted": 1}, "orderNumber": "x"}'); }
      record.note = String(({}).polluted);`);
    expect(message(await chain.run(apiOrder((o) => (o.orderNumber = "pollute")), context()))).toBe("Step 1 (script): object is not extensible (line 2)");
    expect(message(await chain.run(apiOrder((o) => (o.orderNumber = "proto")), context()))).toBe('Step 1 (script): The result has a "__proto__" key at __proto__, which records cannot carry');
    const clean = await chain.run(apiOrder(), context());
    expect(clean.outcome === "ok" && clean.record.note).toBe("undefined");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
  });

  it("keeps no state from one record to the next", async () => {
    const chain = chainOf(`
      try { globalThis.count = (globalThis.count || 0) + 1; } catch (e) { record.note = "global: " + e.message; return; }
      record.note = "leaked";`);
    for (let i = 0; i < 3; i++) {
      const r = await chain.run(apiOrder(), context());
      expect(r.outcome === "ok" && r.record.note).toBe("global: object is not extensible");
    }
    const arrays = chainOf(`try { Array.prototype.push = () => 0; } catch (e) { record.note = e.constructor.name; }`);
    const r = await arrays.run(apiOrder(), context());
    expect(r.outcome === "ok" && r.record.note).toBe("TypeError");
  });

  it("runs many records through one sandbox", async () => {
    const chain = chainOf(`for (const r of record.rows) r.sku = r.sku.toLowerCase(); record.orderNumber = "W-" + record.orderNumber;`);
    for (let i = 0; i < 200; i++) {
      const r = await chain.run(apiOrder((o) => (o.orderNumber = String(i))), context());
      expect(r.outcome === "ok" && r.record.orderNumber).toBe(`W-${i}`);
    }
  });
});
