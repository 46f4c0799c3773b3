/** Shared by this connector's tests: a connection to a running simulator and sample invoices. */
import type { ExportedRecord, RemoteIo } from "../types";
import { QuickBooksClient } from "./client";
import { settingsSchema, type Settings } from "./settings";
import type { QuickBooksSimulator } from "./simulator";

process.env.CROSSDOCK_ALLOW_LOCAL_REMOTES = "1";

export type TestConnection = { settings: Settings; io: RemoteIo & { updates: Record<string, unknown>[] } };

/** Settings as the framework would hand them over, and an io that applies updateSettings to them. */
export function connectTo(sim: QuickBooksSimulator): TestConnection {
  const settings = settingsSchema.parse({
    realmId: sim.realmId,
    clientId: sim.clientId,
    clientSecret: sim.clientSecret,
    refreshToken: sim.authorize(),
    environment: "sandbox",
    apiBaseUrl: sim.url,
    tokenUrl: sim.tokenUrl,
  });
  const updates: Record<string, unknown>[] = [];
  const io = {
    signal: new AbortController().signal,
    updates,
    async updateSettings(patch: Record<string, unknown>) {
      updates.push(patch);
      Object.assign(settings, patch);
    },
  };
  return { settings, io };
}

export function clientFor(sim: QuickBooksSimulator): QuickBooksClient {
  const { settings, io } = connectTo(sim);
  return new QuickBooksClient(settings, io);
}

export function exported(data: Record<string, unknown>, remoteId: string | null = null): ExportedRecord {
  return { customData: {}, ...data, localId: "0123456789abcdef0123456789abcdef", remoteId };
}

/**
 * A balanced GBP invoice: VAT 20 / 5 / 0 %, a row discount, an incl.-VAT-only row, a fractional
 * quantity with a 4-decimal unit price, shipping, an invoice fee and an order discount (negative fee).
 * Totals: 107.65 + 9.24 VAT = 116.89.
 */
export function ukInvoice(): Record<string, any> {
  return {
    invoiceNumber: "INV-1001",
    invoiceDate: "2025-04-01",
    dueDate: "2025-05-01",
    status: "booked",
    currency: "GBP",
    customer: {
      customerNumber: "C-42",
      email: "jane@example.co.uk",
      billingAddress: { name: "Jane O'Hara", street: "2 High Street", postalCode: "SW1A 1AA", city: "London", countryCode: "GB" },
    },
    rows: [
      { sku: "SHIRT-M", name: "T-shirt, medium", quantity: "2", pricePerUnitExclVat: "12.50", discountExclVat: "2.50", vatRatePercent: "20", vatAmount: "5.00" },
      { sku: "BOOK-1", name: "Book", quantity: "3", pricePerUnitExclVat: "7.99", vatRatePercent: "0", vatAmount: "0.00" },
      { sku: "SEAT", name: "Child car seat", quantity: "1", pricePerUnitInclVat: "52.49", vatRatePercent: "5", vatAmount: "2.50" },
      { sku: "COFFEE", name: "Coffee beans", quantity: "1.5", unit: "kg", pricePerUnitExclVat: "4.4643", vatRatePercent: "20", vatAmount: "1.34" },
    ],
    shippingRows: [{ name: "Royal Mail", quantity: "1", pricePerUnitExclVat: "4.99", vatRatePercent: "20", vatAmount: "1.00" }],
    feeRows: [
      { name: "Invoice fee", quantity: "1", pricePerUnitExclVat: "2.00", vatRatePercent: "20", vatAmount: "0.40" },
      { name: "Discount code SPRING", quantity: "1", pricePerUnitExclVat: "-5.00", vatRatePercent: "20", vatAmount: "-1.00" },
    ],
    totals: { totalExclVat: "107.65", totalVat: "9.24", totalInclVat: "116.89" },
  };
}
