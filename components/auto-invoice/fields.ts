import type { FieldSuggestion } from "@/components/conditions/types";
import type { Condition } from "@/lib/conditions";
import type { ConnectionChoice, Rule } from "./types";

/**
 * Order fields a rule usually tests, offered in the conditions' field input. The source connection
 * is picked from the tenant's connections (by name; the condition keeps the id).
 */
export function orderFieldSuggestions(connections: readonly ConnectionChoice[]): FieldSuggestion[] {
  return [
    { path: "orderStatus", label: "Order status: new, processing, completed, cancelled, refunded, onHold" },
    { path: "paymentStatus", label: "Payment status: unpaid, authorized, paid, partiallyPaid, refunded …" },
    { path: "shippingStatus", label: "Shipping status: unshipped, partiallyShipped, shipped, delivered, returned" },
    {
      path: "source.connectionId",
      label: "Source connection: the connection the order came from",
      options: connections.map((c) => ({ value: c.connectionId, label: c.name, hint: c.archived ? `${c.connectorName}, archived` : c.connectorName })),
      unknownLabel: "Unknown connection",
    },
    { path: "paymentMethod", label: "Payment method, e.g. card, klarna" },
    { path: "currency", label: "Currency, e.g. SEK" },
    { path: "customer.billingAddress.countryCode", label: "Billing country, e.g. SE" },
    { path: "customer.shippingAddress.countryCode", label: "Shipping country" },
    { path: "totals.totalInclVat", label: "Order total incl. VAT (use >, ≥, <, ≤ for a range)" },
    { path: "orderDate", label: "Order date (use older/newer than days for its age)" },
    { path: "customData.", label: "A customData field: customData.<module|key>" },
  ];
}

const opText: Record<string, string> = {
  equals: "=",
  notEquals: "≠",
  in: "in",
  notIn: "not in",
  contains: "contains",
  notContains: "does not contain",
  startsWith: "starts with",
  matches: "matches",
  greaterThan: ">",
  greaterOrEqual: "≥",
  lessThan: "<",
  lessOrEqual: "≤",
  isEmpty: "is empty",
  isNotEmpty: "is not empty",
  exists: "exists",
  notExists: "does not exist",
  olderThanDays: "older than",
  newerThanDays: "newer than",
};

/** A condition as a line; connection ids read as the connections' names. */
function conditionText(c: Condition, connectionNames: Record<string, string>): string {
  const raw = (c as { value?: unknown }).value;
  const named = (x: unknown) => (c.field === "source.connectionId" && typeof x === "string" ? (connectionNames[x] ?? `unknown connection ${x}`) : x);
  const v = Array.isArray(raw) ? raw.map(named) : named(raw);
  const value = v === undefined || v === null ? "" : Array.isArray(v) ? v.join(", ") : String(v);
  const days = c.operator.endsWith("Days") ? ` ${value} days` : value ? ` ${value}` : "";
  return `${c.field} ${opText[c.operator] ?? c.operator}${days}`;
}

const dateText = { orderDate: "dated on the order date", now: "dated when created", shippedDate: "dated when shipped" } as const;

/** One line each for a rule's conditions and actions, for the rule list. */
export function ruleSummary(rule: Pick<Rule, "conditions" | "match" | "actions">, connectionNames: Record<string, string>) {
  const conditions = rule.conditions.length === 0 ? "Every order" : rule.conditions.map((c) => conditionText(c, connectionNames)).join(rule.match === "all" ? " and " : " or ");
  const a = rule.actions;
  const parts = [`Invoice ${a.numberSeries.prefix || "(no prefix)"}…, ${dateText[a.invoiceDate] ?? a.invoiceDate}, due in ${a.dueDays} day${a.dueDays === 1 ? "" : "s"}`];
  if (a.markPaidWhenOrderPaid) parts.push("marked paid once the order is paid");
  const fields = Object.keys(a.setFields ?? {});
  if (fields.length) parts.push(`sets ${fields.join(", ")}`);
  if (a.exportConnectionId) parts.push(`exported through ${connectionNames[a.exportConnectionId] ?? "an unknown connection"}`);
  if (a.creditNoteOnCancel) parts.push("credit note on cancel or refund");
  return { conditions, actions: parts.join("; ") };
}
