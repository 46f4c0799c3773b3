import { currency, enumOf, identifier, isoDate, language, list, localId, strictObject, text } from "../fields";
import { chargeRowSchema, documentCustomerSchema, itemRowSchema, MAX_ROWS, totalsSchema } from "./commerce";

export const invoiceStatuses = ["draft", "booked", "sent", "paid", "credited"] as const;

export const invoiceDataSchema = strictObject(
  {
    invoiceNumber: identifier(100).nullish().describe("Invoice number; drafts may not have one yet."),
    orderLocalId: localId().nullish().describe("localId of the order this invoice bills."),
    invoiceDate: isoDate(),
    dueDate: isoDate().nullish().describe("Not before invoiceDate."),
    status: enumOf(
      invoiceStatuses,
      "draft: editable, not in the books; booked: entered in the books; sent: sent to the customer; paid; credited: cancelled by a credit note.",
    ),
    creditOf: localId()
      .nullish()
      .describe("For a credit note: localId of the invoice it credits. A credit note's amounts are negative."),
    currency: currency(),
    language: language().nullish(),
    customer: documentCustomerSchema,
    rows: list(itemRowSchema, MAX_ROWS),
    shippingRows: list(chargeRowSchema, MAX_ROWS).nullish(),
    feeRows: list(chargeRowSchema, MAX_ROWS).nullish(),
    totals: totalsSchema,
    paymentReference: text(100).nullish().describe("Reference the payer quotes (OCR, KID, structured reference)."),
    note: text(5000).nullish(),
  },
  "an invoice data object",
);
