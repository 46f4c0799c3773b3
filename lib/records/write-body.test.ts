import { describe, expect, it } from "vitest";
import { customDataSchema, splitWriteBody, userCustomDataSchema } from "./index";
import { fieldErrorsOf } from "./test-fixtures";

describe("splitWriteBody", () => {
  it("takes the common writable fields, drops read-only ones and keeps everything else as data", () => {
    const body = {
      localId: "0123456789abcdef0123456789abcdef",
      href: "/api/order/0123456789abcdef0123456789abcdef",
      remoteIdMap: { con_1: "9" },
      remoteRefMap: { con_1: "#9" },
      created: "2025-01-01T00:00:00.000Z",
      lastModified: "2025-01-01T00:00:00.000Z",
      lastModifiedBy: "user/anna",
      remoteId: "9",
      remoteRef: "#9",
      source: { type: "connection", connectionId: "con_1", code: "webshop-se" },
      customData: { "x-acme|colour": "red" },
      orderNumber: "1001",
      rows: [],
    };
    expect(splitWriteBody(body)).toEqual({
      remoteId: "9",
      remoteRef: "#9",
      sourceCode: "webshop-se",
      customData: { "x-acme|colour": "red" },
      data: { orderNumber: "1001", rows: [] },
    });
  });

  it("leaves absent fields absent and keeps nulls (clear)", () => {
    expect(splitWriteBody({ sku: "A" })).toEqual({ data: { sku: "A" } });
    expect(splitWriteBody({ remoteId: null, remoteRef: null, source: { code: null }, customData: null, title: null })).toEqual({
      remoteId: null,
      remoteRef: null,
      sourceCode: null,
      customData: null,
      data: { title: null },
    });
    expect(splitWriteBody({ source: { type: "user" } })).toEqual({ data: {} });
    expect(splitWriteBody({ source: null })).toEqual({ data: {} });
  });

  it("validates the common fields, all problems at once", () => {
    expect(
      fieldErrorsOf(() =>
        splitWriteBody({ remoteId: 123, remoteRef: "  ", source: { code: ["a"] }, customData: { "colour": "red", "x-a|b": "ok" } }),
      ),
    ).toEqual({
      remoteId: ['Send numbers as strings, e.g. "123"'],
      remoteRef: ["Must not be empty (send null to clear)"],
      "source.code": ["Expected a string or null"],
      "customData.colour": ['Keys are "moduleId|key" with exactly one "|" (found 0), e.g. "x-myapp|color"'],
    });
    expect(fieldErrorsOf(() => splitWriteBody({ source: "webshop" }))).toEqual({
      source: ['Expected an object; only source.code is writable, e.g. { "code": "webshop-se" }'],
    });
  });

  it("refuses a body that is not an object", () => {
    for (const body of [null, [], "x", 5]) {
      expect(fieldErrorsOf(() => splitWriteBody(body))).toEqual({ _form: ["Expected a JSON object with the record's fields"] });
    }
  });

  it("keeps a __proto__ key as an own data property, never as a prototype", () => {
    const { data } = splitWriteBody(JSON.parse('{"__proto__": {"x": 1}, "sku": "A"}'));
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect(Object.keys(data)).toEqual(["__proto__", "sku"]);
  });

  it("can restrict customData to user modules", () => {
    expect(fieldErrorsOf(() => splitWriteBody({ customData: { "autoInvoice|rule": "1" } }, { customData: "user" }))).toEqual({
      "customData.autoInvoice|rule": ['Module id "autoInvoice" is reserved for the platform: user module ids start with "x-", e.g. "x-autoInvoice"'],
    });
    expect(splitWriteBody({ customData: { "autoInvoice|rule": "1" } }).customData).toEqual({ "autoInvoice|rule": "1" });
  });
});

describe("customDataSchema", () => {
  const problems = (value: unknown, schema = customDataSchema) => {
    const r = schema.safeParse(value);
    return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), i.message]));
  };

  it("accepts moduleId|key with JSON values, nulls included", () => {
    const ok = { "x-erp|project": { code: "P1", tags: ["a", "b"], n: 3, on: true }, "x-erp|note": "hi", "autoInvoice|ruleId": "r1", "x-erp|gone": null };
    expect(customDataSchema.parse(ok)).toEqual(ok);
    expect(userCustomDataSchema.safeParse({ "x-erp|a": 1 }).success).toBe(true);
  });

  it("enforces the key rules", () => {
    expect(problems({ "a|b|c": 1, "|b": 1, "a|": 1, "x-|b": 1, "a b|c": 1, nokey: 1 })).toEqual({
      "a|b|c": 'Keys are "moduleId|key" with exactly one "|" (found 2), e.g. "x-myapp|color"',
      "|b": 'The module id before "|" is empty, e.g. "x-myapp|color"',
      "a|": 'The key after "|" is empty, e.g. "x-myapp|color"',
      "x-|b": 'A user module id is "x-" followed by a name, e.g. "x-myapp"',
      "a b|c": 'Module id "a b" may contain only letters, digits, ".", "_" and "-"',
      nokey: 'Keys are "moduleId|key" with exactly one "|" (found 0), e.g. "x-myapp|color"',
    });
  });

  it("limits a value to 10 kB serialised (UTF-8 bytes)", () => {
    expect(problems({ "x-a|b": "x".repeat(10 * 1024 - 2) })).toEqual({});
    expect(problems({ "x-a|b": "x".repeat(10 * 1024 - 1) })).toEqual({
      "x-a|b": "At most 10240 bytes (10 kB) serialised as JSON; this value is 10241 bytes",
    });
    expect(Object.keys(problems({ "x-a|b": "å".repeat(6000) }))).toEqual(["x-a|b"]); // 12 kB in UTF-8
  });

  it("refuses values PostgreSQL cannot store", () => {
    expect(problems({ "x-a|b": { t: "a\u0000" } })).toEqual({ "x-a|b": "Contains a NUL character or invalid Unicode" });
    expect(problems([])).toEqual({ "": 'Expected an object keyed "moduleId|key"' });
  });
});
