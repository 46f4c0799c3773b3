/**
 * Auto Invoice rules without the database: the shape (lib/schemas/auto-invoice.ts), the conditions
 * (lib/conditions, checked against the order schema), and the contradictions a form cannot catch
 * (a rule that can never match is refused rather than stored silently dead).
 */
import { checkConditions, compileConditions, type Condition, type Match, type RecordPredicate } from "@/lib/conditions";
import { ValidationError, type FieldErrors } from "@/lib/errors";
import { Dec, decimalProblem } from "@/lib/money/decimal";
import { customDataSchema } from "@/lib/records";
import { actionsSchema, settableInvoiceFields, type RuleActions } from "@/lib/schemas/auto-invoice";

export type RuleDefinition = { name: string; conditions: Condition[]; match: Match; actions: RuleActions };

function addTo(errors: FieldErrors, key: string, message: string) {
  if (!Object.hasOwn(errors, key)) errors[key] = [];
  errors[key].push(message);
}

/**
 * Conditions that no order can satisfy together (match "all" only; with "any" one of them is
 * enough): two different `equals` on one field, `equals` outside an `in` list, `in` lists with
 * nothing in common, and decimal ranges whose lower bound lies above the upper one (min > max).
 */
export function contradictions(conditions: readonly Condition[], match: Match): FieldErrors {
  const errors: FieldErrors = {};
  if (match !== "all") return errors;
  // Only plain paths: on "rows[].x" each condition may hold for a different row.
  const plain = conditions.map((c, i) => ({ c, i })).filter(({ c }) => !c.field.includes("[]"));
  const byField = new Map<string, { c: Condition; i: number }[]>();
  for (const e of plain) byField.set(e.c.field, [...(byField.get(e.c.field) ?? []), e]);

  for (const [field, list] of byField) {
    // The set of values the field may take, as the equals / in conditions narrow it.
    let allowed: Set<string> | undefined;
    let firstIndex = -1;
    for (const { c, i } of list) {
      const values = c.operator === "equals" && typeof c.value === "string" ? [c.value] : c.operator === "in" && Array.isArray(c.value) ? c.value : undefined;
      if (!values) continue;
      const next: Set<string> = allowed ? new Set(values.filter((v) => allowed!.has(v))) : new Set(values);
      if (allowed && next.size === 0) {
        const mine = c.operator === "equals" ? `equals "${c.value}"` : `in [${values.map((v) => `"${v}"`).join(", ")}]`;
        const earlier = firstIndex >= 0 ? firstIndex + 1 : 1;
        addTo(errors, `conditions.${i}.value`, `Contradicts condition ${earlier}: ${field} cannot also be ${mine} when every condition must match, so the rule would never invoice anything.`);
      }
      if (firstIndex < 0) firstIndex = i;
      allowed = next;
    }

    // Decimal ranges: the greatest lower bound must not exceed the least upper bound.
    let low: { v: Dec; strict: boolean; i: number } | undefined;
    let high: { v: Dec; strict: boolean; i: number } | undefined;
    for (const { c, i } of list) {
      if (typeof c.value !== "string" || decimalProblem(c.value) !== undefined) continue;
      const v = new Dec(c.value);
      if (c.operator === "greaterThan" || c.operator === "greaterOrEqual") {
        const strict = c.operator === "greaterThan";
        if (!low || v.greaterThan(low.v) || (v.equals(low.v) && strict)) low = { v, strict, i };
      } else if (c.operator === "lessThan" || c.operator === "lessOrEqual") {
        const strict = c.operator === "lessThan";
        if (!high || v.lessThan(high.v) || (v.equals(high.v) && strict)) high = { v, strict, i };
      }
    }
    if (low && high && (low.v.greaterThan(high.v) || (low.v.equals(high.v) && (low.strict || high.strict)))) {
      const at = Math.max(low.i, high.i);
      addTo(errors, `conditions.${at}.value`, `The range on ${field} is empty: at least ${low.v.toString()} (condition ${low.i + 1}) and at most ${high.v.toString()} (condition ${high.i + 1}); the minimum must be below the maximum.`);
    }
  }
  return errors;
}

/** Problems with actions.setFields: only known invoice fields and valid customData keys. */
function setFieldProblems(setFields: Record<string, string> | undefined): FieldErrors {
  const errors: FieldErrors = {};
  for (const key of Object.keys(setFields ?? {})) {
    const at = `actions.setFields.${key}`;
    if (key.startsWith("customData.")) {
      const parsed = customDataSchema.safeParse({ [key.slice("customData.".length)]: "x" });
      if (!parsed.success) addTo(errors, at, parsed.error.issues[0]?.message ?? "Not a valid customData key (module|key)");
    } else if (!(settableInvoiceFields as readonly string[]).includes(key)) {
      addTo(errors, at, `A rule can set ${settableInvoiceFields.join(", ")} or "customData.<module>|<key>"; "${key}" is not one of them.`);
    }
  }
  return errors;
}

/**
 * Checks a full rule definition and returns it normalised. Every problem is reported at once, with
 * its field path ("conditions.1.value", "actions.numberSeries.prefix").
 */
export function validateRule(input: { name: string; conditions: unknown; match: unknown; actions: unknown }): RuleDefinition {
  const errors: FieldErrors = {};
  const checked = checkConditions(input.conditions, { recordType: "order" });
  if (!checked.ok) for (const i of checked.issues) addTo(errors, ["conditions", ...i.path].join("."), i.message);
  const match = input.match === "any" ? "any" : input.match === "all" || input.match === undefined ? "all" : undefined;
  if (!match) addTo(errors, "match", 'Use "all" (every condition must match) or "any" (at least one)');
  const actions = actionsSchema.safeParse(input.actions);
  if (!actions.success) for (const i of actions.error.issues) addTo(errors, ["actions", ...i.path.map(String)].join("."), i.message);
  if (checked.ok && match) Object.assign(errors, contradictions(checked.conditions, match));
  if (actions.success) Object.assign(errors, setFieldProblems(actions.data.setFields));
  if (Object.keys(errors).length) {
    const first = Object.values(errors)[0][0];
    throw new ValidationError(`The rule cannot be saved: ${first}`, errors);
  }
  return { name: input.name, conditions: checked.ok ? checked.conditions : [], match: match ?? "all", actions: actions.success ? actions.data : (undefined as never) };
}

/** The rule's predicate over an order in its Tenant API shape. */
export function rulePredicate(rule: { conditions: Condition[]; match: Match }): RecordPredicate {
  return compileConditions(rule.conditions, rule.match, { recordType: "order" });
}
