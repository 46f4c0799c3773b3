import { describe, expect, it } from "vitest";
import { historyTypes, isRecordType, recordTypes, searchColumns, validateRecordData } from "./index";
import { balancedOrder, simpleInvoice } from "./test-fixtures";

describe("record types", () => {
  it("knows the writable types; history types are not writable", () => {
    expect(recordTypes).toContain("attributeValue");
    for (const t of recordTypes) expect(isRecordType(t)).toBe(true);
    for (const t of historyTypes) expect(isRecordType(t)).toBe(false);
    expect(isRecordType("toString")).toBe(false);
  });
});

describe("searchColumns", () => {
  it("orders and invoices: number, the buyer's name, status", () => {
    expect(searchColumns("order", validateRecordData("order", balancedOrder()))).toEqual({ number: "1001", sku: null, name: "Åsa Öberg", status: "new" });
    expect(searchColumns("invoice", validateRecordData("invoice", simpleInvoice()))).toEqual({ number: "F-2001", sku: null, name: "Åsa Öberg", status: "booked" });
    expect(searchColumns("order", { orderNumber: "1", customer: { shippingAddress: { company: "Acme" } } })).toMatchObject({ name: "Acme", status: null });
  });

  it("products: sku, title (or a translation), active state", () => {
    expect(searchColumns("product", { sku: "A", title_lang: { swe: "Tröja" }, active: false })).toEqual({ number: null, sku: "A", name: "Tröja", status: "inactive" });
    expect(searchColumns("product", { sku: "A", vatRatePercent: "25" })).toEqual({ number: null, sku: "A", name: null, status: null });
  });

  it("customers and catalogue types", () => {
    expect(searchColumns("customer", { customerNumber: "C-1", company: "Acme" })).toEqual({ number: "C-1", sku: null, name: "Acme", status: null });
    expect(searchColumns("category", { code: "shoes", title_fallback: "Shoes" })).toEqual({ number: "shoes", sku: null, name: "Shoes", status: null });
    expect(searchColumns("attributeValue", { attributeLocalId: "x", code: "m" })).toEqual({ number: "m", sku: null, name: null, status: null });
  });
});
