import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RecordError } from "../errors";
import type { ExportedRecord } from "../types";
import { quickbooksConnector } from "./index";
import { customerExportSettingsSchema, invoiceExportSettingsSchema } from "./settings";
import { startQuickBooksSimulator, type QuickBooksSimulator } from "./simulator";
import { connectTo, exported, ukInvoice, type TestConnection } from "./test-support";

let sim: QuickBooksSimulator;
let conn: TestConnection;
const plug = (key: string) => quickbooksConnector.plugs.find((p) => p.key === key)!;
const customers = () => plug("CustomerExport");
const invoices = () => plug("InvoiceExport");

beforeAll(async () => {
  sim = await startQuickBooksSimulator();
  conn = connectTo(sim);
});
afterAll(() => sim.stop());

/** push() as the runtime calls it. */
async function push(key: string, record: ExportedRecord) {
  const p = plug(key);
  if (p.direction !== "export") throw new Error("not an export plug");
  const schema = key === "InvoiceExport" ? invoiceExportSettingsSchema : customerExportSettingsSchema;
  return p.push(record, { settings: conn.settings, plugSettings: schema.parse({}), io: conn.io });
}

const count = (entity: string) => sim.store.all(entity).length;

describe("CustomerExport", () => {
  const acme = { customerNumber: "C-7", name: "Erik Berg", company: "Acme Ltd", email: "erik@acme.example", billingAddress: { street: "1 Quay", city: "Leeds", countryCode: "GB" } };

  it("creates a customer, and a re-run without the remote id finds it instead of duplicating", async () => {
    const before = count("Customer");
    const first = await push("CustomerExport", exported(acme));
    expect(first).toMatchObject({ remoteRef: "Acme Ltd (C-7)" });
    const again = await push("CustomerExport", exported(acme));
    expect(again).toEqual(first);
    expect(count("Customer")).toBe(before + 1);
  });

  it("sparse-updates with the current SyncToken when the remote id is known", async () => {
    const { remoteId } = (await push("CustomerExport", exported(acme))) as { remoteId: string };
    const syncBefore = sim.store.get("Customer", remoteId).SyncToken;
    await push("CustomerExport", exported({ ...acme, email: "accounts@acme.example" }, remoteId));
    const stored = sim.store.get("Customer", remoteId);
    expect(stored.PrimaryEmailAddr).toEqual({ Address: "accounts@acme.example" });
    expect(Number(stored.SyncToken)).toBe(Number(syncBefore) + 1);
    expect(stored).toMatchObject({ CompanyName: "Acme Ltd", BillAddr: { Line1: "1 Quay", City: "Leeds", Country: "GB" } });
  });
});

describe("InvoiceExport", () => {
  it("ignores drafts", async () => {
    const draft = exported({ ...ukInvoice(), status: "draft", invoiceNumber: null });
    const p = invoices();
    expect(p.direction === "export" && p.wants?.(draft, { settings: conn.settings, plugSettings: {} })).toMatch(/Draft/);
    expect(await push("InvoiceExport", draft)).toEqual({ ignore: expect.stringMatching(/Draft/) });
  });

  it("creates the customer and the invoice, and re-pushes update instead of duplicating", async () => {
    const invoicesBefore = count("Invoice");
    const customersBefore = count("Customer");
    const first = await push("InvoiceExport", exported(ukInvoice()));
    expect(first).toMatchObject({ remoteRef: "INV-1001" });
    expect((first as { message?: string }).message).toBeUndefined(); // totals agree
    const { remoteId } = first as { remoteId: string };
    const booked = sim.store.get("Invoice", remoteId);
    expect(booked.TotalAmt).toBe(116.89);
    expect(sim.store.get("Customer", booked.CustomerRef.value).DisplayName).toBe("Jane O'Hara (C-42)");

    const changed = { ...ukInvoice(), dueDate: "2025-05-15" };
    expect(await push("InvoiceExport", exported(changed, remoteId))).toMatchObject({ remoteId });
    // The answer to a create got lost: no remote id, found again by DocNumber.
    expect(await push("InvoiceExport", exported(changed))).toMatchObject({ remoteId });
    expect(sim.store.get("Invoice", remoteId)).toMatchObject({ DueDate: "2025-05-15", SyncToken: "2" });
    expect(count("Invoice")).toBe(invoicesBefore + 1);
    expect(count("Customer")).toBe(customersBefore + 1);
  });

  it("books a foreign-currency invoice on a customer in that currency", async () => {
    const result = (await push("InvoiceExport", exported({ ...ukInvoice(), invoiceNumber: "INV-USD", currency: "USD" }))) as { remoteId: string };
    const booked = sim.store.get("Invoice", result.remoteId);
    expect(booked.CurrencyRef).toEqual({ value: "USD" });
    expect(sim.store.get("Customer", booked.CustomerRef.value)).toMatchObject({ DisplayName: "Jane O'Hara (C-42) [USD]", CurrencyRef: { value: "USD" } });
  });

  it("uses the customer record's remote id when the runtime passes it", async () => {
    const data = ukInvoice();
    data.invoiceNumber = "INV-REF";
    data.customer = { ...data.customer, remoteId: "1" };
    const { remoteId } = (await push("InvoiceExport", exported(data))) as { remoteId: string };
    expect(sim.store.get("Invoice", remoteId).CustomerRef).toEqual({ value: "1" });
  });

  it("books a credit note as a credit memo", async () => {
    const note = {
      ...ukInvoice(),
      invoiceNumber: "CN-1",
      creditOf: "0123456789abcdef0123456789abcdee",
      rows: [{ sku: "BOOK-1", quantity: "-1", pricePerUnitExclVat: "7.99", vatRatePercent: "0", vatAmount: "0.00" }],
      shippingRows: null,
      feeRows: null,
      totals: { totalExclVat: "-7.99", totalVat: "0.00", totalInclVat: "-7.99" },
    };
    const { remoteId } = (await push("InvoiceExport", exported(note))) as { remoteId: string };
    expect(sim.store.get("CreditMemo", remoteId)).toMatchObject({ DocNumber: "CN-1", TotalAmt: 7.99 });
  });

  it("fails the record, creating nothing, when a VAT rate has no tax code", async () => {
    const data = ukInvoice();
    data.invoiceNumber = "INV-SE";
    data.customer = { customerNumber: "SE-1", billingAddress: { name: "Nils Svensson" } };
    data.rows = [{ sku: "X", quantity: "1", pricePerUnitExclVat: "100.00", vatRatePercent: "25", vatAmount: "25.00" }];
    const before = count("Customer");
    await expect(push("InvoiceExport", exported(data))).rejects.toThrow(RecordError);
    expect(count("Customer")).toBe(before);
  });

  it("fails the record when the invoice number is too long for a DocNumber", async () => {
    const data = { ...ukInvoice(), invoiceNumber: "INV-TOO-LONG-NUMBER-12345" };
    await expect(push("InvoiceExport", exported(data))).rejects.toThrow(/longer than QuickBooks allows/);
  });

  it("passes QuickBooks' refusal of one invoice on as a RecordError", async () => {
    sim.failNext(400);
    await expect(push("InvoiceExport", exported({ ...ukInvoice(), invoiceNumber: "INV-REFUSED" }))).rejects.toThrow(RecordError);
  });
});
