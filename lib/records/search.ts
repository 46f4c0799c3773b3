import { translatedText } from "./fields";
import type { RecordType } from "./types";

export type SearchColumns = { number: string | null; sku: string | null; name: string | null; status: string | null };

const s = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === "object" ? (v as Record<string, unknown>) : {});

/** The name on an order/invoice: who bought (billing name, else company, else the shipping side). */
function documentName(customer: unknown): string | null {
  const c = obj(customer);
  const bill = obj(c.billingAddress);
  const ship = obj(c.shippingAddress);
  return s(bill.name) ?? s(bill.company) ?? s(ship.name) ?? s(ship.company);
}

/**
 * Values for the denormalised search columns of a record (validated data):
 * - number: orderNumber / invoiceNumber / customerNumber / code (catalogue types); null for products;
 * - sku: products only;
 * - name: title (catalogue and product, falling back to _fallback and translations), customer name
 *   (else company), and for orders/invoices the billing name (else company, else shipping);
 * - status: orderStatus, invoice status, and "active"/"inactive" for products with `active` set.
 */
export function searchColumns(type: RecordType, data: Record<string, unknown>): SearchColumns {
  switch (type) {
    case "order":
      return { number: s(data.orderNumber), sku: null, name: documentName(data.customer), status: s(data.orderStatus) };
    case "invoice":
      return { number: s(data.invoiceNumber), sku: null, name: documentName(data.customer), status: s(data.status) };
    case "product":
      return {
        number: null,
        sku: s(data.sku),
        name: translatedText(data, "title"),
        status: typeof data.active === "boolean" ? (data.active ? "active" : "inactive") : null,
      };
    case "customer":
      return { number: s(data.customerNumber), sku: null, name: s(data.name) ?? s(data.company), status: null };
    case "category":
    case "variantGroup":
    case "attribute":
    case "attributeValue":
      return { number: s(data.code), sku: null, name: translatedText(data, "title"), status: null };
  }
}
