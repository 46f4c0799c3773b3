import { and, eq, inArray, ne, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { errorQueue, logEvents, transferOutcomes, transferReports } from "@/db/schema";
import { withTenantTx } from "@/db/tenant-tx";
import { newId } from "@/lib/ids";
import { nextModificationTime } from "@/lib/services/records/internal";
import type { RunTrigger } from "./run";

/** Where a run writes: one tenant, one connection, one plug. */
export type ReportScope = { db: Db; tenantId: string; connectionId: string; plugKey: string; plugName: string; direction: "import" | "export"; recordType: string };

/** What happened to one item; `itemKey` (remote id on import, local id on export) keys the error queue. */
export type Outcome = {
  outcome: "succeeded" | "failed" | "ignored";
  itemKey: string;
  remoteId?: string | null;
  localId?: string | null;
  displayId?: string | null;
  message?: string | null;
  /** Import failures keep the remote item, so a retry re-maps it with the current settings. */
  payload?: unknown;
};

export type SessionError = { at: string; message: string; kind: "transient" | "permanent" | "internal" };

/** Starts a report; a report of this plug still "running" belonged to a run that died, so it is marked interrupted. */
export async function startReport(scope: ReportScope, trigger: RunTrigger, chainVersion: number | null = null): Promise<string> {
  const id = newId("transferReport");
  await withTenantTx(scope.db, scope.tenantId, async (tx) => {
    const now = await nextModificationTime(tx, scope.tenantId);
    await tx
      .update(transferReports)
      .set({ status: "interrupted", ended: now, lastModified: now })
      .where(and(eq(transferReports.tenantId, scope.tenantId), eq(transferReports.connectionId, scope.connectionId), eq(transferReports.plugKey, scope.plugKey), eq(transferReports.status, "running")));
    await tx.insert(transferReports).values({
      tenantId: scope.tenantId,
      id,
      connectionId: scope.connectionId,
      plugKey: scope.plugKey,
      direction: scope.direction,
      recordType: scope.recordType,
      trigger,
      status: "running",
      chainVersion,
      started: now,
      lastModified: now,
    });
  });
  return id;
}

const CHUNK = 500;

/**
 * Writes a batch of outcomes inside the caller's transaction (the one that saved the records):
 * per-record outcomes, the error queue (failures open or reopen their entry, successes resolve it)
 * and the report's counts. So counts, records and queue can never disagree after a crash.
 */
export async function recordOutcomes(tx: Tx, scope: ReportScope, reportId: string, outcomes: Outcome[], now: Date): Promise<void> {
  if (!outcomes.length) return;
  const { tenantId, connectionId, plugKey } = scope;
  // One JSON parameter per chunk: an import writes an outcome for every record.
  for (let i = 0; i < outcomes.length; i += CHUNK) {
    const rows = outcomes.slice(i, i + CHUNK).map((o) => ({ outcome: o.outcome, remote_id: o.remoteId ?? null, local_id: o.localId ?? null, display_id: o.displayId ?? null, message: o.message ?? null }));
    await tx.execute(sql`insert into transfer_outcomes (tenant_id, report_id, outcome, remote_id, local_id, display_id, message, at)
      select ${tenantId}, ${reportId}, outcome, remote_id, local_id, display_id, message, ${now.toISOString()}::timestamptz
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(outcome text, remote_id text, local_id text, display_id text, message text)`);
  }
  const failed = lastPerItem(outcomes.filter((o) => o.outcome === "failed"));
  for (let i = 0; i < failed.length; i += CHUNK) {
    await tx
      .insert(errorQueue)
      .values(
        failed.slice(i, i + CHUNK).map((o) => ({
          tenantId,
          id: newId("errorItem"),
          connectionId,
          plugKey,
          recordType: scope.recordType,
          itemKey: o.itemKey,
          remoteId: o.remoteId ?? null,
          localId: o.localId ?? null,
          displayId: o.displayId ?? null,
          status: "open",
          message: o.message ?? "Failed",
          payload: o.payload === undefined ? null : o.payload,
          firstFailedAt: now,
          lastFailedAt: now,
          lastReportId: reportId,
        })),
      )
      .onConflictDoUpdate({
        target: [errorQueue.tenantId, errorQueue.connectionId, errorQueue.plugKey, errorQueue.itemKey],
        set: {
          status: "open",
          message: sql`excluded.message`,
          payload: sql`coalesce(excluded.payload, ${errorQueue.payload})`,
          remoteId: sql`coalesce(excluded.remote_id, ${errorQueue.remoteId})`,
          localId: sql`coalesce(excluded.local_id, ${errorQueue.localId})`,
          displayId: sql`coalesce(excluded.display_id, ${errorQueue.displayId})`,
          attempts: sql`${errorQueue.attempts} + 1`,
          lastFailedAt: now,
          lastReportId: reportId,
          resolvedAt: null,
          resolvedBy: null,
          updatedAt: now,
        },
      });
  }
  const moved = [...new Set(outcomes.filter((o) => o.outcome !== "failed").map((o) => o.itemKey))];
  for (let i = 0; i < moved.length; i += CHUNK) {
    await tx
      .update(errorQueue)
      .set({ status: "resolved", resolvedAt: now, resolvedBy: "system/succeeded", lastReportId: reportId, updatedAt: now })
      .where(and(eq(errorQueue.tenantId, tenantId), eq(errorQueue.connectionId, connectionId), eq(errorQueue.plugKey, plugKey), ne(errorQueue.status, "resolved"), inArray(errorQueue.itemKey, moved.slice(i, i + CHUNK))));
  }
  const count = (kind: Outcome["outcome"]) => outcomes.filter((o) => o.outcome === kind).length;
  await tx
    .update(transferReports)
    .set({
      numConsidered: sql`${transferReports.numConsidered} + ${outcomes.length}`,
      numSucceeded: sql`${transferReports.numSucceeded} + ${count("succeeded")}`,
      numFailed: sql`${transferReports.numFailed} + ${count("failed")}`,
      numIgnored: sql`${transferReports.numIgnored} + ${count("ignored")}`,
      lastModified: now,
    })
    .where(and(eq(transferReports.tenantId, tenantId), eq(transferReports.id, reportId)));
}

/** An item failing twice in one batch keeps one queue entry: the last failure. */
function lastPerItem(outcomes: Outcome[]): Outcome[] {
  return [...new Map(outcomes.map((o) => [o.itemKey, o])).values()];
}

/** Ends the report and adds the run's event to the tenant's event history. */
export async function finishReport(scope: ReportScope, reportId: string, sessionError?: SessionError): Promise<{ status: string }> {
  return withTenantTx(scope.db, scope.tenantId, async (tx) => {
    const now = await nextModificationTime(tx, scope.tenantId);
    const [current] = await tx.select().from(transferReports).where(and(eq(transferReports.tenantId, scope.tenantId), eq(transferReports.id, reportId)));
    const status = sessionError ? "failed" : current.numFailed > 0 ? "completedWithErrors" : "succeeded";
    const sessionErrors = sessionError ? [...(current.sessionErrors as SessionError[]), sessionError] : current.sessionErrors;
    await tx.update(transferReports).set({ status, ended: now, sessionErrors, lastModified: now }).where(and(eq(transferReports.tenantId, scope.tenantId), eq(transferReports.id, reportId)));
    // A scheduled run that found nothing to move is in the run history, not in the event history.
    if (!sessionError && current.numConsidered === 0) return { status };
    const failures = await tx
      .select({ remoteId: transferOutcomes.remoteId, localId: transferOutcomes.localId, displayId: transferOutcomes.displayId, message: transferOutcomes.message })
      .from(transferOutcomes)
      .where(and(eq(transferOutcomes.tenantId, scope.tenantId), eq(transferOutcomes.reportId, reportId), eq(transferOutcomes.outcome, "failed")))
      .limit(50);
    const counts = `${current.numSucceeded} succeeded, ${current.numFailed} failed, ${current.numIgnored} ignored`;
    await tx.insert(logEvents).values({
      tenantId: scope.tenantId,
      id: newId("logEvent"),
      connectionId: scope.connectionId,
      severity: sessionError ? "error" : current.numFailed > 0 ? "warning" : "info",
      relatedRecordType: scope.recordType,
      direction: scope.direction,
      summary: sessionError ? `${scope.plugName} failed: ${sessionError.message}`.slice(0, 500) : `${scope.plugName}: ${counts}`,
      body: [`Transfer report ${reportId}`, counts],
      relatedIdMsgs: failures.map((f) => ({ id: f.localId ?? f.remoteId ?? "", displayId: f.displayId ?? undefined, message: f.message ?? "" })),
      time: now,
    });
    return { status };
  });
}

/** Notes a transient fault the run recovered from (shown with the report). */
export async function noteSessionError(scope: ReportScope, reportId: string, error: SessionError): Promise<void> {
  await withTenantTx(scope.db, scope.tenantId, (tx) =>
    tx
      .update(transferReports)
      .set({ sessionErrors: sql`${transferReports.sessionErrors} || ${JSON.stringify([error])}::jsonb` })
      .where(and(eq(transferReports.tenantId, scope.tenantId), eq(transferReports.id, reportId))),
  );
}
