import { queryOptions } from "@tanstack/react-query";
import type { TransferReport } from "@/lib/services/transfers/latest";

/** What the connection page polls while a plug runs (…/connections/[id]/progress). */
export type PlugLive = {
  key: string;
  enabled: boolean;
  queued: boolean;
  scheduleText: string;
  nextRunAt: string | null;
  watermark: string | null;
  latestTransfer: TransferReport | null;
  latestSuccessfulTransfer: TransferReport | null;
};
export type ConnectionProgress = { active: boolean; plugs: PlugLive[] };

export type TransferRecord = { outcome: string; remoteId: string | null; localId: string | null; displayId: string | null; message: string | null; at: string };
export type TransferPage = TransferReport & { records: TransferRecord[]; nextAfter: number | null };

/** Query keys share the connection prefix, so one invalidation refreshes everything about it. */
export const connectionKey = (code: string, connectionId: string) => ["connection", code, connectionId] as const;

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { cache: "no-store" });
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  return (await res.json()) as T;
}

export function connectionProgressQuery(code: string, connectionId: string) {
  return queryOptions({
    queryKey: [...connectionKey(code, connectionId), "progress"],
    queryFn: () => getJson<ConnectionProgress>(`/t/${code}/connections/${connectionId}/progress`),
  });
}

export function transferPageUrl(code: string, connectionId: string, reportId: string, input: { outcome?: string; after?: number | null }) {
  const q = new URLSearchParams();
  if (input.outcome) q.set("outcome", input.outcome);
  if (input.after != null) q.set("after", String(input.after));
  return `/t/${code}/connections/${connectionId}/transfers/${reportId}/progress${q.size ? `?${q}` : ""}`;
}

export const fetchTransferPage = (url: string) => getJson<TransferPage>(url);

export const isRunning = (p: Pick<PlugLive, "queued" | "latestTransfer">) => p.queued || p.latestTransfer?.status === "running";
