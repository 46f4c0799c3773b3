import { ValidationError } from "@/lib/errors";
import { customDataSchema, userCustomDataSchema } from "./custom-data";
import { issueCollector } from "./checks";
import { isStorableText, BAD_TEXT } from "./fields";

/** Common fields the platform owns: a write body may echo them (e.g. a GET response sent back), they are dropped silently. */
export const readOnlyRecordFields = [
  "localId",
  "href",
  "remoteIdMap",
  "remoteRefMap",
  "created",
  "lastModified",
  "lastModifiedBy",
  "archived",
] as const;
const readOnly: ReadonlySet<string> = new Set(readOnlyRecordFields);

export type WriteBody = {
  remoteId?: string | null;
  remoteRef?: string | null;
  sourceCode?: string | null;
  customData?: Record<string, unknown> | null;
  data: Record<string, unknown>;
};

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Splits an API write body into the common writable fields and the type data (everything else).
 * Absent stays absent (left unchanged), null is kept (cleared). Validates the common fields
 * (remoteId, remoteRef, source.code: non-empty strings of at most 255 characters; customData:
 * customDataSchema, or userCustomDataSchema with `{ customData: "user" }`); the data is validated
 * later by validateRecordData on the merged record. Throws one ValidationError with every problem.
 */
export function splitWriteBody(body: unknown, opts: { customData?: "any" | "user" } = {}): WriteBody {
  if (!isPlainObject(body)) {
    throw new ValidationError("Send a JSON object.", { _form: ["Expected a JSON object with the record's fields"] });
  }
  const issues = issueCollector();
  const result: WriteBody = { data: {} };
  const dataEntries: [string, unknown][] = [];

  for (const [key, value] of Object.entries(body)) {
    if (readOnly.has(key)) continue;
    switch (key) {
      case "remoteId":
      case "remoteRef": {
        const problem = refProblem(value);
        if (problem) issues.add([key], problem);
        else result[key] = value as string | null;
        break;
      }
      case "source": {
        // Only source.code is writable; the rest (type, connectionId …) is the platform's and ignored.
        if (value === null) break;
        if (!isPlainObject(value)) {
          issues.add(["source"], 'Expected an object; only source.code is writable, e.g. { "code": "webshop-se" }');
          break;
        }
        if (!("code" in value)) break;
        const problem = refProblem(value.code);
        if (problem) issues.add(["source", "code"], problem);
        else result.sourceCode = value.code as string | null;
        break;
      }
      case "customData": {
        if (value === null) {
          result.customData = null;
          break;
        }
        const schema = opts.customData === "user" ? userCustomDataSchema : customDataSchema;
        const parsed = schema.safeParse(value);
        if (parsed.success) result.customData = parsed.data;
        else for (const issue of parsed.error.issues) issues.add(["customData", ...(issue.path as (string | number)[])], issue.message);
        break;
      }
      default:
        dataEntries.push([key, value]);
    }
  }
  if (issues.count()) throw new ValidationError("Some fields are not valid.", issues.errors);
  // fromEntries defines own properties, so a "__proto__" key stays data (and is then an Unknown field).
  result.data = Object.fromEntries(dataEntries);
  return result;
}

function refProblem(value: unknown): string | undefined {
  if (value === null) return undefined;
  if (typeof value === "number") return `Send numbers as strings, e.g. "${value}"`;
  if (typeof value !== "string") return "Expected a string or null";
  if (value.trim() === "") return "Must not be empty (send null to clear)";
  if (value.length > 255) return "At most 255 characters";
  if (!isStorableText(value)) return BAD_TEXT;
  return undefined;
}
