/**
 * Text templates for set-field and set-custom-data: "{{orderNumber}}-{{customer.billingAddress.name}}".
 * A placeholder is a field path of the record or one of: now (ISO 8601 UTC), today (YYYY-MM-DD,
 * UTC), direction, recordType, connection.id, connection.name, connection.connectorKey.
 * A missing field renders as ""; a "[]" path joins its values with ", "; objects render as JSON.
 */
import { fieldPathInfo, parseFieldPath, pathReader } from "@/lib/conditions";
import type { RecordType } from "@/lib/records";
import type { Obj } from "./define";
import type { ManipulatorContext } from "./types";

export type Template = { constant: boolean; render(record: Obj, ctx: ManipulatorContext): string };

type Part = string | ((record: Obj, ctx: ManipulatorContext) => string);

const builtins: Record<string, (ctx: ManipulatorContext) => string> = {
  now: (ctx) => ctx.now.toISOString(),
  today: (ctx) => ctx.now.toISOString().slice(0, 10),
  direction: (ctx) => ctx.direction,
  recordType: (ctx) => ctx.recordType,
  "connection.id": (ctx) => ctx.connection.id,
  "connection.name": (ctx) => ctx.connection.name,
  "connection.connectorKey": (ctx) => ctx.connection.connectorKey,
};

function show(v: unknown): string {
  if (v === undefined || v === null) return "";
  if (typeof v === "string") return v;
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

/** Compiles a template once; throws Error(problem) naming the placeholder that is wrong. */
export function compileTemplate(text: string, recordType: RecordType): Template {
  const parts: Part[] = [];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf("{{", i);
    if (open < 0) {
      parts.push(text.slice(i));
      break;
    }
    if (open > i) parts.push(text.slice(i, open));
    const close = text.indexOf("}}", open + 2);
    if (close < 0) throw new Error(`"{{" at character ${open + 1} has no closing "}}"`);
    const name = text.slice(open + 2, close).trim();
    if (Object.hasOwn(builtins, name)) {
      const b = builtins[name];
      parts.push((_r, ctx) => b(ctx));
    } else {
      const parsed = parseFieldPath(name);
      if (!parsed.ok) throw new Error(`{{${name}}}: ${parsed.problem}`);
      const info = fieldPathInfo(recordType, parsed.segments);
      if ("problem" in info) throw new Error(`{{${name}}}: ${info.problem}`);
      const reader = pathReader(parsed.segments);
      parts.push(reader.multi ? (r) => reader.all(r).map(show).join(", ") : (r) => show(reader.get(r)));
    }
    i = close + 2;
  }
  const constant = parts.every((p) => typeof p === "string");
  if (constant) {
    const value = parts.join("");
    return { constant, render: () => value };
  }
  return {
    constant,
    render: (record, ctx) => {
      let out = "";
      for (const p of parts) out += typeof p === "string" ? p : p(record, ctx);
      return out;
    },
  };
}
