/**
 * Field paths into an API-shaped record: dot paths ("customer.billingAddress.countryCode"), "[]"
 * to walk every item of a list ("rows[].sku"), a digit segment for one item ("rows.0.sku"),
 * customData keys as they are ("customData.shopify|gateway", "customData.x-my.app|key"), and
 * ["…"] (a JSON string) for any other key ("customData[\"x-app|a.b\"].value").
 *
 * Reads only own properties, so "constructor" or "toString" never reach Object.prototype.
 */
import { customDataKeyProblem } from "@/lib/records/custom-data";

export type PathSegment = {
  key: string;
  /** The value at `key` is a list and every item is walked ("rows[]"). */
  each: boolean;
};

export const MAX_PATH_LENGTH = 300;
const NAME = /^[A-Za-z0-9_-]+/;
const FORBIDDEN = new Set(["__proto__", "constructor", "prototype"]);

export type ParsedPath = { ok: true; segments: PathSegment[] } | { ok: false; problem: string };

export function parseFieldPath(path: string): ParsedPath {
  const fail = (problem: string): ParsedPath => ({ ok: false, problem });
  if (typeof path !== "string" || path === "") return fail('Enter a field path, e.g. "orderStatus" or "rows[].sku"');
  if (path.length > MAX_PATH_LENGTH) return fail(`A field path is at most ${MAX_PATH_LENGTH} characters`);
  const segments: PathSegment[] = [];
  let i = 0;
  while (i < path.length) {
    let key: string;
    if (path.startsWith('["', i)) {
      const end = findQuotedEnd(path, i + 1);
      if (end < 0) return fail(`Unterminated ["…"] at character ${i + 1} of "${path}"`);
      try {
        key = JSON.parse(path.slice(i + 1, end + 1)) as string;
      } catch {
        return fail(`Not a JSON string inside ["…"] at character ${i + 1} of "${path}"`);
      }
      i = end + 1;
      if (path[i] !== "]") return fail(`Expected "]" at character ${i + 1} of "${path}"`);
      i++;
      if (segments.length === 1 && segments[0].key === "customData") {
        const problem = customDataKeyProblem(key);
        if (problem) return fail(`${problem} (in "${path}")`);
      }
    } else if (segments.length === 1 && segments[0].key === "customData" && !segments[0].each) {
      // A customData key "moduleId|key": module ids may contain dots, so read through the "|".
      const bar = path.indexOf("|", i);
      if (bar < 0) return fail(`customData keys are "moduleId|key", e.g. "customData.x-myapp|color"`);
      const rest = /^[^.[\]]*/.exec(path.slice(bar + 1))![0];
      key = path.slice(i, bar + 1 + rest.length);
      const problem = customDataKeyProblem(key);
      if (problem) return fail(`${problem} (in "${path}")`);
      i = bar + 1 + rest.length;
    } else {
      const m = NAME.exec(path.slice(i));
      if (!m) {
        const c = path[i];
        if (c === "|") return fail(`"|" appears only in customData keys, e.g. "customData.x-myapp|color"`);
        if (c === ".") return fail(`Empty segment at character ${i + 1} of "${path}"`);
        return fail(`Unexpected "${c}" at character ${i + 1} of "${path}": use letters, digits, "_" and "-", "." between fields and "[]" for every item of a list`);
      }
      key = m[0];
      i += key.length;
    }
    if (FORBIDDEN.has(key)) return fail(`"${key}" is not a field name`);
    let each = false;
    if (path.startsWith("[]", i)) {
      each = true;
      i += 2;
    }
    segments.push({ key, each });
    if (i === path.length) break;
    if (path.startsWith('["', i)) continue;
    if (path[i] === "|") return fail(`"|" appears only in customData keys, e.g. "customData.x-myapp|color"`);
    if (path[i] !== ".") return fail(`Expected "." or "[]" at character ${i + 1} of "${path}"`);
    i++;
    if (i === path.length) return fail(`"${path}" ends with "."`);
  }
  return { ok: true, segments };
}

function findQuotedEnd(s: string, quote: number): number {
  for (let j = quote + 1; j < s.length; j++) {
    if (s[j] === "\\") j++;
    else if (s[j] === '"') return j;
  }
  return -1;
}

/** The canonical text of a parsed path (round-trips through parseFieldPath). */
export function formatFieldPath(segments: PathSegment[]): string {
  return segments
    .map((s, i) => {
      const plain = NAME.test(s.key) && NAME.exec(s.key)![0] === s.key;
      const customKey = i === 1 && segments[0].key === "customData" && /^[^[\]|]*\|[^.[\]|]*$/.test(s.key);
      const key = plain || customKey ? s.key : `["${JSON.stringify(s.key).slice(1, -1)}"]`;
      return (i && !key.startsWith("[") ? "." : "") + key + (s.each ? "[]" : "");
    })
    .join("");
}

type Obj = Record<string, unknown>;

/** The own property `key` of an object, or the item at a digit key of an array. */
export function child(value: unknown, key: string): unknown {
  if (value === null || typeof value !== "object") return undefined;
  if (Array.isArray(value)) return /^\d+$/.test(key) ? value[Number(key)] : undefined;
  return Object.hasOwn(value, key) ? (value as Obj)[key] : undefined;
}

export type PathReader = {
  /** True when the path has "[]": it may yield many values. */
  multi: boolean;
  /** The one value of a path without "[]" (undefined when missing). */
  get(root: unknown): unknown;
  /** True when `test` holds for some value found (stops at the first); no values → false. */
  some(root: unknown, test: (value: unknown) => boolean): boolean;
  /** Every value found. */
  all(root: unknown): unknown[];
};

/** Precompiles a path for repeated reads: the segment walk is fixed once. */
export function pathReader(segments: PathSegment[]): PathReader {
  const n = segments.length;
  const multi = segments.some((s) => s.each);
  const get = (root: unknown): unknown => {
    let v = root;
    for (let i = 0; i < n && v !== undefined; i++) v = child(v, segments[i].key);
    return v;
  };
  const walk = (v: unknown, i: number, test: (value: unknown) => boolean): boolean => {
    for (; i < n; i++) {
      const seg = segments[i];
      v = child(v, seg.key);
      if (v === undefined) return false;
      if (seg.each) {
        if (!Array.isArray(v)) return false;
        for (const item of v) if (walk(item, i + 1, test)) return true;
        return false;
      }
    }
    return test(v);
  };
  return {
    multi,
    get,
    some: multi ? (root, test) => walk(root, 0, test) : (root, test) => {
      const v = get(root);
      return v !== undefined && test(v);
    },
    all: (root) => {
      const out: unknown[] = [];
      walk(root, 0, (v) => (out.push(v), false));
      return out;
    },
  };
}
