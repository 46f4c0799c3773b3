/**
 * FormData → plain object for zod: single values as strings, the named multi-value fields
 * (checkbox groups) as arrays, "true"/"false" hidden inputs left as strings for the schema to coerce.
 */
export function formToObject(form: FormData, arrays: string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    if (key.startsWith("$ACTION")) continue;
    out[key] = arrays.includes(key) ? form.getAll(key).map(String) : String(form.get(key));
  }
  for (const key of arrays) out[key] ??= [];
  return out;
}

/** A numeric form field as a number; anything else as typed, so the service's schema names the field. */
export function formNumber(form: FormData, name: string): unknown {
  const raw = String(form.get(name) ?? "").trim();
  return raw !== "" && Number.isFinite(Number(raw)) ? Number(raw) : raw;
}
