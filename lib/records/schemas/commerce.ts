/** Parts shared by orders, invoices and customers: addresses, the customer block, rows, totals. */
import {
  amount,
  countryCode,
  email,
  enumOf,
  identifier,
  isoDate,
  list,
  localId,
  quantity,
  strictObject,
  text,
  unitPrice,
  vatRatePercent,
} from "../fields";

export const MAX_ROWS = 5000;

export const addressSchema = strictObject(
  {
    name: text(200).nullish().describe("Name of the person."),
    company: text(200).nullish(),
    street: text(500).nullish(),
    street2: text(500).nullish(),
    postalCode: text(30).nullish(),
    city: text(200).nullish(),
    region: text(200).nullish().describe("State, county or province."),
    countryCode: countryCode().nullish(),
    phone: text(50).nullish(),
    email: email().nullish(),
  },
  "an address object",
).describe("A postal address with contact details.");

/** The customer block on orders and invoices: a reference to the customer plus the addresses used on this document. */
export const documentCustomerSchema = strictObject(
  {
    localId: localId().nullish().describe("localId of the customer record, when known."),
    customerNumber: identifier(100).nullish().describe("Customer number in the source system."),
    reference: text(200).nullish().describe("The customer's own reference (\"your reference\", purchase order number)."),
    orgNumber: text(50).nullish().describe("Organisation number (companies)."),
    vatNumber: text(50).nullish().describe("VAT registration number, e.g. SE556677889901."),
    email: email().nullish(),
    phone: text(50).nullish(),
    billingAddress: addressSchema.nullish(),
    shippingAddress: addressSchema.nullish(),
  },
  "a customer object",
);

function rowShape(skuRequired: boolean) {
  return {
    sku: skuRequired ? identifier(200) : identifier(200).nullish(),
    name: text(500).nullish(),
    productLocalId: localId().nullish().describe("localId of the product record, when known."),
    unit: text(20).nullish().describe('Unit of quantity, e.g. "pcs", "kg".'),
    quantity: quantity(),
    pricePerUnitExclVat: unitPrice()
      .nullish()
      .describe("Price per unit excl. VAT, after discount. Send this, pricePerUnitInclVat, or both."),
    pricePerUnitInclVat: unitPrice().nullish().describe("Price per unit incl. VAT, after discount."),
    discountExclVat: amount()
      .nullish()
      .describe("Discount on the whole row excl. VAT, already deducted from the unit prices (informational)."),
    vatRatePercent: vatRatePercent(),
    vatAmount: amount().describe("VAT of the whole row."),
    totalExclVat: amount().nullish().describe("Row total excl. VAT; checked when present."),
    totalInclVat: amount().nullish().describe("Row total incl. VAT; checked when present."),
  };
}

export const itemRowSchema = strictObject(rowShape(true), "a row object");
/** Shipping and fee rows: same shape, sku optional. Rounding ("öresavrundning") goes in a fee row at 0 % VAT. */
export const chargeRowSchema = strictObject(rowShape(false), "a row object");

export const totalsSchema = strictObject(
  {
    totalExclVat: amount().describe("Σ row totals excl. VAT over rows, shippingRows and feeRows."),
    totalVat: amount().describe("Σ vatAmount over rows, shippingRows and feeRows."),
    totalInclVat: amount().describe("totalExclVat + totalVat."),
  },
  "a totals object",
);

export const paymentEntryStatuses = ["pending", "authorized", "paid", "failed", "cancelled", "refunded"] as const;

export const paymentSchema = strictObject(
  {
    method: text(100).nullish().describe('Payment method, e.g. "card", "invoice", "swish", "klarna".'),
    amount: amount(),
    reference: text(200).nullish().describe("Transaction id or reference at the payment provider."),
    status: enumOf(
      paymentEntryStatuses,
      "pending: started, no money yet; authorized: reserved, not captured; paid: captured; failed; cancelled; refunded.",
    ).nullish(),
    paidAt: isoDate().nullish(),
  },
  "a payment object",
);

export const shipmentSchema = strictObject(
  {
    carrier: text(100).nullish().describe('Carrier, e.g. "PostNord", "DHL".'),
    service: text(100).nullish().describe("Carrier service / product."),
    trackingNumber: text(200).nullish(),
    trackingUrl: text(2000).nullish(),
    shippedAt: isoDate().nullish(),
    rows: list(strictObject({ sku: identifier(200), quantity: quantity() }, "a shipment row object"), MAX_ROWS)
      .nullish()
      .describe("What this shipment contains, when not the whole order."),
  },
  "a shipment object",
);
