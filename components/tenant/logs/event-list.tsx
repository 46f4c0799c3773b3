import { Badge } from "@/components/ui/badge";

type Event = {
  id: string;
  time: string;
  severity: string;
  summary: string;
  direction: string | null;
  relatedRecordType: string | null;
  connectionName: string | null;
  body: unknown;
  relatedIdMsgs: unknown;
};

const tone = { critical: "red", error: "red", warning: "amber", info: "blue", debug: "gray" } as const;

/** Events as an expandable list: the summary line, then body lines and per-record messages. */
export function EventList({ events }: { events: Event[] }) {
  return (
    <ol className="divide-y divide-slate-100 overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-slate-200" data-testid="event-list">
      {events.map((e) => {
        const body = Array.isArray(e.body) ? (e.body as string[]) : [];
        const related = Array.isArray(e.relatedIdMsgs) ? (e.relatedIdMsgs as { id: string; displayId?: string; message: string }[]) : [];
        return (
          <li key={e.id} className="px-4 py-3 text-sm">
            <details>
              <summary className="flex cursor-pointer list-none flex-wrap items-center gap-x-3 gap-y-1">
                <time className="w-40 shrink-0 font-mono text-xs text-slate-500" dateTime={e.time}>{e.time.replace("T", " ").slice(0, 19)} UTC</time>
                <Badge tone={tone[e.severity as keyof typeof tone] ?? "gray"}>{e.severity}</Badge>
                <span className="min-w-0 flex-1 text-slate-800">{e.summary}</span>
                <span className="text-xs text-slate-500">
                  {[e.connectionName, e.relatedRecordType, e.direction].filter(Boolean).join(" · ")}
                </span>
              </summary>
              {(body.length > 0 || related.length > 0) && (
                <div className="mt-2 space-y-2 rounded-md bg-slate-50 p-3 text-xs">
                  {body.map((line, i) => (
                    <p key={i} className="whitespace-pre-wrap break-words font-mono text-slate-700">{line}</p>
                  ))}
                  {related.length > 0 && (
                    <ul className="space-y-0.5">
                      {related.map((r, i) => (
                        <li key={i}><span className="font-mono font-medium">{r.displayId ?? r.id}</span>: {r.message}</li>
                      ))}
                    </ul>
                  )}
                </div>
              )}
            </details>
          </li>
        );
      })}
    </ol>
  );
}
