import { describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { quickbooksConnector } from "./quickbooks";
import { DEFAULT_TAX_CODES } from "./quickbooks/settings";
import { fieldErrorsFor, fieldLabel, readSettings, settingsFields, withSettingsErrors, type SettingsField } from "./settings-form";
import { shopifyConnector } from "./shopify";
import { woocommerceConnector } from "./woocommerce";

const plug = (c: { plugs: { key: string; settings: unknown }[] }, key: string) => c.plugs.find((p) => p.key === key)!.settings as Parameters<typeof settingsFields>[0];
const byName = (fields: SettingsField[]) => Object.fromEntries(fields.map((f) => [f.name, f]));

function form(entries: [string, string][]): FormData {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
}

describe("fieldLabel", () => {
  it("turns camelCase keys into words with acronyms kept", () => {
    expect(fieldLabel("shopUrl")).toBe("Shop URL");
    expect(fieldLabel("apiVersion")).toBe("API version");
    expect(fieldLabel("pricesIncludeVat")).toBe("Prices include VAT");
    expect(fieldLabel("matchItemsBySku")).toBe("Match items by SKU");
    expect(fieldLabel("realmId")).toBe("Realm ID");
  });
});

describe("settingsFields", () => {
  it("Shopify: text, secret and a defaulted text, required marked, help from descriptions", () => {
    const f = byName(settingsFields(shopifyConnector.settings, { secretFields: shopifyConnector.secretFields }));
    expect(Object.keys(f)).toEqual(["shopUrl", "accessToken", "apiVersion", "webhookSecret"]);
    expect(f.shopUrl).toMatchObject({ kind: "text", label: "Shop URL", required: true, value: "" });
    expect(f.shopUrl.help).toMatch(/myshopify\.com/);
    expect(f.accessToken).toMatchObject({ kind: "secret", required: true, saved: false });
    expect(f.apiVersion).toMatchObject({ kind: "text", required: false, value: "2025-01" });
    expect(f.webhookSecret).toMatchObject({ kind: "secret", required: false, saved: false });
  });

  it("Shopify order import: an enum array is a checkbox group, a date a date input", () => {
    const f = byName(settingsFields(plug(shopifyConnector, "OrderImport"), { values: { statuses: ["paid"] } }));
    expect(f.statuses).toMatchObject({ kind: "checkboxes", value: ["paid"] });
    expect((f.statuses as { options: string[] }).options).toContain("partially_refunded");
    expect(f.startDate).toMatchObject({ kind: "text", inputType: "date", required: false, value: "" });
  });

  it("WooCommerce product import: enum → select, boolean → checkbox, defaults prefilled", () => {
    const f = byName(settingsFields(plug(woocommerceConnector, "ProductImport")));
    expect(f.currency).toMatchObject({ kind: "select", required: true, value: "" });
    expect((f.currency as { options: string[] }).options).toContain("SEK");
    expect(f.pricesIncludeVat).toMatchObject({ kind: "checkbox", value: false });
    expect(f.weightUnit).toMatchObject({ kind: "select", value: "kg", required: false });
    expect(f.taxClassRates).toMatchObject({ kind: "text", value: "standard=25, reduced-rate=12, zero-rate=0" });
  });

  it("QuickBooks: saved secrets are flagged, never valued; tokens Crossdock maintains are hidden; object arrays are JSON", () => {
    const f = byName(settingsFields(quickbooksConnector.settings, { secretFields: quickbooksConnector.secretFields, secretsSet: ["clientSecret"], values: { realmId: "123", environment: "sandbox" } }));
    expect(f.accessToken).toBeUndefined();
    expect(f.accessTokenExpiresAt).toBeUndefined();
    expect(f.clientSecret).toEqual(expect.objectContaining({ kind: "secret", saved: true }));
    expect(f.clientSecret).not.toHaveProperty("value");
    expect(f.refreshToken).toMatchObject({ kind: "secret", saved: false });
    expect(f.realmId).toMatchObject({ value: "123" });
    expect(f.environment).toMatchObject({ kind: "select", value: "sandbox", options: ["production", "sandbox"] });
    const inv = byName(settingsFields(plug(quickbooksConnector, "InvoiceExport")));
    expect(inv.taxCodes.kind).toBe("json");
    expect(JSON.parse((inv.taxCodes as { value: string }).value)).toEqual(DEFAULT_TAX_CODES);
    expect(inv.matchItemsBySku).toMatchObject({ kind: "checkbox", value: true });
  });

  it("a plug without settings has no fields", () => {
    expect(settingsFields(plug(shopifyConnector, "ProductExport"))).toEqual([]);
  });
});

describe("readSettings", () => {
  it("Shopify: typed values the connector schema accepts; empty optional text is left out", () => {
    const fields = settingsFields(shopifyConnector.settings, { secretFields: shopifyConnector.secretFields });
    const values = readSettings(fields, form([["shopUrl", " https://acme.myshopify.com/ "], ["accessToken", "shpat_x"], ["apiVersion", ""]]));
    // An empty secret is sent as "" (keep the saved one); an empty optional webhook secret stays off.
    expect(values).toEqual({ shopUrl: "https://acme.myshopify.com/", accessToken: "shpat_x", webhookSecret: "" });
    expect(parseInput(shopifyConnector.settings, values)).toEqual({ shopUrl: "https://acme.myshopify.com", accessToken: "shpat_x", apiVersion: "2025-01", webhookSecret: "" });
  });

  it("checkbox groups, unticked checkboxes and selects", () => {
    const fields = settingsFields(plug(woocommerceConnector, "OrderImport"));
    expect(readSettings(fields, form([["statuses", "processing"], ["statuses", "completed"], ["startDate", ""]]))).toEqual({ statuses: ["processing", "completed"] });
    const product = settingsFields(plug(woocommerceConnector, "ProductImport"));
    const values = readSettings(product, form([["currency", "SEK"], ["taxClassRates", "standard=25"], ["weightUnit", "g"]]));
    expect(values).toEqual({ currency: "SEK", pricesIncludeVat: false, taxClassRates: "standard=25", weightUnit: "g" });
    expect(parseInput(plug(woocommerceConnector, "ProductImport"), values)).toMatchObject({ currency: "SEK", pricesIncludeVat: false });
  });

  it("an empty secret is sent as empty, so the saved one is kept", () => {
    const fields = settingsFields(quickbooksConnector.settings, { secretFields: quickbooksConnector.secretFields, secretsSet: ["clientSecret", "refreshToken"] });
    const values = readSettings(fields, form([["realmId", "1"], ["clientId", "abc"], ["clientSecret", ""], ["refreshToken", ""], ["environment", "sandbox"], ["apiBaseUrl", ""], ["tokenUrl", ""]]));
    expect(values).toEqual({ realmId: "1", clientId: "abc", clientSecret: "", refreshToken: "", environment: "sandbox" });
  });

  it("JSON fields parse, and bad JSON is a field error", () => {
    const fields = settingsFields(plug(quickbooksConnector, "InvoiceExport"));
    const rows = [{ vatRatePercent: "25", taxCodeId: "7" }];
    expect(readSettings(fields, form([["taxCodes", JSON.stringify(rows)], ["matchItemsBySku", "on"]]))).toMatchObject({ taxCodes: rows, matchItemsBySku: true });
    try {
      readSettings(fields, form([["taxCodes", "[{"]]));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).fieldErrors?.taxCodes?.[0]).toMatch(/^Not valid JSON/);
    }
  });
});

describe("field errors", () => {
  it("nested schema errors land on their JSON field, others keep their key", () => {
    const fields = settingsFields(plug(quickbooksConnector, "InvoiceExport"));
    expect(fieldErrorsFor(fields, { "taxCodes.1.vatRatePercent": ["A rate such as \"20\""], "schedule.minutes": ["At least every minute."] })).toEqual({
      taxCodes: ['Row 2, vatRatePercent: A rate such as "20"'],
      "schedule.minutes": ["At least every minute."],
    });
  });

  it("withSettingsErrors re-keys a service's validation error", async () => {
    const fields = settingsFields(plug(quickbooksConnector, "InvoiceExport"));
    const bad = { taxCodes: [{ vatRatePercent: "x", taxCodeId: "1" }] };
    await expect(withSettingsErrors(fields, async () => parseInput(plug(quickbooksConnector, "InvoiceExport"), bad))).rejects.toMatchObject({ fieldErrors: { taxCodes: [expect.stringMatching(/^Row 1, vatRatePercent:/)] } });
  });
});
