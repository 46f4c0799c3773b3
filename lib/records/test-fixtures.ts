import { ValidationError } from "@/lib/errors";

/** Valid sample data for tests (here and in the record service's tests). Each call returns a fresh copy. */

/**
 * A balanced SEK order: VAT rates 25, 6, 12 and 0, a row discount, a unit price with more
 * decimals than the currency, a fractional quantity, shipping, an invoice fee and an order
 * discount as a negative fee row.
 */
export function balancedOrder(): Record<string, any> {
  return {
    orderNumber: "1001",
    orderDate: "2025-03-31T14:05:00+02:00",
    orderStatus: "new",
    paymentStatus: "authorized",
    shippingStatus: "unshipped",
    currency: "SEK",
    customer: {
      customerNumber: "C-42",
      email: "asa@example.se",
      billingAddress: {
        name: "Åsa Öberg",
        street: "Storgatan 1",
        postalCode: "111 22",
        city: "Stockholm",
        countryCode: "SE",
      },
      shippingAddress: { name: "Åsa Öberg", street: "Lillgatan 2", postalCode: "222 33", city: "Lund", countryCode: "SE" },
    },
    rows: [
      {
        sku: "SHIRT-M",
        name: "T-shirt, medium",
        quantity: "2",
        pricePerUnitExclVat: "199.20",
        pricePerUnitInclVat: "249.00",
        discountExclVat: "40.00",
        vatRatePercent: "25",
        vatAmount: "99.60",
        totalExclVat: "398.40",
        totalInclVat: "498.00",
      },
      {
        sku: "BOOK-1",
        name: "Book",
        quantity: "3",
        pricePerUnitExclVat: "94.34",
        pricePerUnitInclVat: "100.00",
        vatRatePercent: "6",
        vatAmount: "16.98",
      },
      {
        sku: "COFFEE",
        name: "Coffee beans",
        quantity: "1.5",
        unit: "kg",
        pricePerUnitExclVat: "44.6429",
        pricePerUnitInclVat: "50.00",
        vatRatePercent: "12",
        vatAmount: "8.04",
        totalExclVat: "66.96",
        totalInclVat: "75.00",
      },
      { sku: "GIFT", name: "Gift card", quantity: "1", pricePerUnitExclVat: "100", vatRatePercent: "0", vatAmount: "0" },
    ],
    shippingRows: [
      { name: "PostNord", quantity: "1", pricePerUnitExclVat: "39.20", pricePerUnitInclVat: "49.00", vatRatePercent: "25", vatAmount: "9.80" },
    ],
    feeRows: [
      { sku: "FEE", name: "Invoice fee", quantity: "1", pricePerUnitExclVat: "20.00", vatRatePercent: "25", vatAmount: "5.00" },
      { name: "Discount code SPRING", quantity: "1", pricePerUnitExclVat: "-40.00", vatRatePercent: "25", vatAmount: "-10.00" },
    ],
    totals: { totalExclVat: "867.58", totalVat: "129.42", totalInclVat: "997.00" },
    paymentMethod: "card",
    payments: [{ method: "card", amount: "997.00", reference: "pi_123", status: "authorized", paidAt: "2025-03-31T14:06:10Z" }],
  };
}

/** A balanced SEK invoice (one 25 % row). */
export function simpleInvoice(): Record<string, any> {
  return {
    invoiceNumber: "F-2001",
    invoiceDate: "2025-04-01",
    dueDate: "2025-05-01",
    status: "booked",
    currency: "SEK",
    customer: { customerNumber: "C-42", billingAddress: { name: "Åsa Öberg", countryCode: "SE" } },
    rows: [{ sku: "SHIRT-M", quantity: "2", pricePerUnitExclVat: "100.00", vatRatePercent: "25", vatAmount: "50.00" }],
    totals: { totalExclVat: "200.00", totalVat: "50.00", totalInclVat: "250.00" },
  };
}

/** The fieldErrors of the ValidationError `fn` throws (fails the test when it throws nothing or something else). */
export function fieldErrorsOf(fn: () => unknown): Record<string, string[]> {
  try {
    fn();
  } catch (e) {
    if (e instanceof ValidationError && e.fieldErrors) return e.fieldErrors;
    throw e;
  }
  throw new Error("expected a ValidationError, but the call succeeded");
}
