import {
  currency,
  enumOf,
  identifier,
  isoDate,
  language,
  list,
  strictObject,
  text,
} from "../fields";
import {
  chargeRowSchema,
  documentCustomerSchema,
  itemRowSchema,
  MAX_ROWS,
  paymentSchema,
  shipmentSchema,
  totalsSchema,
} from "./commerce";

export const orderStatuses = ["new", "processing", "completed", "cancelled", "refunded", "onHold"] as const;
export const paymentStatuses = ["unpaid", "authorized", "paid", "partiallyPaid", "refunded", "partiallyRefunded"] as const;
export const shippingStatuses = ["unshipped", "partiallyShipped", "shipped", "delivered", "returned"] as const;

export const orderDataSchema = strictObject(
  {
    orderNumber: identifier(100).describe("Order number in the system the order was placed in."),
    orderDate: isoDate(),
    orderStatus: enumOf(
      orderStatuses,
      "new: placed, not yet handled; processing: being picked/packed or otherwise worked on; completed: fulfilled; " +
        "cancelled: will not be fulfilled; refunded: money returned in full; onHold: waiting (payment check, stock, question to the customer).",
    ).nullish(),
    paymentStatus: enumOf(
      paymentStatuses,
      "unpaid: no payment yet; authorized: reserved, not captured; paid: captured in full; partiallyPaid; " +
        "refunded: returned in full; partiallyRefunded.",
    ).nullish(),
    shippingStatus: enumOf(
      shippingStatuses,
      "unshipped; partiallyShipped: some rows shipped; shipped: all rows handed to the carrier; delivered; returned.",
    ).nullish(),
    currency: currency(),
    language: language().nullish().describe("The customer's language (ISO 639-3)."),
    customer: documentCustomerSchema,
    rows: list(itemRowSchema, MAX_ROWS).describe("Item rows."),
    shippingRows: list(chargeRowSchema, MAX_ROWS).nullish(),
    feeRows: list(chargeRowSchema, MAX_ROWS).nullish().describe("Fees, order discounts (negative), rounding."),
    totals: totalsSchema,
    paymentMethod: text(100).nullish(),
    payments: list(paymentSchema, 500).nullish(),
    shipments: list(shipmentSchema, 500).nullish(),
    note: text(5000).nullish().describe("The customer's message / order note."),
  },
  "an order data object",
);
