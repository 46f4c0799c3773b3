import type { z } from "zod";
import { ValidationError, type FieldErrors } from "./errors";

/** Parses input with a zod schema; failures become one ValidationError with a per-field list. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_form";
    // Own-property check: a path like "constructor" must not hit Object.prototype.
    if (!Object.hasOwn(fieldErrors, key)) fieldErrors[key] = [];
    fieldErrors[key].push(issue.message);
  }
  throw new ValidationError("Some fields are not valid.", fieldErrors);
}
