import { formatDateTime } from "@/components/tenant/format";

export { formatDateTime };

/** "42 s", "3 min 5 s", "1 h 2 min"; "—" while there is no end. */
export function formatDuration(start: string, end: string | null): string {
  if (!end) return "—";
  const s = Math.max(0, Math.round((Date.parse(end) - Date.parse(start)) / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

export const triggerLabels: Record<string, string> = { schedule: "Schedule", manual: "Run now", retry: "Retry from the error queue", webhook: "Webhook from the remote system", autoInvoice: "Auto Invoice" };

export const recordTypeLabel = (type: string) => type.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/^./, (c) => c.toUpperCase());

export function reportHref(code: string, report: { id: string; connectionId: string }) {
  return `/t/${code}/connections/${report.connectionId}/transfers/${report.id}`;
}
