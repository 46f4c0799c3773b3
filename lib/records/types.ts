/** Record types the Tenant API, connectors and the UI can write. */
export const recordTypes = [
  "order",
  "invoice",
  "product",
  "customer",
  "category",
  "variantGroup",
  "attribute",
  "attributeValue",
] as const;
export type RecordType = (typeof recordTypes)[number];

/** History types: readable through the API, written only by the platform. */
export const historyTypes = ["logEvent", "transferReport"] as const;
export type HistoryType = (typeof historyTypes)[number];

const recordTypeSet: ReadonlySet<string> = new Set(recordTypes);

export function isRecordType(s: string): s is RecordType {
  return recordTypeSet.has(s);
}
