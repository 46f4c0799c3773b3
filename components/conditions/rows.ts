import type { Condition } from "@/lib/conditions";
import type { ConditionRow, OperatorInfo } from "./types";

/** Saved conditions as editor rows (lists joined with ", "). */
export function toRows(conditions: readonly Condition[]): ConditionRow[] {
  return conditions.map((c) => {
    const v = (c as { value?: unknown }).value;
    return { field: c.field, operator: c.operator, value: v === undefined || v === null ? "" : Array.isArray(v) ? v.join(", ") : String(v) };
  });
}

/** Editor rows as conditions to send; the server validates them. */
export function fromRows(rows: ConditionRow[], operators: OperatorInfo[]): Condition[] {
  const takes = new Map(operators.map((o) => [o.value, o.takes]));
  return rows.map((r) => {
    const field = r.field.trim();
    switch (takes.get(r.operator) ?? "one") {
      case "none":
        return { field, operator: r.operator } as Condition;
      case "list":
        return { field, operator: r.operator, value: listItems(r.value) } as Condition;
      default:
        // Numbers are strings in records and conditions alike ("30", "10.50").
        return { field, operator: r.operator, value: r.operator.endsWith("Days") ? r.value.trim() : r.value } as Condition;
    }
  });
}

/** A list value as typed ("a, b") as its items, as fromRows sends them. */
export function listItems(value: string): string[] {
  return value.split(",").map((v) => v.trim()).filter(Boolean);
}

/** Items as a list value, the way toRows writes one. */
export function listValue(items: readonly string[]): string {
  return items.join(", ");
}
