import { describe, expect, it } from "vitest";
import { z } from "zod";
import { settingsFields } from "@/lib/connectors/settings-form";
import { recordTypes } from "@/lib/records";
import { stripHtml } from "./html";
import { manipulatorLibrary } from "./library";
import { after, apiOrder, chainErrors, link, product, run } from "./test-helpers";

describe("the library", () => {
  it("has the manipulators the console offers, with kebab-case keys, descriptions and form-ready settings", () => {
    const keys = manipulatorLibrary.map((m) => m.key);
    for (const k of ["set-field", "clear-field", "map-values", "replace-in-sku", "strip-html", "round-prices", "adjust-prices", "add-discount-row", "add-fee-row", "set-vat-rate", "set-custom-data", "ignore", "fail", "expression", "script"]) {
      expect(keys).toContain(k);
    }
    expect(new Set(keys).size).toBe(keys.length);
    for (const m of manipulatorLibrary) {
      expect(m.key).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(m.description.length, m.key).toBeGreaterThan(30);
      const json = z.toJSONSchema(m.settings, { io: "input" }) as { type: string; properties: Record<string, { description?: string }> };
      expect(json.type).toBe("object");
      for (const [name, prop] of Object.entries(json.properties)) expect(prop.description, `${m.key}.${name}`).toBeTruthy();
      expect(settingsFields(m.settings).length, m.key).toBe(Object.keys(json.properties).length);
      for (const t of m.appliesTo ?? []) expect(recordTypes).toContain(t);
    }
    // map-values' table is a string → string map, which the console edits as rows.
    const mv = z.toJSONSchema(manipulatorLibrary.find((m) => m.key === "map-values")!.settings, { io: "input" }) as any;
    expect(mv.properties.table).toMatchObject({ type: "object", additionalProperties: { type: "string" } });
  });
});

describe("set-field", () => {
  it("sets a value built from other fields and the context", async () => {
    const out = await after([link("set-field", { field: "note", value: "{{orderNumber}}-{{customer.billingAddress.name}} via {{connection.name}} {{today}}" })], apiOrder());
    expect(out.note).toBe("1001-Åsa Öberg via Shop SE 2025-04-10");
  });

  it("creates missing objects, sets every row with [], and respects onlyIfEmpty", async () => {
    const out = await after(
      [
        link("set-field", { field: "customer.shippingAddress.phone", value: "+46 8 123" }),
        link("set-field", { field: "rows[].unit", value: "pcs", onlyIfEmpty: true }),
        link("set-field", { field: "customer.reference", value: "PO {{customData.shopify|gateway}}" }),
      ],
      apiOrder((o) => delete o.customer.shippingAddress),
    );
    expect(out.customer.shippingAddress).toEqual({ phone: "+46 8 123" });
    expect(out.rows.map((r: any) => r.unit)).toEqual(["pcs", "pcs", "kg", "pcs"]); // the coffee row kept "kg"
    expect(out.customer.reference).toBe("PO klarna");
  });

  it("sets JSON values and source.code, and reports unchanged values as unchanged", async () => {
    const p = await after([link("set-field", { field: "active", value: "false", valueType: "json" })], product(), "product");
    expect(p.active).toBe(false);
    const res = await run([link("set-field", { field: "orderStatus", value: "new" }), link("set-field", { field: "source.code", value: "webshop-se" })], apiOrder());
    expect(res.outcome === "ok" && res.steps.map((s) => s.changed)).toEqual([false, true]);
  });

  it("refuses platform fields, unknown fields, bad placeholders and numbers in JSON", () => {
    expect(chainErrors([link("set-field", { field: "localId", value: "x" })])["0.settings.field"][0]).toMatch(/set by the platform/);
    expect(chainErrors([link("set-field", { field: "source.connectionId", value: "x" })])["0.settings.field"][0]).toMatch(/only source.code/);
    expect(chainErrors([link("set-field", { field: "orderStaus", value: "x" })])["0.settings.field"]).toEqual(['an order has no field "orderStaus"']);
    expect(chainErrors([link("set-field", { field: "rows", value: "x" })])["0.settings.field"][0]).toMatch(/holds a list/);
    expect(chainErrors([link("set-field", { field: "note", value: "{{orderNumbr}}" })])["0.settings.value"][0]).toMatch(/\{\{orderNumbr\}\}: an order has no field/);
    expect(chainErrors([link("set-field", { field: "note", value: "{{orderNumber" })])["0.settings.value"][0]).toMatch(/no closing/);
    expect(chainErrors([link("set-field", { field: "note", value: "12", valueType: "json" })])["0.settings.value"][0]).toMatch(/number .* strings/);
    expect(chainErrors([link("set-field", { field: "customData.shopify|x", value: "a" })])["0.settings.field"][0]).toMatch(/reserved for the platform/);
    expect(chainErrors([link("set-field", { field: "note", value: "a", colour: "red" })])["0.settings"]).toBeDefined();
  });
});

describe("clear-field", () => {
  it("clears with null (the write semantics for 'clear'), also an absent field on import", async () => {
    const out = await after([link("clear-field", { field: "customer.email" }), link("clear-field", { field: "note" }), link("clear-field", { field: "rows[].discountExclVat" })], apiOrder());
    expect(out.customer.email).toBeNull();
    expect(out.note).toBeNull();
    expect(out.rows[0].discountExclVat).toBeNull();
    const exported = await after([link("clear-field", { field: "note" })], apiOrder(), "order", "export");
    expect("note" in exported).toBe(false); // nothing to clear on a stored record
  });

  it("refuses required fields", () => {
    expect(chainErrors([link("clear-field", { field: "orderNumber" })])["0.settings.field"]).toEqual(["orderNumber is required on an order and cannot be cleared"]);
    expect(chainErrors([link("clear-field", { field: "rows[].sku" })])["0.settings.field"][0]).toMatch(/required/);
  });
});

describe("map-values", () => {
  it("maps through the table, exactly (NFC) or ignoring case, with a default", async () => {
    const table = { card: "KORT", "Café": "KAFÉ" };
    const out = await after([link("map-values", { field: "paymentMethod", table })], apiOrder());
    expect(out.paymentMethod).toBe("KORT");
    const nfd = await after([link("map-values", { field: "paymentMethod", table })], apiOrder((o) => (o.paymentMethod = "Cafe\u0301")));
    expect(nfd.paymentMethod).toBe("KAFÉ");
    const caseSensitive = await after([link("map-values", { field: "paymentMethod", table })], apiOrder((o) => (o.paymentMethod = "CARD")));
    expect(caseSensitive.paymentMethod).toBe("CARD");
    const ignoring = await after([link("map-values", { field: "paymentMethod", table, ignoreCase: true })], apiOrder((o) => (o.paymentMethod = "CARD")));
    expect(ignoring.paymentMethod).toBe("KORT");
    const fallback = await after([link("map-values", { field: "paymentMethod", table, default: "ÖVRIGT" })], apiOrder((o) => (o.paymentMethod = "swish")));
    expect(fallback.paymentMethod).toBe("ÖVRIGT");
    const absent = await after([link("map-values", { field: "note", table, default: "x" })], apiOrder());
    expect("note" in absent).toBe(false);
  });

  it("maps every row with []", async () => {
    const out = await after([link("map-values", { field: "rows[].unit", table: { kg: "KGM" } })], apiOrder());
    expect(out.rows[2].unit).toBe("KGM");
    expect(out.rows[0].unit).toBeUndefined();
  });

  it("refuses an empty table and duplicate keys", () => {
    expect(chainErrors([link("map-values", { field: "paymentMethod", table: {} })])["0.settings.table"]).toBeDefined();
    expect(chainErrors([link("map-values", { field: "paymentMethod", table: { Card: "a", card: "b" }, ignoreCase: true })])["0.settings.table.card"][0]).toMatch(/same when ignoring case/);
  });
});

describe("set-custom-data", () => {
  it("writes a user key with a template or JSON value and keeps the other keys", async () => {
    const out = await after(
      [
        link("set-custom-data", { key: "x-erp|channel", value: "{{source.connectionName}}" }),
        link("set-custom-data", { key: "x-erp|flags", value: '{"vip": true, "tier": 2}', valueType: "json" }),
      ],
      apiOrder(),
    );
    expect(out.customData).toEqual({ "shopify|gateway": "klarna", "x-erp|channel": "Shop SE", "x-erp|flags": { vip: true, tier: 2 } });
    const fresh = await after([link("set-custom-data", { key: "x-erp|channel", value: "web" })], apiOrder((o) => delete o.customData));
    expect(fresh.customData).toEqual({ "x-erp|channel": "web" });
  });

  it("refuses keys that are not user keys", () => {
    expect(chainErrors([link("set-custom-data", { key: "erp|channel", value: "a" })])["0.settings.key"][0]).toMatch(/reserved for the platform/);
    expect(chainErrors([link("set-custom-data", { key: "x-erp", value: "a" })])["0.settings.key"][0]).toMatch(/exactly one "\|"/);
  });
});

describe("replace-in-sku", () => {
  it("replaces in product skus and in every sku of a document, with groups", async () => {
    const p = await after([link("replace-in-sku", { search: "^WEB-", replace: "" })], product(), "product");
    expect(p.sku).toBe("SHIRT-M");
    const o = await after(
      [link("replace-in-sku", { search: "^(\\w+)-(\\w+)$", replace: "$2-$1" })],
      apiOrder((o) => (o.shipments = [{ carrier: "PostNord", rows: [{ sku: "SHIRT-M", quantity: "2" }] }])),
    );
    expect(o.rows.map((r: any) => r.sku)).toEqual(["M-SHIRT", "1-BOOK", "COFFEE", "GIFT"]);
    expect(o.shipments[0].rows[0].sku).toBe("M-SHIRT");
    expect(o.feeRows[0].sku).toBe("FEE");
  });

  it("matches unicode by code point on NFC text, case-insensitive with (?i)", async () => {
    const nfd = "Cafe\u0301-ÅR";
    const p = await after([link("replace-in-sku", { search: "é", replace: "e" })], product((x) => (x.sku = nfd)), "product");
    expect(p.sku).toBe("Cafe-ÅR");
    const q = await after([link("replace-in-sku", { search: "(?i)år$", replace: "YEAR" })], product((x) => (x.sku = "KAFFE-ÅR")), "product");
    expect(q.sku).toBe("KAFFE-YEAR");
    const untouched = await after([link("replace-in-sku", { search: "X", replace: "Y" })], product((x) => (x.sku = nfd)), "product");
    expect(untouched.sku).toBe(nfd); // no match: left exactly as sent
  });

  it("fails the record when a sku would become empty, and refuses bad patterns", async () => {
    const res = await run([link("replace-in-sku", { search: ".*", replace: "" })], product(), "product");
    expect(res.outcome === "fail" && res.message).toMatch(/^Step 1 \(replace-in-sku\): Replacing in SKU "WEB-SHIRT-M" \(sku\) leaves it empty$/);
    expect(chainErrors([link("replace-in-sku", { search: "(a+)+" })], "product")["0.settings.search"][0]).toMatch(/exponential/);
    expect(chainErrors([link("replace-in-sku", { search: "[" })], "product")["0.settings.search"][0]).toMatch(/Not a valid regular expression/);
    expect(chainErrors([link("replace-in-sku", { search: "a" })], "customer")["0.key"][0]).toMatch(/does not apply to customer records/);
  });
});

describe("strip-html", () => {
  it("turns HTML into tidy plain text", () => {
    expect(stripHtml("<p>Soft <b>organic</b> cotton &amp; more.</p><p>Wash at 40&deg;C<br/>Tumble dry: no</p>")).toBe("Soft organic cotton & more.\nWash at 40°C\nTumble dry: no");
    expect(stripHtml('<div title="a > b">Åsa&nbsp;&nbsp;Öberg &ndash; caf&eacute; &#8364;5 &#x1F600;</div>')).toBe("Åsa Öberg – café €5 😀");
    expect(stripHtml("<script>alert('x')</script><style>p{}</style>Keep <!-- hidden -->this")).toBe("Keep this");
    expect(stripHtml("a < b and 3<4, <3 &unknown; &amp")).toBe("a < b and 3<4, <3 &unknown; &amp");
    expect(stripHtml("<ul><li>One</li><li>Two</li></ul>")).toBe("One\nTwo");
    expect(stripHtml("<p>unterminated <a href='x")).toBe("unterminated");
    expect(stripHtml("&#0;&#xD800;x")).toBe("\uFFFD\uFFFDx");
  });

  it("strips fields and their translations", async () => {
    const p = await after(
      [link("strip-html", { fields: ["description", "title"] })],
      product((x) => ((x.description_lang = { swe: "<i>Mjuk</i> bomull", eng: "Soft" }), (x.title = "<b>Tee</b>"))),
      "product",
    );
    expect(p.description).toBe("Soft organic cotton & more.");
    expect(p.description_lang).toEqual({ swe: "Mjuk bomull", eng: "Soft" });
    expect(p.title).toBe("Tee");
    const o = await after([link("strip-html", { fields: ["note", "rows[].name"] })], apiOrder((o) => ((o.note = "<p>Ring  the bell</p>"), (o.rows[0].name = "T-shirt <small>M</small>"))));
    expect(o.note).toBe("Ring the bell");
    expect(o.rows[0].name).toBe("T-shirt M");
  });
});

describe("ignore and fail", () => {
  it("stop the chain with the reason or message, with placeholders", async () => {
    const ignored = await run([link("ignore", { reason: "Test order {{orderNumber}}" }), link("set-field", { field: "note", value: "x" })], apiOrder());
    expect(ignored).toEqual({ outcome: "ignore", reason: "Test order 1001", steps: [{ key: "ignore", matched: true, changed: false }] });
    const failed = await run([link("fail", { message: "Orders to {{customer.billingAddress.countryCode}} need a customs number" })], apiOrder());
    expect(failed.outcome === "fail" && failed.message).toBe("Orders to SE need a customs number");
    const defaults = await run([link("ignore")], apiOrder());
    expect(defaults.outcome === "ignore" && defaults.reason).toBe("Ignored by a manipulator rule");
  });
});
