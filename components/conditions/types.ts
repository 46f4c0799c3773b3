/** One condition while it is edited: the value as typed (lists comma-separated). */
export type ConditionRow = { field: string; operator: string; value: string };

export type OperatorInfo = { value: string; label: string; takes: "none" | "one" | "list" | "days" };
