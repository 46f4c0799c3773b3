/** Manipulators that write fields: set-field, clear-field, map-values, set-custom-data, strip-html. */
import { z } from "zod";
import { fieldPathInfo, nfc, textOf, type PathSegment } from "@/lib/conditions";
import { customDataKeyProblem, customDataValueProblem } from "@/lib/records/custom-data";
import { defineManipulator, SettingsError, StepError, type Obj } from "../define";
import { KEEP, updateAtPath, writablePath } from "../fields";
import { stripHtml } from "../html";
import { cloneJson, deepEqual, isPlainObject, recordJson } from "../json";
import { fieldPath, text } from "../settings";
import { compileTemplate, type Template } from "../template";

const isEmpty = (v: unknown) => v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0);

function template(value: string, recordType: Parameters<typeof compileTemplate>[1], key = "value"): Template {
  try {
    return compileTemplate(value, recordType);
  } catch (e) {
    throw SettingsError.at(key, (e as Error).message);
  }
}

function parseJsonSetting(value: string, key: string): unknown {
  try {
    return JSON.parse(value);
  } catch (e) {
    throw SettingsError.at(key, `Not valid JSON: ${(e as Error).message}`);
  }
}

const valueType = z
  .enum(["text", "json"])
  .default("text")
  .describe("text: the value as text, with {{field}} placeholders; json: the value read as JSON (true, null, a list, an object).");

export const setField = defineManipulator({
  key: "set-field",
  name: "Set field",
  description:
    "Sets a field to a fixed value or to text built from other fields, like {{orderNumber}}-{{customer.billingAddress.name}}. Use it to fill in defaults or combine fields.",
  settings: z.strictObject({
    field: fieldPath().describe('The field to set, e.g. "note", "customer.billingAddress.countryCode", or "rows[].unit" for every row.'),
    value: z
      .string({ error: "Expected a text" })
      .max(5000)
      .describe("The new value. Placeholders {{field}} insert other fields (from the top of the record), also {{now}}, {{today}}, {{connection.name}}."),
    valueType,
    onlyIfEmpty: z.boolean().default(false).describe("Only set it when the field is missing, null or empty."),
  }),
  prepare(s, { recordType }) {
    const { segments, info } = writablePath(s.field, recordType, "field");
    const onlyIfEmpty = s.onlyIfEmpty;
    if (s.valueType === "json") {
      let value: unknown;
      try {
        value = recordJson(parseJsonSetting(s.value, "value"));
      } catch (e) {
        if (e instanceof StepError) throw SettingsError.at("value", e.message.replace(/^The result/, "The value"));
        throw e;
      }
      return {
        apply: (record) => updateAtPath(record, segments, (old) => (onlyIfEmpty && !isEmpty(old) ? KEEP : cloneJson(value)), { create: true }),
      };
    }
    if (info.kind !== "value" && info.kind !== "any") {
      throw SettingsError.at("field", `${s.field} holds ${info.kind === "list" ? "a list" : "an object"}: set it with valueType json, or name one of its fields`);
    }
    const t = template(s.value, recordType);
    return {
      apply: (record, ctx) => {
        const value = t.render(record, ctx);
        return updateAtPath(record, segments, (old) => (onlyIfEmpty && !isEmpty(old) ? KEEP : value), { create: true });
      },
    };
  },
});

export const clearField = defineManipulator({
  key: "clear-field",
  name: "Clear field",
  description: "Clears a field, for example a note or a phone number another system must not receive.",
  settings: z.strictObject({
    field: fieldPath().describe('The field to clear, e.g. "note", "customer.phone", or "rows[].discountExclVat" for every row.'),
  }),
  prepare(s, { recordType, direction }) {
    const { segments, info } = writablePath(s.field, recordType, "field");
    if (!info.optional) throw SettingsError.at("field", `${s.field} is required on ${/^[aeiou]/.test(recordType) ? "an" : "a"} ${recordType} and cannot be cleared`);
    // Cleared is null: on import an absent field means "leave as is", so null is written even then.
    const clear = (old: unknown) => (old === null ? KEEP : old === undefined && direction === "export" ? KEEP : null);
    return { apply: (record) => updateAtPath(record, segments, clear, { create: false }) };
  },
});

export const mapValues = defineManipulator({
  key: "map-values",
  name: "Map values",
  description:
    "Translates the values of a field with a table, e.g. payment methods or status names from one system into the other's. Values not in the table are kept, or replaced by a default.",
  settings: z.strictObject({
    field: fieldPath().describe('The field whose values are translated, e.g. "paymentMethod" or "rows[].unit".'),
    table: z
      .record(z.string(), z.string({ error: "Each value maps to a text" }), { error: "Expected a table of from → to" })
      .describe("From → to: a value equal to a from (exactly, after Unicode normalisation) becomes its to."),
    default: z.string().max(1000).optional().describe("The value for anything not in the table; leave empty to keep such values."),
    ignoreCase: z.boolean().default(false).describe("Match from-values regardless of upper and lower case."),
  }),
  prepare(s, { recordType }) {
    const { segments } = writablePath(s.field, recordType, "field");
    const entries = Object.entries(s.table);
    if (entries.length === 0) throw SettingsError.at("table", "Add at least one from → to");
    if (entries.length > 1000) throw SettingsError.at("table", "At most 1000 entries");
    const norm = s.ignoreCase ? (t: string) => nfc(t).toLowerCase() : nfc;
    const table = new Map<string, string>();
    const firstFrom = new Map<string, string>();
    for (const [from, to] of entries) {
      const k = norm(from);
      if (table.has(k)) {
        throw SettingsError.at(["table", from], `"${from}" and "${firstFrom.get(k)}" are the same${s.ignoreCase ? " when ignoring case" : ""}: keep one`);
      }
      if (to.length > 1000) throw SettingsError.at(["table", from], "At most 1000 characters");
      table.set(k, to);
      firstFrom.set(k, from);
    }
    const fallback = s.default === undefined || s.default === "" ? undefined : s.default;
    const map = (old: unknown) => {
      const t = textOf(old);
      if (t === undefined) return KEEP;
      const hit = table.get(norm(t));
      return hit ?? fallback ?? KEEP;
    };
    return { apply: (record) => updateAtPath(record, segments, map, { create: false }) };
  },
});

export const setCustomData = defineManipulator({
  key: "set-custom-data",
  name: "Set custom data",
  description: "Stores a value in the record's custom data under your own key (\"x-yourapp|name\"), for other systems or later rules to read.",
  settings: z.strictObject({
    key: text(200, 'Enter a key, e.g. "x-myapp|channel"').describe('The custom data key: "x-" + your module name, "|", the key, e.g. "x-myapp|channel".'),
    value: z.string({ error: "Expected a text" }).max(10_000).describe("The value: text with {{field}} placeholders, or JSON with valueType json."),
    valueType,
  }),
  prepare(s, { recordType }) {
    const problem = customDataKeyProblem(s.key, { userOnly: true });
    if (problem) throw SettingsError.at("key", problem);
    const key = s.key;
    const write = (record: Obj, value: unknown): boolean => {
      const current = record.customData;
      const data = isPlainObject(current) ? current : (record.customData = {});
      if (Object.hasOwn(data, key) && deepEqual(data[key], value)) return current !== data;
      // defineProperty: the key is user data and must never act as a setter.
      Object.defineProperty(data, key, { value, enumerable: true, writable: true, configurable: true });
      return true;
    };
    if (s.valueType === "json") {
      const value = parseJsonSetting(s.value, "value");
      const bad = customDataValueProblem(value);
      if (bad) throw SettingsError.at("value", bad);
      return { apply: (record) => write(record, cloneJson(value)) };
    }
    const t = template(s.value, recordType);
    return {
      apply: (record, ctx) => {
        const value = t.render(record, ctx);
        const bad = customDataValueProblem(value);
        if (bad) throw new StepError(`customData ${key}: ${bad}`);
        return write(record, value);
      },
    };
  },
});

export const stripHtmlManipulator = defineManipulator({
  key: "strip-html",
  name: "Strip HTML",
  description: "Turns HTML in text fields into plain text: tags are removed, line breaks kept and entities like &amp; decoded. Useful for systems that show descriptions as plain text.",
  settings: z.strictObject({
    fields: z
      .array(fieldPath(), { error: "Expected a list of field paths" })
      .min(1, "Name at least one field")
      .max(50)
      .default(["description"])
      .describe('The text fields, e.g. "description", "note", "rows[].name".'),
    includeTranslations: z.boolean().default(true).describe("Also strip the field's translations (description_lang, description_lang2, description_fallback)."),
  }),
  prepare(s, { recordType }) {
    type Target = { segments: PathSegment[]; map: boolean };
    const targets: Target[] = [];
    s.fields.forEach((field, i) => {
      let checked;
      try {
        checked = writablePath(field, recordType, "fields");
      } catch (e) {
        if (e instanceof SettingsError) throw new SettingsError(e.issues.map((x) => ({ ...x, path: ["fields", i] })));
        throw e;
      }
      if (checked.info.kind !== "value" && checked.info.kind !== "any") throw SettingsError.at(["fields", i], `${field} is not a text field`);
      targets.push({ segments: checked.segments, map: false });
      if (!s.includeTranslations) return;
      const last = checked.segments[checked.segments.length - 1];
      for (const [suffix, map] of [["_lang", true], ["_lang2", true], ["_fallback", false]] as const) {
        const sibling = [...checked.segments.slice(0, -1), { key: last.key + suffix, each: last.each }];
        if (!("problem" in fieldPathInfo(recordType, sibling))) targets.push({ segments: sibling, map });
      }
    });
    const strip = (old: unknown) => (typeof old === "string" ? stripHtml(old) : KEEP);
    const stripMap = (old: unknown) => {
      if (!isPlainObject(old)) return KEEP;
      const out: Obj = {};
      for (const [k, v] of Object.entries(old)) out[k] = typeof v === "string" ? stripHtml(v) : v;
      return out;
    };
    return {
      apply: (record) => {
        let changed = false;
        for (const t of targets) if (updateAtPath(record, t.segments, t.map ? stripMap : strip, { create: false })) changed = true;
        return changed;
      },
    };
  },
});
