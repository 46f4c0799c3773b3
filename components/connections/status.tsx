import { Badge } from "@/components/ui/badge";
import type { TransferReport } from "@/lib/services/transfers/latest";

type Tone = "green" | "gray" | "red" | "blue" | "amber";

const transferStatus: Record<string, { label: string; tone: Tone }> = {
  running: { label: "Running", tone: "blue" },
  succeeded: { label: "Succeeded", tone: "green" },
  completedWithErrors: { label: "Completed with errors", tone: "amber" },
  failed: { label: "Failed", tone: "red" },
  interrupted: { label: "Interrupted", tone: "amber" },
};

/** A transfer report's status; the raw status is in data-status for tests and tooltips. */
export function TransferStatusBadge({ status }: { status: string }) {
  const s = transferStatus[status] ?? { label: status, tone: "gray" as const };
  return (
    <span className="whitespace-nowrap" data-testid="transfer-status" data-status={status}>
      <Badge tone={s.tone}>{s.label}</Badge>
    </span>
  );
}

export function ConnectionStatusBadge({ active, archived }: { active: boolean; archived: boolean }) {
  if (archived) return <Badge tone="gray">Archived</Badge>;
  return <Badge tone={active ? "green" : "amber"}>{active ? "Active" : "Inactive"}</Badge>;
}

export function DirectionBadge({ direction }: { direction: string }) {
  return <Badge tone={direction === "import" ? "blue" : "gray"}>{direction === "import" ? "Import" : "Export"}</Badge>;
}

/** "27 succeeded · 3 failed · 0 ignored of 30", each number with a test id. */
export function TransferCounts({ report }: { report: Pick<TransferReport, "numConsidered" | "numSucceeded" | "numFailed" | "numIgnored"> }) {
  return (
    <span className="block text-sm text-slate-600" data-testid="transfer-counts">
      <span className="font-medium text-emerald-700" data-testid="num-succeeded">{report.numSucceeded}</span> succeeded ·{" "}
      <span className={report.numFailed ? "font-medium text-red-700" : "font-medium text-slate-700"} data-testid="num-failed">{report.numFailed}</span> failed ·{" "}
      <span data-testid="num-ignored">{report.numIgnored}</span> ignored
      <span className="text-slate-400"> of {report.numConsidered}</span>
    </span>
  );
}

export function ConnectorLogo({ src, name, size = 40 }: { src: string; name: string; size?: number }) {
  return (
    // A plain img: the logos are small static SVGs from public/connectors, nothing to optimise.
    <img src={src} alt={name ? `${name} logo` : ""} width={size} height={size} className="shrink-0 rounded-md bg-white object-contain ring-1 ring-slate-200" style={{ width: size, height: size }} />
  );
}
