import { and, eq, sql } from "drizzle-orm";
import { plugs } from "@/db/schema";
import { withTenantTx } from "@/db/tenant-tx";
import { notifyOrdersChanged } from "@/lib/jobs/auto-invoice";
import { upsertByRemoteId, type BatchResult } from "@/lib/services/records/batch";
import { nextModificationTime } from "@/lib/services/records/internal";
import type { ImportPlug, MapResult } from "../types";
import { manipulate } from "./manipulate";
import { recordOutcomes, type Outcome } from "./report";
import { recordFailure, type RetryItem, type RunContext } from "./run";

/** Pages one run may fetch before it ends (the next run goes on from the watermark). */
const MAX_PAGES = 10_000;

/**
 * Import pipeline: fetch a page → map each item → upsert by (connection, type, remoteId) → in the
 * same transaction, the page's outcomes, error queue, report counts and (when the connector says
 * the page is covered) the watermark. A run killed between pages loses nothing and, because
 * records are upserted by remote id, duplicates nothing when the next run fetches the page again.
 */
export async function runImport(ctx: RunContext, plug: ImportPlug, only?: RetryItem[]): Promise<void> {
  if (only) {
    await saveItems(ctx, plug, only.flatMap((i) => (i.payload === null ? [] : [i.payload])), undefined);
    return;
  }
  const watermark = ctx.state.watermark ?? null;
  const fetchPage = (cursor: string | null) => ctx.remote(() => plug.fetchPage({ settings: ctx.settings, plugSettings: ctx.plugSettings, watermark, cursor, io: ctx.io }));
  let pending = fetchPage(null);
  for (let pages = 0; pages < MAX_PAGES; pages++) {
    if (ctx.signal.aborted) throw new Error("The run was stopped before it finished; the next run goes on from the last saved page.");
    const page = await pending;
    // The next page is on its way while this one is saved (the remote and the database work at once).
    if (page.next) {
      pending = fetchPage(page.next);
      pending.catch(() => {}); // awaited on the next turn; a page never asked for must not crash the process
    }
    await saveItems(ctx, plug, page.items, page.watermark);
    if (!page.next) return;
  }
}

async function saveItems(ctx: RunContext, plug: ImportPlug, items: unknown[], watermark: string | undefined): Promise<void> {
  const outcomes: Outcome[] = new Array(items.length);
  const candidates: { index: number; body: Record<string, unknown>; displayId?: string }[] = [];
  for (const [index, item] of items.entries()) {
    const id = plug.identify(item);
    const failed = (message: string) => (outcomes[index] = { outcome: "failed", itemKey: id.remoteId, remoteId: id.remoteId, displayId: id.displayId, message, payload: item });
    let mapped: MapResult;
    try {
      mapped = plug.map(item, { settings: ctx.settings, plugSettings: ctx.plugSettings });
    } catch (e) {
      const message = recordFailure(e);
      if (message === undefined) throw e;
      failed(message);
      continue;
    }
    if ("ignore" in mapped) {
      outcomes[index] = { outcome: "ignored", itemKey: mapped.remoteId, remoteId: mapped.remoteId, displayId: mapped.displayId, message: mapped.ignore };
      continue;
    }
    // The manipulator chain has the last word before validation; a failed record keeps the remote item, so a retry maps and manipulates it afresh.
    const manipulated = await manipulate(ctx, plug, mapped.data);
    if (manipulated?.outcome === "ignore") {
      outcomes[index] = { outcome: "ignored", itemKey: mapped.remoteId, remoteId: mapped.remoteId, displayId: mapped.displayId, message: manipulated.reason };
      continue;
    }
    if (manipulated?.outcome === "fail") {
      failed(manipulated.message);
      continue;
    }
    const data = manipulated?.record ?? mapped.data;
    candidates.push({ index, displayId: mapped.displayId, body: { ...data, remoteId: mapped.remoteId, ...(mapped.remoteRef ? { remoteRef: mapped.remoteRef } : {}) } });
  }

  await withTenantTx(ctx.db, ctx.tenantId, async (tx) => {
    const now = await nextModificationTime(tx, ctx.tenantId);
    const results = candidates.length ? await upsertByRemoteId(tx, ctx.records, ctx.connection.id, plug.recordType, candidates.map((c) => c.body), now) : [];
    results.forEach((r, i) => {
      const { index, body, displayId } = candidates[i];
      const remoteId = body.remoteId as string;
      outcomes[index] =
        r.status === "error"
          ? { outcome: "failed", itemKey: remoteId, remoteId, displayId, message: problemText(r), payload: items[index] }
          : { outcome: "succeeded", itemKey: remoteId, remoteId, displayId, localId: r.localId, message: r.status };
    });
    await recordOutcomes(tx, ctx.report, ctx.reportId, outcomes.filter(Boolean), now);
    if (watermark !== undefined) {
      await tx
        .update(plugs)
        .set({ state: sql`${plugs.state} || ${JSON.stringify({ watermark })}::jsonb` })
        .where(and(eq(plugs.tenantId, ctx.tenantId), eq(plugs.connectionId, ctx.connection.id), eq(plugs.key, plug.key)));
    }
  });
  if (plug.recordType === "order" && candidates.length) await notifyOrdersChanged(ctx.tenantId);
}

/** "Some fields are not valid: totals.totalVat: …; rows.2.vatAmount: …" */
export function problemText(r: Extract<BatchResult, { status: "error" }>): string {
  const details = (r.problem.errors ?? []).map((e) => `${e.path}: ${e.message}`);
  return [r.problem.detail, ...details].join(details.length ? "; " : "").replace(/\.; /, ": ").slice(0, 2000);
}
