import { z } from "zod";
import { conditionsSchema, matchSchema } from "@/lib/conditions";

/**
 * Auto Invoice over the Tenant API and the console. Shapes:
 *
 *   Settings   { enabled, cutoffDays, available, lastRunAt, updatedAt, updatedBy }
 *              `available`: the tenant's plan includes the "auto_invoice" option (else enabling is refused).
 *   Rule       { id: "air_…", name, enabled, position, conditions, match, actions, version, createdAt, updatedAt }
 *   Actions    { invoiceDate: "orderDate" | "now" | "shippedDate", dueDays, numberSeries: { prefix },
 *                markPaidWhenOrderPaid, setFields?: { field: value }, exportConnectionId?: string | null,
 *                creditNoteOnCancel }
 *   Preview    { rule, orders: [{ orderLocalId, orderNumber, lastModified, outcome, reason?, invoice? }] }
 *   Recheck    { days } → { from, orders }: the enabled rules run again over the orders changed since `from`.
 *   History    { ruleId, invoicesCreated, creditNotesCreated, lastInvoiceAt, lastRunAt, recent[], errors[] }
 *
 * The body schemas describe input for OpenAPI and forms; the rule itself is checked by
 * lib/auto-invoice/rule.ts (validateRule), the one validator the console, the API and the engine share.
 */
const iso = z.string().describe("ISO 8601 UTC timestamp with milliseconds.");

export const invoiceDatePolicies = ["orderDate", "now", "shippedDate"] as const;

/** Invoice fields a rule may set; customData keys go as "customData.<module>|<key>". */
export const settableInvoiceFields = ["note", "paymentReference", "language"] as const;

export const actionsSchema = z
  .object({
    invoiceDate: z
      .enum(invoiceDatePolicies, { error: 'Choose the invoice date: "orderDate", "now" or "shippedDate"' })
      .default("orderDate")
      .describe("orderDate: the order's date; now: when the invoice is made; shippedDate: the latest shipment's date (the order waits until it has one)."),
    dueDays: z
      .number({ error: "Enter the number of days until the invoice is due" })
      .int("Due days is a whole number")
      .min(0, "Due days cannot be negative")
      .max(365, "At most 365 due days")
      .default(30),
    numberSeries: z
      .object({
        prefix: z
          .string({ error: "Enter a number series prefix, e.g. INV-" })
          .trim()
          .min(1, "Enter a number series prefix, e.g. INV-")
          .max(20, "At most 20 characters")
          .regex(/^(?:[A-Za-z0-9][A-Za-z0-9_\-/.]*)?$/, "Use letters, digits and - _ / . (starting with a letter or digit)"),
      })
      .strict()
      .describe("Invoice numbers are the prefix and the tenant's next number in this series (INV-00001, INV-00002, … without gaps)."),
    markPaidWhenOrderPaid: z.boolean().default(true).describe("Create the invoice as paid (or mark it paid later) when the order's paymentStatus is paid."),
    setFields: z
      .record(z.string(), z.string().max(5000, "At most 5000 characters"))
      .optional()
      .describe(`Fields set on the invoice: ${settableInvoiceFields.join(", ")}, or "customData.<module>|<key>".`),
    exportConnectionId: z.string().nullish().describe("An accounting connection whose InvoiceExport plug exports the invoice right away; null: no export."),
    creditNoteOnCancel: z.boolean().default(false).describe("Create a credit note (creditOf) when an invoiced order is later cancelled or refunded."),
  })
  .strict();

export const ruleBodySchema = z
  .object({
    name: z.string({ error: "Enter a name" }).trim().min(1, "Enter a name").max(100, "At most 100 characters"),
    enabled: z.boolean().optional().describe("New rules start disabled unless this says otherwise."),
    position: z.number().int().min(0).optional().describe("0-based place in the rule order; new rules go last when left out."),
    conditions: conditionsSchema.default([]).describe("Conditions on the order in its Tenant API shape; none = every order."),
    match: matchSchema.default("all"),
    actions: actionsSchema,
  })
  .strict();

/** PUT: any subset of the rule; absent = unchanged. */
export const ruleUpdateSchema = z
  .object({
    name: ruleBodySchema.shape.name.optional(),
    enabled: z.boolean().optional(),
    position: z.number().int().min(0).optional(),
    conditions: conditionsSchema.optional(),
    match: matchSchema.optional(),
    actions: actionsSchema.optional(),
    version: z.number().int().optional().describe("When sent, the update is refused (409) if the rule changed since this version."),
  })
  .strict();

export const ruleSchema = z.object({
  id: z.string(),
  name: z.string(),
  enabled: z.boolean(),
  position: z.number().int(),
  conditions: conditionsSchema,
  match: matchSchema,
  actions: actionsSchema,
  version: z.number().int(),
  createdAt: iso,
  updatedAt: iso,
});

export const settingsSchema = z.object({
  enabled: z.boolean(),
  cutoffDays: z.number().int(),
  available: z.boolean().describe("The tenant's plan includes Auto Invoice."),
  lastRunAt: iso.nullable(),
  updatedAt: iso.nullable(),
  updatedBy: z.string().nullable(),
});

export const settingsBodySchema = z
  .object({
    enabled: z.boolean().optional(),
    cutoffDays: z.number({ error: "Enter a number of days" }).int("Whole days").min(1, "At least 1 day").max(3650, "At most 3650 days").optional(),
  })
  .strict();

export const recheckBodySchema = z
  .object({
    days: z.number({ error: "Enter a number of days" }).int("Whole days").min(1, "At least 1 day").max(3650, "At most 3650 days"),
  })
  .strict();

export const recheckSchema = z.object({
  from: iso.describe("Orders changed at or after this instant are run through the enabled rules again."),
  orders: z.number().int().describe("How many orders that is (archived ones are left out)."),
});

export const previewBodySchema = z
  .object({
    limit: z.number().int().min(1, "At least 1 order").max(200, "At most 200 orders").optional().describe("How many of the latest orders to try (default 20)."),
    rule: z.unknown().optional().describe("An unsaved version of the rule to try (same shape as POST); the saved rule when left out."),
  })
  .strict();

export const previewOrderSchema = z.object({
  orderLocalId: z.string(),
  orderNumber: z.string().nullable(),
  orderDate: z.string().nullable().describe("The order's orderDate as stored."),
  totalInclVat: z.string().nullable().describe("The order's total including VAT, in its currency."),
  currency: z.string().nullable(),
  lastModified: iso,
  outcome: z
    .enum(["invoice", "noMatch", "earlierRule", "alreadyInvoiced", "tooOld", "waiting", "error"])
    .describe("invoice: this rule would invoice it; noMatch: conditions do not hold; earlierRule: an earlier enabled rule takes it; alreadyInvoiced; tooOld: older than the cut-off; waiting: e.g. no shipment date yet; error: the invoice would not be valid."),
  reason: z.string().optional(),
  invoice: z.record(z.string(), z.unknown()).optional().describe("The invoice it would create (number shown as the series' next; nothing is reserved)."),
});

export const previewSchema = z.object({ rule: ruleSchema.omit({ createdAt: true, updatedAt: true }).partial({ id: true, version: true }), orders: z.array(previewOrderSchema) });

export const historySchema = z.object({
  ruleId: z.string(),
  invoicesCreated: z.number().int(),
  creditNotesCreated: z.number().int(),
  lastInvoiceAt: iso.nullable(),
  lastRunAt: iso.nullable(),
  recent: z.array(
    z.object({
      orderLocalId: z.string(),
      orderNumber: z.string().nullable(),
      invoiceLocalId: z.string(),
      invoiceNumber: z.string(),
      kind: z.enum(["invoice", "credit"]),
      creditOf: z.string().nullable().describe("A credit note's: the number of the invoice it credits."),
      createdAt: iso,
    }),
  ),
  errors: z.array(z.object({ orderLocalId: z.string(), orderNumber: z.string().nullable(), message: z.string(), details: z.unknown().nullable(), attempts: z.number().int(), updatedAt: iso })),
});

export type RuleActions = z.output<typeof actionsSchema>;
export type RuleAnswer = z.output<typeof ruleSchema>;
export type SettingsAnswer = z.output<typeof settingsSchema>;
export type PreviewAnswer = z.output<typeof previewSchema>;
export type RecheckAnswer = z.output<typeof recheckSchema>;
export type HistoryAnswer = z.output<typeof historySchema>;
