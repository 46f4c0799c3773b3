import { Badge } from "@/components/ui/badge";
import type { HistoryEntry } from "@/lib/services/records/search";
import { dateText, fieldLabel, isPlainObject, sameJson, writerLabel } from "./format";

type Change = { path: string[]; before: unknown; after: unknown };

/**
 * One history field as the smallest changes a reader cares about: objects and same-length lists
 * are opened up ("Customer · Email", "Rows 1 · Quantity"), parts that did not change are left out.
 */
function leafChanges(path: string[], before: unknown, after: unknown): Change[] {
  if (sameJson(before, after)) return [];
  if (isPlainObject(before) && isPlainObject(after)) {
    return [...new Set([...Object.keys(before), ...Object.keys(after)])].flatMap((k) => leafChanges([...path, k], before[k] ?? null, after[k] ?? null));
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    return before.flatMap((b, i) => leafChanges([...path, String(i + 1)], b, after[i]));
  }
  return [{ path, before, after }];
}

/** History keys are data fields, or `customData.<key>` / `source.<key>` for those parts. */
function changeLabel(path: string[]): string {
  const [first, ...rest] = path;
  if (first.startsWith("customData.")) return [`Custom data · ${first.slice("customData.".length)}`, ...rest.map(fieldLabel)].join(" · ");
  if (first.startsWith("source.")) return [`Source · ${first.slice("source.".length)}`, ...rest.map(fieldLabel)].join(" · ");
  return path.map((p) => (/^\d+$/.test(p) ? p : fieldLabel(p))).join(" · ").replace(/ · (\d+)/g, " $1");
}

function ChangeValue({ value, tone }: { value: unknown; tone: "before" | "after" }) {
  const color = tone === "before" ? "text-red-700" : "text-emerald-700";
  if (value === null || value === undefined) return <span className="text-slate-400">(none)</span>;
  if (typeof value === "string") return <span className={`${color} break-words`}>{value === "" ? '""' : value}</span>;
  if (!isPlainObject(value) && !Array.isArray(value)) return <span className={color}>{String(value)}</span>;
  const json = JSON.stringify(value, null, 2);
  if (json.length <= 80) return <code className={`${color} break-all font-mono text-xs`}>{JSON.stringify(value)}</code>;
  return (
    <details>
      <summary className={`cursor-pointer ${color}`}>{Array.isArray(value) ? `${value.length} item${value.length === 1 ? "" : "s"}` : "Object"}</summary>
      <pre className={`mt-1 max-h-64 overflow-auto rounded bg-slate-50 p-2 font-mono text-xs ${color}`}>{json}</pre>
    </details>
  );
}

/** A record's change history, newest first: who, when, and each field before → after. */
export function RecordHistory({ entries, connectionNames, truncated }: { entries: HistoryEntry[]; connectionNames: Record<string, string>; truncated: boolean }) {
  if (entries.length === 0) return <p className="text-sm text-slate-500">No changes recorded.</p>;
  return (
    <>
      <ol className="space-y-4" data-testid="record-history">
        {entries.map((e) => (
          <HistoryItem key={e.seq} entry={e} connectionNames={connectionNames} />
        ))}
      </ol>
      {truncated && <p className="mt-4 text-xs text-slate-500">Showing the latest 200 changes.</p>}
    </>
  );
}

function HistoryItem({ entry: e, connectionNames }: { entry: HistoryEntry; connectionNames: Record<string, string> }) {
  const changes = e.fields.flatMap((f) => leafChanges([f.field], f.before, f.after));
  return (
    <li className="border-l-2 border-slate-200 pl-4" data-testid="history-entry">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
        <Badge tone={e.op === "create" ? "green" : "blue"}>{e.op === "create" ? "Created" : "Updated"}</Badge>
        <time dateTime={e.at} className="font-mono text-xs text-slate-500">
          {dateText(e.at)}
        </time>
        <span className="text-slate-600">
          by <span className="font-medium text-slate-800">{writerLabel(e.by, connectionNames)}</span>
        </span>
      </div>
      {e.op === "update" &&
        (changes.length === 0 ? (
          <p className="mt-1 text-sm text-slate-500">No field changed; only the record&apos;s id or reference in a connected system.</p>
        ) : (
          <div className="mt-2 overflow-x-auto">
            <table className="w-full text-sm">
              <thead>
                <tr className="text-left text-xs text-slate-500">
                  <th scope="col" className="py-1 pr-3 font-medium">Field</th>
                  <th scope="col" className="py-1 pr-3 font-medium">Before</th>
                  <th scope="col" className="py-1 font-medium">After</th>
                </tr>
              </thead>
              <tbody>
                {changes.map((f) => (
                  <tr key={f.path.join("\u0000")} className="align-top" data-testid="history-change">
                    <td className="py-1 pr-3 text-slate-700">{changeLabel(f.path)}</td>
                    <td className="py-1 pr-3">
                      <ChangeValue value={f.before} tone="before" />
                    </td>
                    <td className="py-1">
                      <ChangeValue value={f.after} tone="after" />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </li>
  );
}
