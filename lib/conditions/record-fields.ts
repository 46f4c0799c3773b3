/**
 * Which field paths exist on a record type, read from the same zod schemas that validate records
 * (lib/records) and the API's common fields (lib/schemas/records-api), so a typo such as
 * "orderStaus" or "rows.sku" is refused when a rule is saved, not silently never matched.
 */
import type { z } from "zod";
import { dataSchema, type RecordType } from "@/lib/records";
import { recordCommonSchema } from "@/lib/schemas/records-api";
import type { PathSegment } from "./paths";

type Node =
  | { kind: "object"; fields: Map<string, Field> }
  | { kind: "list"; item: Node }
  | { kind: "map"; value: Node }
  | { kind: "any" }
  | { kind: "value" };
/** A field of an object; `optional`: absent or null is valid (so it may be cleared). */
type Field = { node: Node; optional: boolean };

type Def = { type: string; shape?: Record<string, z.ZodType>; element?: z.ZodType; innerType?: z.ZodType; valueType?: z.ZodType; options?: z.ZodType[]; in?: z.ZodType };
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

function describe(schema: z.ZodType): Field {
  let optional = false;
  let s = schema;
  for (;;) {
    const def = defOf(s);
    if (def.type === "optional" || def.type === "nullable" || def.type === "default" || def.type === "catch") {
      optional = true;
      s = def.innerType!;
    } else if (def.type === "pipe") {
      s = def.in!;
    } else break;
  }
  return { node: nodeOf(s), optional };
}

function nodeOf(s: z.ZodType): Node {
  const def = defOf(s);
  switch (def.type) {
    case "object": {
      const fields = new Map<string, Field>();
      for (const [k, v] of Object.entries(def.shape ?? {})) fields.set(k, describe(v));
      return { kind: "object", fields };
    }
    case "array":
      return { kind: "list", item: describe(def.element!).node };
    case "record":
      return { kind: "map", value: describe(def.valueType!).node };
    case "union": {
      // Source is a union of objects: a field is known when any member has it.
      const fields = new Map<string, Field>();
      for (const option of def.options ?? []) {
        const n = nodeOf(option);
        if (n.kind !== "object") return { kind: "any" };
        for (const [k, f] of n.fields) if (!fields.has(k)) fields.set(k, { node: f.node, optional: true });
      }
      return { kind: "object", fields };
    }
    case "unknown":
    case "any":
      return { kind: "any" };
    default:
      return { kind: "value" };
  }
}

const cache = new Map<RecordType, Node>();

function recordNode(type: RecordType): Node {
  let node = cache.get(type);
  if (!node) {
    const common = nodeOf(recordCommonSchema as unknown as z.ZodType);
    const data = nodeOf(dataSchema(type));
    if (common.kind !== "object" || data.kind !== "object") throw new Error("record schemas are objects");
    node = { kind: "object", fields: new Map([...common.fields, ...data.fields]) };
    cache.set(type, node);
  }
  return node;
}

export type FieldInfo = {
  /** The path ends at a value that may be absent or null (so clearing it is valid). */
  optional: boolean;
  /**
   * What the path ends at: a single value, an object, a list (without "[]"), a map (any keys,
   * e.g. title_lang) or free-form data (inside customData values), where anything goes.
   */
  kind: "value" | "object" | "list" | "map" | "any";
};

/**
 * Checks a parsed path against a record type. Returns the problem (naming the segment and, when
 * the case differs, the field meant) or what the path ends at.
 */
export function fieldPathInfo(type: RecordType, segments: PathSegment[]): { problem: string } | FieldInfo {
  let node: Node = recordNode(type);
  let optional = true;
  let where: string = type;
  for (let i = 0; i < segments.length; i++) {
    const { key, each } = segments[i];
    const shown = segments.slice(0, i + 1).map((s) => s.key).join(".");
    if (node.kind === "any") return { optional: true, kind: "any" };
    if (node.kind === "list") {
      if (!/^\d+$/.test(key)) {
        return { problem: `${where} is a list: write ${where}[].${key} to look at every item, or ${where}.0.${key} for the first` };
      }
      node = node.item;
      optional = true;
    } else if (node.kind === "map") {
      node = node.value;
      optional = true;
    } else if (node.kind === "object") {
      const field = node.fields.get(key);
      if (!field) {
        const near = [...node.fields.keys()].find((k) => k.toLowerCase() === key.toLowerCase());
        const on = i === 0 ? `${/^[aeiou]/.test(type) ? "an" : "a"} ${type}` : where;
        return { problem: `${on} has no field "${key}"${near ? `: did you mean "${near}"?` : ""}` };
      }
      node = field.node;
      optional = field.optional;
    } else {
      return { problem: `${where} is a single value and has no field "${key}"` };
    }
    if (each) {
      if (node.kind !== "list") return { problem: `${shown} is not a list: remove "[]"` };
      node = node.item;
      optional = true;
    }
    where = shown;
  }
  return { optional, kind: node.kind };
}
