import { z } from "zod";
import { ValidationError, type FieldErrors } from "@/lib/errors";

/**
 * The one place that turns a connector's (or plug's) zod settings schema into form fields, and a
 * submitted form back into typed values for that schema. Forms are generated from the schema's
 * JSON Schema (input side, so defaults and optionals are what a user may type), never hand-written.
 */

type Base = { name: string; label: string; help?: string; required: boolean };
export type SettingsField =
  | (Base & { kind: "text"; inputType: "text" | "date"; value: string })
  | (Base & { kind: "secret"; saved: boolean })
  | (Base & { kind: "number"; integer: boolean; value: string })
  | (Base & { kind: "select"; options: string[]; value: string })
  | (Base & { kind: "checkbox"; value: boolean })
  | (Base & { kind: "checkboxes"; options: string[]; value: string[] })
  | (Base & { kind: "list"; value: string })
  | (Base & { kind: "json"; value: string });

type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  items?: JsonSchema;
  format?: string;
  default?: unknown;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  managed?: boolean;
};


const acronyms: Record<string, string> = { url: "URL", id: "ID", api: "API", vat: "VAT", sku: "SKU", oauth: "OAuth" };

/** `pricesIncludeVat` → "Prices include VAT". */
export function fieldLabel(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[\s_]+/)
    .map((w) => acronyms[w.toLowerCase()] ?? w.toLowerCase());
  const first = words[0] ?? "";
  words[0] = first === first.toUpperCase() ? first : first.charAt(0).toUpperCase() + first.slice(1);
  return words.join(" ");
}

function typeOf(s: JsonSchema): string | undefined {
  if (Array.isArray(s.type)) return s.type.find((t) => t !== "null");
  if (s.type) return s.type;
  return s.anyOf?.map(typeOf).find(Boolean);
}

const text = (v: unknown) => (v === undefined || v === null ? "" : String(v));

/**
 * Form fields for a settings schema. `values` are the saved plain settings (defaults are used where
 * none is saved); secret fields never carry a value, only whether one is saved.
 */
export function settingsFields(schema: z.ZodType, opts: { secretFields?: readonly string[]; secretsSet?: readonly string[]; values?: Record<string, unknown> } = {}): SettingsField[] {
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  const required = new Set(json.required ?? []);
  const fields: SettingsField[] = [];
  for (const [name, prop] of Object.entries(json.properties ?? {})) {
    // Fields a connector keeps up to date itself (rotated OAuth tokens, `.meta({ managed: true })`): never shown, kept on save.
    if (prop.managed === true) continue;
    const base: Base = { name, label: fieldLabel(name), help: prop.description, required: required.has(name) };
    const has = opts.values !== undefined && Object.hasOwn(opts.values, name);
    const current = has ? opts.values![name] : prop.default;
    const type = typeOf(prop);
    if (opts.secretFields?.includes(name)) {
      fields.push({ ...base, kind: "secret", saved: opts.secretsSet?.includes(name) ?? false });
    } else if (prop.enum) {
      fields.push({ ...base, kind: "select", options: prop.enum.map(String), value: text(current) });
    } else if (type === "boolean") {
      fields.push({ ...base, kind: "checkbox", value: current === true });
    } else if (type === "number" || type === "integer") {
      fields.push({ ...base, kind: "number", integer: type === "integer", value: text(current) });
    } else if (type === "string") {
      fields.push({ ...base, kind: "text", inputType: prop.format === "date" ? "date" : "text", value: text(current) });
    } else if (type === "array" && prop.items?.enum) {
      fields.push({ ...base, kind: "checkboxes", options: prop.items.enum.map(String), value: Array.isArray(current) ? current.map(String) : [] });
    } else if (type === "array" && typeOf(prop.items ?? {}) === "string") {
      fields.push({ ...base, kind: "list", value: Array.isArray(current) ? current.join(", ") : "" });
    } else {
      fields.push({ ...base, kind: "json", value: current === undefined ? "" : JSON.stringify(current, null, 2) });
    }
  }
  return fields;
}

/**
 * The submitted form as settings values. An empty optional field is left out (so the schema's
 * default applies); an empty secret is sent as "" (the service keeps the saved one). JSON that does
 * not parse is a field error here, before the schema sees it.
 */
export function readSettings(fields: SettingsField[], form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const errors: FieldErrors = {};
  for (const f of fields) {
    const raw = form.get(f.name);
    const s = typeof raw === "string" ? raw.trim() : "";
    switch (f.kind) {
      case "checkbox":
        out[f.name] = form.has(f.name);
        break;
      case "checkboxes":
        out[f.name] = form.getAll(f.name).map(String);
        break;
      case "secret":
        out[f.name] = s;
        break;
      case "list":
        if (s || f.required) out[f.name] = s.split(",").map((v) => v.trim()).filter(Boolean);
        break;
      case "number":
        if (!s && !f.required) break;
        if (s === "" || Number.isNaN(Number(s))) errors[f.name] = ["Enter a number."];
        else out[f.name] = Number(s);
        break;
      case "json":
        if (!s && !f.required) break;
        try {
          out[f.name] = JSON.parse(s);
        } catch (e) {
          errors[f.name] = [`Not valid JSON: ${(e as Error).message}`];
        }
        break;
      default:
        if (s || f.required) out[f.name] = s;
    }
  }
  if (Object.keys(errors).length) throw new ValidationError("Some fields are not valid.", errors);
  return out;
}

/**
 * Points a schema's error paths at the fields that show them: "taxCodes.1.taxCodeId" belongs to the
 * taxCodes JSON field ("Row 2, taxCodeId: …"); anything else keeps its key.
 */
export function fieldErrorsFor(fields: SettingsField[], errors: FieldErrors): FieldErrors {
  const out: FieldErrors = {};
  for (const [path, messages] of Object.entries(errors)) {
    const [head, ...rest] = path.split(".");
    const field = rest.length ? fields.find((f) => f.name === head) : undefined;
    const key = field ? head : path;
    const where = rest.length && field ? [/^\d+$/.test(rest[0]) ? `Row ${Number(rest[0]) + 1}` : rest[0], ...rest.slice(1)].join(", ") : "";
    (out[key] ??= []).push(...messages.map((m) => (where ? `${where}: ${m}` : m)));
  }
  return out;
}

/** Runs a service call and re-keys its settings validation errors with fieldErrorsFor. */
export async function withSettingsErrors<T>(fields: SettingsField[], fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof ValidationError && e.fieldErrors) throw new ValidationError(e.message, fieldErrorsFor(fields, e.fieldErrors));
    throw e;
  }
}
