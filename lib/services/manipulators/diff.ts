/** One difference between two JSON values, at a dot path ("rows.0.sku", "customData.x-erp|flag"). */
export type Change = { path: string; kind: "added" | "removed" | "changed"; before?: unknown; after?: unknown };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * A path-level diff of two records for the preview: objects and arrays are walked (arrays by
 * index), anything else is compared as a value. Enough to show what a chain changed, field by field.
 */
export function diffRecords(before: unknown, after: unknown, limit = 500): Change[] {
  const out: Change[] = [];
  const walk = (a: unknown, b: unknown, path: string) => {
    if (out.length >= limit) return;
    if (Array.isArray(a) && Array.isArray(b)) {
      for (let i = 0; i < Math.max(a.length, b.length); i++) step(a, b, i, `${path}${path ? "." : ""}${i}`);
      return;
    }
    if (isObject(a) && isObject(b)) {
      const keys = [...Object.keys(a), ...Object.keys(b).filter((k) => !Object.hasOwn(a, k))];
      for (const k of keys) step(a, b, k, `${path}${path ? "." : ""}${k}`);
      return;
    }
    if (!Object.is(a, b)) out.push({ path: path || "(record)", kind: "changed", before: a, after: b });
  };
  const step = (a: Record<string | number, unknown> | unknown[], b: Record<string | number, unknown> | unknown[], k: string | number, path: string) => {
    const inA = Object.hasOwn(a, k);
    const inB = Object.hasOwn(b, k);
    const va = (a as Record<string | number, unknown>)[k];
    const vb = (b as Record<string | number, unknown>)[k];
    if (inA && !inB) out.push({ path, kind: "removed", before: va });
    else if (!inA && inB) out.push({ path, kind: "added", after: vb });
    else walk(va, vb, path);
  };
  walk(before, after, "");
  return out;
}
