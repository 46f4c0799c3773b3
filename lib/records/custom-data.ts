/**
 * customData: extra data modules keep on a record, keyed "moduleId|key". Platform modules use
 * plain ids ("autoInvoice|rule"); user / external modules use ids starting with "x-"
 * ("x-acme-erp|projectCode"). A value is any JSON value of at most 10 kB serialised; null as a
 * value means "remove this key" when the service merges a write.
 */
import { z } from "zod";
import { isStorableText } from "./fields";

export const CUSTOM_DATA_MAX_VALUE_BYTES = 10 * 1024;
export const CUSTOM_DATA_MAX_KEYS = 200;
const MODULE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export function isUserModuleId(moduleId: string): boolean {
  return moduleId.startsWith("x-") && moduleId.length > 2;
}

/** Why a customData key is not acceptable, or undefined. */
export function customDataKeyProblem(key: string, opts: { userOnly?: boolean } = {}): string | undefined {
  const parts = key.split("|");
  if (parts.length !== 2) {
    return `Keys are "moduleId|key" with exactly one "|" (found ${parts.length - 1}), e.g. "x-myapp|color"`;
  }
  const [moduleId, name] = parts;
  if (!moduleId) return 'The module id before "|" is empty, e.g. "x-myapp|color"';
  if (!name) return 'The key after "|" is empty, e.g. "x-myapp|color"';
  if (key.length > 200) return "Keys are at most 200 characters";
  if (!MODULE_ID.test(moduleId)) return `Module id "${moduleId}" may contain only letters, digits, ".", "_" and "-"`;
  if (moduleId === "x-") return 'A user module id is "x-" followed by a name, e.g. "x-myapp"';
  if (opts.userOnly && !isUserModuleId(moduleId)) {
    return `Module id "${moduleId}" is reserved for the platform: user module ids start with "x-", e.g. "x-${moduleId}"`;
  }
  if (!isStorableText(name)) return "The key contains a NUL character or invalid Unicode";
  return undefined;
}

/** Why a value is not acceptable: not plain JSON, text PostgreSQL cannot store, or too large. */
export function customDataValueProblem(value: unknown): string | undefined {
  const bad = nonJson(value, 0);
  if (bad) return bad;
  const bytes = Buffer.byteLength(JSON.stringify(value), "utf8");
  if (bytes > CUSTOM_DATA_MAX_VALUE_BYTES) {
    return `At most ${CUSTOM_DATA_MAX_VALUE_BYTES} bytes (10 kB) serialised as JSON; this value is ${bytes} bytes`;
  }
  return undefined;
}

function nonJson(v: unknown, depth: number): string | undefined {
  if (depth > 20) return "Nested too deeply (at most 20 levels)";
  if (v === null || typeof v === "boolean") return undefined;
  if (typeof v === "number") return Number.isFinite(v) ? undefined : "Not a JSON value (a non-finite number)";
  if (typeof v === "string") return isStorableText(v) ? undefined : "Contains a NUL character or invalid Unicode";
  if (Array.isArray(v)) {
    for (const item of v) {
      const bad = nonJson(item, depth + 1);
      if (bad) return bad;
    }
    return undefined;
  }
  if (typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype) {
    for (const [k, item] of Object.entries(v)) {
      if (!isStorableText(k)) return "A key contains a NUL character or invalid Unicode";
      const bad = nonJson(item, depth + 1);
      if (bad) return bad;
    }
    return undefined;
  }
  return `Not a JSON value (${typeof v})`;
}

function makeSchema(userOnly: boolean) {
  return z
    .record(z.string(), z.unknown(), {
      error: () => 'Expected an object keyed "moduleId|key"',
    })
    .superRefine((obj, ctx) => {
      const keys = Object.keys(obj);
      if (keys.length > CUSTOM_DATA_MAX_KEYS) {
        ctx.addIssue({ code: "custom", message: `At most ${CUSTOM_DATA_MAX_KEYS} keys` });
      }
      for (const key of keys) {
        const problem = customDataKeyProblem(key, { userOnly }) ?? customDataValueProblem(obj[key]);
        if (problem) ctx.addIssue({ code: "custom", path: [key], message: problem });
      }
    })
    .describe(
      'Extra data keyed "moduleId|key" (user module ids start with "x-"); values are JSON of at most 10 kB; a null value removes the key.',
    ) as z.ZodType<Record<string, unknown>>;
}

/** Any module id (platform modules and connectors write their own). */
export const customDataSchema: z.ZodType<Record<string, unknown>> = makeSchema(false);
/** Only user module ids ("x-…"): for writes where the caller must not touch platform modules' data. */
export const userCustomDataSchema: z.ZodType<Record<string, unknown>> = makeSchema(true);
