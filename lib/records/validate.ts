import type { z } from "zod";
import { ValidationError } from "@/lib/errors";
import { checkInvoice, checkOrder, checkProduct, issueCollector, parseOrThrow, type AddIssue } from "./checks";
import { attributeDataSchema, attributeValueDataSchema, categoryDataSchema, variantGroupDataSchema } from "./schemas/catalog";
import { customerDataSchema } from "./schemas/customer";
import { invoiceDataSchema } from "./schemas/invoice";
import { orderDataSchema } from "./schemas/order";
import { productDataSchema } from "./schemas/product";
import { isRecordType, type RecordType } from "./types";

const schemas = {
  order: orderDataSchema,
  invoice: invoiceDataSchema,
  product: productDataSchema,
  customer: customerDataSchema,
  category: categoryDataSchema,
  variantGroup: variantGroupDataSchema,
  attribute: attributeDataSchema,
  attributeValue: attributeValueDataSchema,
} satisfies Record<RecordType, z.ZodType>;

export type RecordData<T extends RecordType> = z.output<(typeof schemas)[T]>;

const crossChecks: Partial<Record<RecordType, (data: Record<string, unknown>, add: AddIssue) => void>> = {
  order: checkOrder,
  invoice: checkInvoice,
  product: checkProduct,
};

/** The type-specific fields of a full record (everything except the common fields), strict. */
export function dataSchema(type: RecordType): z.ZodType<Record<string, unknown>> {
  if (!isRecordType(type)) throw new Error(`Not a writable record type: ${String(type)}`);
  return schemas[type] as unknown as z.ZodType<Record<string, unknown>>;
}

/**
 * Validates a full merged record's data: shape (dataSchema), then cross-field checks (totals, VAT,
 * currency minor units, dates). Throws ValidationError with field paths ("rows.2.vatAmount").
 * Returns the normalised data: decimals canonical, money amounts at the currency's minor unit,
 * identifiers trimmed, and keys whose value is null removed (null means "cleared").
 * Cross-field checks run only once the shape is valid.
 */
export function validateRecordData(type: RecordType, data: unknown): Record<string, unknown> {
  const parsed = withoutNulls(parseOrThrow(dataSchema(type), data)) as Record<string, unknown>;
  const check = crossChecks[type];
  if (check) {
    const issues = issueCollector();
    check(parsed, issues.add);
    if (issues.count()) throw new ValidationError("Some fields are not valid.", issues.errors);
  }
  return parsed;
}

/** Drops object keys whose value is null or undefined, at every depth (array items are kept). */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) out[k] = withoutNulls(v);
    return out;
  }
  return value;
}
