/** One condition while it is edited: the value as typed (lists comma-separated). */
export type ConditionRow = { field: string; operator: string; value: string };

/**
 * How the editor shows an operator and what value it asks for. `whole`: the value is compared whole
 * (equals, is one of …), so a field's `options` can be picked instead of typed.
 */
export type OperatorInfo = { value: string; label: string; takes: "none" | "one" | "list" | "days"; whole?: boolean };

/** A value a field can take, offered as a choice: `value` is what the condition stores, `label` what the user reads. */
export type FieldOption = { value: string; label: string; hint?: string };

/**
 * A field path offered in the field input, with what it is. With `options`, an operator comparing
 * whole values gets a picker of them instead of a text input (several for a list operator); a stored
 * value that is not among them still shows, as `${unknownLabel} ${value}`.
 */
export type FieldSuggestion = { path: string; label: string; options?: FieldOption[]; unknownLabel?: string };
