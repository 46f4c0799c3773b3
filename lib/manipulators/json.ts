/** Plain-JSON helpers for the chain: copy, compare, and checking what expressions and scripts return. */
import { StepError, type Obj } from "./define";

/**
 * A deep copy of a JSON value (plain objects, arrays, scalars). Several times faster than
 * structuredClone or a JSON round trip on records, and the copies are fresh fast-mode objects
 * whatever the input looked like. A "__proto__" key is copied as data, never as a prototype.
 */
export function cloneJson<T>(value: T): T {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = cloneJson(value[i]);
    return out as T;
  }
  const out: Obj = {};
  for (const k of Object.keys(value)) {
    const v = cloneJson((value as Obj)[k]);
    if (k === "__proto__") Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    else out[k] = v;
  }
  return out as T;
}

/** Structural equality of JSON values; shared subtrees compare by identity first. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if (!Object.hasOwn(b, k) || !deepEqual((a as Obj)[k], (b as Obj)[k])) return false;
  }
  return true;
}

const MAX_DEPTH = 64;

/**
 * Copies what an expression or a script produced into plain record JSON, or fails the record
 * with the path of the first thing a record cannot carry: a number (records carry numbers as
 * strings, so a float never slips in), a function, a "__proto__" key, or nesting deeper than 64.
 * JSONata sequences become plain arrays; undefined object values are dropped (as JSON does).
 */
export function recordJson(value: unknown, path = ""): unknown {
  return copy(value, path, 0);
}

function copy(value: unknown, path: string, depth: number): unknown {
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  const at = path || "the top level";
  if (typeof value === "number") {
    const hint = Number.isFinite(value) ? `, e.g. "${String(value)}"` : "";
    throw new StepError(`The result has a number at ${at} (${String(value)}): records carry numbers as strings${hint}`);
  }
  if (typeof value !== "object") throw new StepError(`The result has ${value === undefined ? "no value" : `a ${typeof value}`} at ${at}: records are plain JSON`);
  if (depth > MAX_DEPTH) throw new StepError(`The result is nested deeper than ${MAX_DEPTH} levels at ${at}`);
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = copy(value[i], path ? `${path}.${i}` : String(i), depth + 1);
    return out;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) throw new StepError(`The result has a non-JSON object at ${at}`);
  const out: Obj = {};
  for (const k of Object.keys(value)) {
    const v = (value as Obj)[k];
    if (v === undefined) continue;
    const p = path ? `${path}.${k}` : k;
    if (k === "__proto__") throw new StepError(`The result has a "__proto__" key at ${p}, which records cannot carry`);
    out[k] = copy(v, p, depth + 1);
  }
  return out;
}

export const isPlainObject = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * Merges a patch into `target` in place: objects merge key by key, anything else (arrays,
 * scalars, null) replaces the value. null is kept as null, which the platform's write semantics
 * read as "clear this field". Returns whether anything changed.
 */
export function mergePatch(target: Obj, patch: Obj): boolean {
  let changed = false;
  for (const k of Object.keys(patch)) {
    const next = patch[k];
    const has = Object.hasOwn(target, k);
    const prev = has ? target[k] : undefined;
    if (isPlainObject(next) && isPlainObject(prev)) {
      if (mergePatch(prev, next)) changed = true;
    } else if (!has || !deepEqual(prev, next)) {
      target[k] = next;
      changed = true;
    }
  }
  return changed;
}
