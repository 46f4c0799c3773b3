/** Writing record fields by path, and which fields a manipulator may write at all. */
import { fieldPathInfo, parseFieldPath, type FieldInfo, type PathSegment } from "@/lib/conditions";
import type { RecordType } from "@/lib/records";
import { customDataKeyProblem } from "@/lib/records/custom-data";
import { SettingsError, type Obj } from "./define";
import { deepEqual } from "./json";

/** Returned by an update function: leave this value as it is. */
export const KEEP: unique symbol = Symbol("keep");

const own = (o: object, k: string) => (Object.hasOwn(o, k) ? (o as Obj)[k] : undefined);

/**
 * Updates every value at a path in place: `fn(old)` returns the new value or KEEP. Missing
 * objects on the way are created when `create` is set (and only when something is written).
 * "[]" segments walk every item of an existing list. Returns whether anything changed.
 */
export function updateAtPath(root: Obj, segments: PathSegment[], fn: (old: unknown) => unknown, opts: { create: boolean }): boolean {
  return step({ segments, fn, create: opts.create }, root, 0);
}

type Walk = { segments: PathSegment[]; fn: (old: unknown) => unknown; create: boolean };

// Module-level (not closures per call): this runs for every record and link.
function write(w: Walk, container: Obj | unknown[], key: string | number, i: number): boolean {
  const has = Array.isArray(container) ? (key as number) < container.length : Object.hasOwn(container, key);
  const current = has ? (container as Obj)[key as string] : undefined;
  if (i === w.segments.length - 1) {
    const next = w.fn(current);
    if (next === KEEP || (has && deepEqual(current, next))) return false;
    (container as Obj)[key as string] = next;
    return true;
  }
  if (current !== null && typeof current === "object") return step(w, current as Obj, i + 1);
  if (!w.create || (current !== undefined && current !== null) || Array.isArray(container)) return false;
  const created: Obj = {};
  if (!step(w, created, i + 1)) return false;
  (container as Obj)[key as string] = created;
  return true;
}

function step(w: Walk, container: Obj | unknown[], i: number): boolean {
  const seg = w.segments[i];
  if (Array.isArray(container)) {
    if (!/^\d+$/.test(seg.key) || Number(seg.key) >= container.length) return false;
    if (!seg.each) return write(w, container, Number(seg.key), i);
  }
  if (seg.each) {
    const list = own(container, seg.key);
    if (!Array.isArray(list)) return false;
    let changed = false;
    for (let j = 0; j < list.length; j++) if (write(w, list, j, i)) changed = true;
    return changed;
  }
  return write(w, container, seg.key, i);
}

/** Fields the platform owns: manipulators never write them (source.code excepted). */
const PLATFORM_FIELDS = new Set(["localId", "href", "remoteId", "remoteIdMap", "remoteRefMap", "created", "lastModified", "lastModifiedBy", "archived", "source"]);

/**
 * Parses a path a manipulator writes to and checks it: it exists on the record type, it is not
 * the platform's (localId, source …), and a customData key is a user key ("x-…|key").
 */
export function writablePath(path: string, recordType: RecordType, settingsKey: string): { segments: PathSegment[]; info: FieldInfo } {
  const parsed = parseFieldPath(path);
  if (!parsed.ok) throw SettingsError.at(settingsKey, parsed.problem);
  const { segments } = parsed;
  const first = segments[0].key;
  if (PLATFORM_FIELDS.has(first) && !(first === "source" && segments.length === 2 && segments[1].key === "code")) {
    throw SettingsError.at(settingsKey, `${first} is set by the platform and cannot be changed by a manipulator${first === "source" ? " (only source.code can)" : ""}`);
  }
  if (first === "customData") {
    if (segments.length === 1) throw SettingsError.at(settingsKey, 'Name the customData key, e.g. "customData.x-myapp|color"');
    const problem = customDataKeyProblem(segments[1].key, { userOnly: true });
    if (problem) throw SettingsError.at(settingsKey, problem);
  }
  const info = fieldPathInfo(recordType, segments);
  if ("problem" in info) throw SettingsError.at(settingsKey, info.problem);
  return { segments, info };
}
