/** The record types the console lists, in the order the type picker shows them. */
export const consoleRecordTypes = [
  { type: "order", label: "Orders", singular: "Order", description: "Sales from your shops and marketplaces." },
  { type: "invoice", label: "Invoices", singular: "Invoice", description: "Invoices and credit notes for orders." },
  { type: "product", label: "Products", singular: "Product", description: "Articles with prices, VAT and stock." },
  { type: "customer", label: "Customers", singular: "Customer", description: "People and companies who buy from you." },
  { type: "category", label: "Categories", singular: "Category", description: "How the catalogue is organised." },
  { type: "variantGroup", label: "Variant groups", singular: "Variant group", description: "Products sold in several variants." },
  { type: "attribute", label: "Attributes", singular: "Attribute", description: "Properties such as colour or size." },
  { type: "attributeValue", label: "Attribute values", singular: "Attribute value", description: "The values an attribute can take." },
] as const;

export type ConsoleRecordType = (typeof consoleRecordTypes)[number]["type"];
export type ConsoleRecordTypeInfo = (typeof consoleRecordTypes)[number];

export function consoleRecordType(type: string): ConsoleRecordTypeInfo | undefined {
  return consoleRecordTypes.find((t) => t.type === type);
}
