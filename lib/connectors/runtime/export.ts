import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { plugs, recordRemoteIds, records } from "@/db/schema";
import { withTenantTx } from "@/db/tenant-tx";
import { searchColumns, type RecordType } from "@/lib/records";
import { nextModificationTime, presentRecord, remoteIdsOf } from "@/lib/services/records/internal";
import { PlugSetupError } from "../errors";
import type { ExportedRecord, ExportPlug } from "../types";
import { manipulate } from "./manipulate";
import { recordOutcomes, type Outcome } from "./report";
import { recordFailure, type RetryItem, type RunContext } from "./run";

const PAGE = 50;
const MAX_PAGES = 10_000;

/**
 * Export pipeline: records of the plug's type changed since the watermark (lastModified, localId;
 * commit-ordered, so none is skipped) → wants? → push → remember the remote id → outcomes and the
 * watermark in one transaction per page. Records this connection wrote itself are not sent back.
 */
export async function runExport(ctx: RunContext, plug: ExportPlug, only?: RetryItem[]): Promise<void> {
  if (only) {
    await pushPage(ctx, plug, await readRecords(ctx, plug.recordType, inArray(records.localId, only.map((i) => i.itemKey))), false);
    return;
  }
  const startDate = typeof ctx.plugSettings.startDate === "string" ? ctx.plugSettings.startDate : undefined;
  let position = ctx.state.watermark ?? (startDate ? `${new Date(startDate).toISOString()}|` : null);
  for (let pages = 0; pages < MAX_PAGES; pages++) {
    const after = position ? exportPosition(position) : null;
    const page = await readRecords(ctx, plug.recordType, after ? sql`(${records.lastModified}, ${records.localId}) > (${after.at}::timestamptz, ${after.localId})` : sql`true`, PAGE);
    if (!page.length) return;
    await pushPage(ctx, plug, page, true);
    if (page.length < PAGE) return;
    const last = page[page.length - 1];
    position = `${last.lastModified}|${last.localId}`;
  }
}

/** "lastModified|localId" as the runtime stores it, or a date a user typed as the place to start. */
function exportPosition(position: string): { at: string; localId: string } {
  const [at, localId = ""] = position.split("|");
  if (Number.isNaN(Date.parse(at))) throw new PlugSetupError(`The plug's watermark "${position}" is not a date; set it to an ISO date such as 2026-01-01 or clear it.`);
  return { at, localId };
}

async function readRecords(ctx: RunContext, type: RecordType, where: SQL, limit = 1000): Promise<ExportedRecord[]> {
  return withTenantTx(ctx.db, ctx.tenantId, async (tx) => {
    const rows = await tx
      .select()
      .from(records)
      .where(and(eq(records.tenantId, ctx.tenantId), eq(records.type, type), eq(records.archived, false), where))
      .orderBy(asc(records.lastModified), asc(records.localId))
      .limit(limit);
    const remote = await remoteIdsOf(tx, ctx.tenantId, rows.map((r) => r.localId));
    const page = rows.map((r) => {
      const ids = remote.get(r.localId) ?? [];
      return { ...presentRecord(r, ids, ctx.connection.id), remoteRef: ids.find((i) => i.connectionId === ctx.connection.id)?.remoteRef ?? null } as ExportedRecord;
    });
    // A document's customer in this connection, when the customer record was exported through it.
    const customers = page.map((r) => (r.customer as { localId?: string } | undefined)?.localId).filter((id): id is string => !!id);
    if (customers.length) {
      const known = await tx
        .select({ localId: recordRemoteIds.localId, remoteId: recordRemoteIds.remoteId })
        .from(recordRemoteIds)
        .where(and(eq(recordRemoteIds.tenantId, ctx.tenantId), eq(recordRemoteIds.connectionId, ctx.connection.id), inArray(recordRemoteIds.localId, customers)));
      const byLocal = new Map(known.map((k) => [k.localId, k.remoteId]));
      for (const record of page) {
        const customer = record.customer as { localId?: string; remoteId?: string } | undefined;
        if (customer?.localId && byLocal.has(customer.localId)) customer.remoteId = byLocal.get(customer.localId);
      }
    }
    return page;
  });
}

async function pushPage(ctx: RunContext, plug: ExportPlug, page: ExportedRecord[], advance: boolean): Promise<void> {
  const outcomes: Outcome[] = [];
  const remember: Remembered[] = [];
  let done: ExportedRecord | undefined;
  try {
    for (const stored of page) {
      if (ctx.signal.aborted) throw new Error("The run was stopped before it finished; the next run goes on from the last record sent.");
      if (stored.lastModifiedBy !== `connection/${ctx.connection.id}`) {
        const base = { itemKey: stored.localId, localId: stored.localId, remoteId: stored.remoteId, displayId: displayIdOf(plug.recordType, stored) };
        // The manipulator chain runs first, on the stored record; what identifies the record here is not its to change.
        const manipulated = await manipulate(ctx, plug, stored);
        if (manipulated?.outcome === "fail") outcomes.push({ ...base, outcome: "failed", message: manipulated.message });
        else if (manipulated?.outcome === "ignore") outcomes.push({ ...base, outcome: "ignored", message: manipulated.reason });
        else await pushOne(ctx, plug, manipulated ? ({ ...manipulated.record, localId: stored.localId, remoteId: stored.remoteId, remoteRef: stored.remoteRef } as ExportedRecord) : stored, base, outcomes, remember);
      }
      done = stored;
    }
  } finally {
    // Whatever was sent is saved, even when the run stops half-way through the page.
    await save(ctx, plug, outcomes, remember, advance && done ? `${done.lastModified}|${done.localId}` : undefined);
  }
}

type Remembered = { localId: string; remoteId: string; remoteRef: string | null };

/** wants? → push → the outcome, and the remote id to remember. */
async function pushOne(ctx: RunContext, plug: ExportPlug, record: ExportedRecord, base: Omit<Outcome, "outcome">, outcomes: Outcome[], remember: Remembered[]): Promise<void> {
  const args = { settings: ctx.settings, plugSettings: ctx.plugSettings };
  const wanted = plug.wants ? plug.wants(record, args) : true;
  if (wanted !== true) {
    outcomes.push({ ...base, outcome: "ignored", message: typeof wanted === "string" ? wanted : "Not for this plug." });
    return;
  }
  try {
    const res = await ctx.remote(() => plug.push(record, { ...args, io: ctx.io }));
    if ("ignore" in res) outcomes.push({ ...base, outcome: "ignored", message: res.ignore });
    else {
      outcomes.push({ ...base, remoteId: res.remoteId, outcome: "succeeded", message: res.message ?? (record.remoteId ? "updated" : "created") });
      remember.push({ localId: record.localId, remoteId: res.remoteId, remoteRef: res.remoteRef ?? null });
    }
  } catch (e) {
    const message = recordFailure(e);
    if (message === undefined) throw e;
    outcomes.push({ ...base, outcome: "failed", message });
  }
}

async function save(ctx: RunContext, plug: ExportPlug, outcomes: Outcome[], remember: Remembered[], watermark: string | undefined) {
  if (!outcomes.length && !watermark) return;
  const { tenantId } = ctx;
  const connectionId = ctx.connection.id;
  await withTenantTx(ctx.db, tenantId, async (tx) => {
    const now = await nextModificationTime(tx, tenantId);
    if (remember.length) {
      // A remote id the remote gave to two of our records: the later one fails, nothing is overwritten.
      const taken = await tx
        .select({ remoteId: recordRemoteIds.remoteId, localId: recordRemoteIds.localId })
        .from(recordRemoteIds)
        .where(and(eq(recordRemoteIds.tenantId, tenantId), eq(recordRemoteIds.connectionId, connectionId), eq(recordRemoteIds.type, plug.recordType), inArray(recordRemoteIds.remoteId, remember.map((r) => r.remoteId))));
      const owner = new Map(taken.map((t) => [t.remoteId, t.localId]));
      const ok = remember.filter((r) => {
        const other = owner.get(r.remoteId);
        if (!other || other === r.localId) return true;
        const o = outcomes.find((x) => x.localId === r.localId && x.outcome === "succeeded");
        if (o) Object.assign(o, { outcome: "failed", message: `${ctx.connector.name} answered with id ${r.remoteId}, which already belongs to record ${other}.` });
        return false;
      });
      // Remembering a remote id does not change the record, so lastModified stays: no export echo.
      if (ok.length) {
        await tx.delete(recordRemoteIds).where(and(eq(recordRemoteIds.tenantId, tenantId), eq(recordRemoteIds.connectionId, connectionId), inArray(recordRemoteIds.localId, ok.map((r) => r.localId))));
        await tx.insert(recordRemoteIds).values(ok.map((r) => ({ tenantId, connectionId, type: plug.recordType, remoteId: r.remoteId, localId: r.localId, remoteRef: r.remoteRef })));
      }
    }
    await recordOutcomes(tx, ctx.report, ctx.reportId, outcomes, now);
    if (watermark) {
      await tx
        .update(plugs)
        .set({ state: sql`${plugs.state} || ${JSON.stringify({ watermark })}::jsonb` })
        .where(and(eq(plugs.tenantId, tenantId), eq(plugs.connectionId, connectionId), eq(plugs.key, plug.key)));
    }
  });
}

function displayIdOf(type: RecordType, record: ExportedRecord): string | undefined {
  const c = searchColumns(type, record);
  return c.number ?? c.sku ?? c.name ?? undefined;
}
