"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState, useTransition, type ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { ActionResult } from "@/lib/actions/result";
import type { PlugSchedule } from "@/lib/connectors/runtime/schedule";
import type { SettingsField } from "@/lib/connectors/settings-form";
import { formatDateTime, recordTypeLabel } from "./format";
import { PlugSettingsForm } from "./plug-settings-form";
import { connectionKey, connectionProgressQuery, isRunning, type ConnectionProgress, type PlugLive } from "@/lib/queries/connections";
import { DirectionBadge } from "./status";
import { TransferSummary } from "./transfer-summary";

export type PlugStatic = { key: string; name: string; description: string; direction: string; recordType: string; schedule: PlugSchedule; fields: SettingsField[]; watermark: string | null };

type Actions = {
  runNow: (plugKey: string) => Promise<ActionResult<{ queued: boolean }>>;
  setEnabled: (plugKey: string, enabled: boolean) => Promise<ActionResult<unknown>>;
  save: (plugKey: string, prev: unknown, form: FormData) => Promise<ActionResult<unknown>>;
};

const POLL_MS = 1500;
/** A run clears "queued" a moment before its report exists: keep polling a little after it looks idle. */
const GRACE_MS = 6000;

/**
 * The connection's plugs. While any plug is queued or running, the live part (enabled, queued,
 * latest transfers, watermark) is polled and the run history is refreshed with it; idle, nothing polls.
 */
export function PlugCards({ code, connectionId, canWrite, plugs, initial, actions }: { code: string; connectionId: string; canWrite: boolean; plugs: PlugStatic[]; initial: ConnectionProgress; actions: Actions }) {
  const queryClient = useQueryClient();
  const lastBusy = useRef(initial.plugs.some(isRunning) ? Date.now() : 0);
  const progress = useQuery({
    ...connectionProgressQuery(code, connectionId),
    initialData: initial,
    staleTime: 0,
    refetchInterval: (q) => {
      if (q.state.data?.plugs.some(isRunning)) lastBusy.current = Date.now();
      return Date.now() - lastBusy.current < GRACE_MS ? POLL_MS : false;
    },
  });
  const live = progress.data;
  // A server render (after an action revalidated the page) is the freshest snapshot there is.
  useEffect(() => {
    queryClient.setQueryData(connectionProgressQuery(code, connectionId).queryKey, initial);
  }, [initial, queryClient, code, connectionId]);
  // Every new snapshot may have moved a report in the run history.
  useEffect(() => {
    void queryClient.invalidateQueries({ queryKey: [...connectionKey(code, connectionId), "transfers"] });
  }, [progress.dataUpdatedAt, queryClient, code, connectionId]);

  const poke = () => {
    lastBusy.current = Date.now();
    void progress.refetch();
  };

  return (
    <div className="space-y-4" data-testid="plugs">
      {plugs.map((p) => (
        <PlugCard key={p.key} code={code} plug={p} live={live.plugs.find((l) => l.key === p.key)} connectionActive={live.active} canWrite={canWrite} actions={actions} onChange={poke} />
      ))}
    </div>
  );
}

function PlugCard({ code, plug, live, connectionActive, canWrite, actions, onChange }: { code: string; plug: PlugStatic; live?: PlugLive; connectionActive: boolean; canWrite: boolean; actions: Actions; onChange: () => void }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const enabled = live?.enabled ?? false;
  const queued = live?.queued ?? false;
  const act = (fn: () => Promise<ActionResult<unknown>>, done?: (data: unknown) => void) =>
    start(async () => {
      setError(null);
      setNote(null);
      const r = await fn();
      if (!r.ok) setError(r.error);
      else done?.(r.data);
      onChange();
    });

  return (
    <Card
      className="min-w-0"
      title={
        <span className="flex flex-wrap items-center gap-2">
          <span>{plug.name}</span>
          <DirectionBadge direction={plug.direction} />
          <Badge tone={enabled ? "green" : "gray"}>{enabled ? "Enabled" : "Disabled"}</Badge>
        </span>
      }
      description={
        <>
          {recordTypeLabel(plug.recordType)} · {plug.description}
        </>
      }
      actions={
        canWrite && (
          <>
            <Button variant="secondary" size="sm" disabled={pending} onClick={() => act(() => actions.setEnabled(plug.key, !enabled))} data-testid={`toggle-${plug.key}`}>
              {enabled ? "Disable" : "Enable"}
            </Button>
            <Button
              size="sm"
              disabled={pending || queued || !connectionActive}
              title={connectionActive ? undefined : "Activate the connection first"}
              onClick={() => act(() => actions.runNow(plug.key), (d) => !(d as { queued: boolean }).queued && setNote("A run is already queued."))}
              data-testid={`run-now-${plug.key}`}
            >
              {queued ? "Queued…" : "Run now"}
            </Button>
          </>
        )
      }
    >
      <div data-testid={`plug-${plug.key}`} className="space-y-4">
        {(error || note) && (
          <p className={error ? "rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" : "rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700"} data-testid="plug-message">
            {error ?? note}
          </p>
        )}
        <dl className="grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-3">
          <Fact label="Schedule" value={live?.scheduleText ?? "—"} />
          <Fact label="Next run" value={enabled && live?.nextRunAt ? formatDateTime(live.nextRunAt) : queued ? "Queued now" : "Not scheduled (disabled)"} testId="next-run" />
          <Fact label="Watermark" value={live?.watermark ? <Watermark value={live.watermark} /> : "Not set — starts from the beginning"} testId="watermark" />
        </dl>
        <div className="grid gap-3 sm:grid-cols-2">
          <TransferSummary code={code} label="Latest transfer" report={live?.latestTransfer ?? null} testId="latest-transfer" />
          <TransferSummary code={code} label="Latest successful transfer" report={live?.latestSuccessfulTransfer ?? null} testId="latest-successful-transfer" />
        </div>
        {canWrite && (
          <details className="group rounded-md ring-1 ring-slate-200">
            <summary className="cursor-pointer select-none px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50">Schedule and settings</summary>
            <div className="border-t border-slate-100 px-3 py-4">
              <PlugSettingsForm action={actions.save.bind(null, plug.key)} schedule={plug.schedule} fields={plug.fields} watermark={live ? live.watermark : plug.watermark} direction={plug.direction} onSaved={onChange} />
            </div>
          </details>
        )}
      </div>
    </Card>
  );
}

function Fact({ label, value, testId }: { label: string; value: ReactNode; testId?: string }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-slate-800" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

/** Export watermarks are "instant|localId": people read the instant; the raw value stays in the tooltip. */
function Watermark({ value }: { value: string }) {
  const instant = /^(\d{4}-\d\d-\d\dT[^|]+)(?:\|.*)?$/.exec(value)?.[1];
  if (!instant || Number.isNaN(Date.parse(instant))) return <code className="break-all font-mono text-xs">{value}</code>;
  return (
    <span title={value} data-raw={value}>
      Changes after {formatDateTime(instant, { seconds: true })}
    </span>
  );
}
