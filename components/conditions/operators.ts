import type { OperatorInfo } from "./types";

/** How the conditions editor shows each operator of lib/conditions and what value it asks for. */
const known: Record<string, Omit<OperatorInfo, "value">> = {
  equals: { label: "equals", takes: "one", whole: true },
  notEquals: { label: "does not equal", takes: "one", whole: true },
  in: { label: "is one of", takes: "list", whole: true },
  notIn: { label: "is none of", takes: "list", whole: true },
  contains: { label: "contains", takes: "one" },
  notContains: { label: "does not contain", takes: "one" },
  startsWith: { label: "starts with", takes: "one" },
  matches: { label: "matches regex", takes: "one" },
  greaterThan: { label: ">", takes: "one" },
  greaterOrEqual: { label: "≥", takes: "one" },
  lessThan: { label: "<", takes: "one" },
  lessOrEqual: { label: "≤", takes: "one" },
  isEmpty: { label: "is empty", takes: "none" },
  isNotEmpty: { label: "is not empty", takes: "none" },
  exists: { label: "exists", takes: "none" },
  notExists: { label: "does not exist", takes: "none" },
  olderThanDays: { label: "older than (days)", takes: "days" },
  newerThanDays: { label: "newer than (days)", takes: "days" },
};

export function operatorInfo(operators: readonly string[]): OperatorInfo[] {
  return operators.map((value) => ({ value, ...(known[value] ?? { label: value, takes: "one" as const }) }));
}
