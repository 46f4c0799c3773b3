import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { connections, errorQueue, plugs } from "@/db/schema";
import { withTenantTx } from "@/db/tenant-tx";
import type { RecordCtx } from "@/lib/services/records/context";
import { PlugSetupError, RecordError, RemoteError } from "../errors";
import { assertPublicRemotes } from "../remote-url";
import { connectorByKey, plugOf } from "../registry";
import type { Connector, ExportPlug, ImportPlug, Plug, RemoteIo } from "../types";
import { ValidationError } from "@/lib/errors";
import { compileChain } from "@/lib/manipulators";
import type { ChainLink, CompiledChain } from "@/lib/manipulators/types";
import { loadChain } from "@/lib/services/manipulators/load-chain";
import { runExport } from "./export";
import { runImport } from "./import";
import { finishReport, noteSessionError, startReport, type ReportScope } from "./report";
import { withRemoteRetry } from "./retry";
import { ensureWebhooks } from "./webhooks";
import { openSettings, sealSettings } from "./settings";

/** What started a run: its schedule, Run now, a retry from the error queue, a webhook from the remote, or Auto Invoice exporting what it just created. */
export type RunTrigger = "schedule" | "manual" | "retry" | "webhook" | "autoInvoice";
export type RunRequest = { tenantId: string; connectionId: string; plugKey: string; trigger: RunTrigger; errorIds?: string[] };
export type RunResult = { skipped: true; reason: string } | { skipped: false; status: string; reportId: string };

/** Everything a run needs, loaded once: the connector's code, the opened settings, the plug's state. */
export type RunContext = {
  db: Db;
  tenantId: string;
  connector: Connector;
  connection: { id: string; name: string; connector: string };
  settings: Record<string, unknown>;
  plugSettings: Record<string, unknown>;
  state: { watermark?: string };
  report: ReportScope;
  reportId: string;
  records: RecordCtx;
  io: RemoteIo;
  signal: AbortSignal;
  /** The connection's manipulator chain for this plug's direction and record type; null when it has none. */
  chain: CompiledChain | null;
  /** A remote call with the in-run retry policy; recovered faults are noted on the report. */
  remote<T>(fn: () => Promise<T>): Promise<T>;
};

/**
 * One run of one plug: a transfer report, the import or export pipeline, and the run's event.
 * Throws only for faults worth retrying later (transient remote faults that outlasted the in-run
 * retries, or an internal error), so the job queue retries; permanent faults end the run as failed.
 */
export async function runPlug(db: Db, req: RunRequest, signal: AbortSignal = new AbortController().signal): Promise<RunResult> {
  const loaded = await load(db, req);
  if (!loaded.ok) {
    if (req.errorIds?.length) await reopenUnmoved(db, req);
    return { skipped: true, reason: loaded.reason };
  }
  const { connector, plug, row, plugRow, savedChain } = loaded;
  const report: ReportScope = { db, tenantId: req.tenantId, connectionId: row.id, plugKey: plug.key, plugName: plug.name, direction: plug.direction, recordType: plug.recordType };
  const reportId = await startReport(report, req.trigger, savedChain?.version ?? null);

  let ctx: RunContext;
  try {
    const connection = { id: row.id, name: row.name, connector: row.connector };
    const settings = connector.settings.parse(openSettings(req.tenantId, row.id, row)) as Record<string, unknown>;
    await assertPublicRemotes(settings);
    const plugSettings = plug.settings.parse(plugRow.settings ?? {}) as Record<string, unknown>;
    const io: RemoteIo = { signal, updateSettings: (patch) => updateSettings(db, req.tenantId, connector, row.id, settings, patch) };
    const chain = savedChain?.links.length ? compileSavedChain(savedChain.links, plug) : null;
    ctx = {
      db,
      tenantId: req.tenantId,
      connector,
      connection,
      settings,
      plugSettings,
      state: (plugRow.state ?? {}) as { watermark?: string },
      report,
      reportId,
      records: { db, tenantId: req.tenantId, connectionId: row.id, writer: { kind: "connection", connection } },
      io,
      signal,
      chain,
      remote: (fn) =>
        withRemoteRetry(connector.name, fn, signal, undefined, (e, wait) =>
          void noteSessionError(report, reportId, { at: new Date().toISOString(), kind: "transient", message: `${e.message}; retrying in ${Math.round(wait / 100) / 10} s` }),
        ),
    };
  } catch (e) {
    // Settings that no longer satisfy the connector (e.g. a required field added since), or a chain
    // the manipulator library no longer accepts: the user must fix them.
    const message = e instanceof PlugSetupError ? e.message : e instanceof Error ? `The connection's settings are not valid: ${e.message}`.slice(0, 1000) : String(e);
    return { skipped: false, status: (await finishReport(report, reportId, { at: new Date().toISOString(), kind: "permanent", message })).status, reportId };
  }

  try {
    const only = req.errorIds?.length ? await retryItems(db, req) : undefined;
    await ensureWebhooks(ctx, plug.key);
    if (plug.direction === "import") await runImport(ctx, plug as ImportPlug, only);
    else await runExport(ctx, plug as ExportPlug, only);
    if (only) await reopenUnmoved(db, req);
    return { skipped: false, status: (await finishReport(report, reportId)).status, reportId };
  } catch (e) {
    if (req.errorIds?.length) await reopenUnmoved(db, req);
    const at = new Date().toISOString();
    if ((e instanceof RemoteError && e.kind === "permanent") || e instanceof PlugSetupError) {
      return { skipped: false, status: (await finishReport(report, reportId, { at, kind: "permanent", message: e.message })).status, reportId };
    }
    const kind = e instanceof RemoteError ? "transient" : "internal";
    await finishReport(report, reportId, { at, kind, message: e instanceof Error ? e.message : String(e) });
    throw e;
  } finally {
    ctx.chain?.dispose();
  }
}

/** A saved chain is validated when saved; one the library refuses now (it changed since) stops the run with the reason. */
function compileSavedChain(links: ChainLink[], plug: Plug): CompiledChain {
  try {
    return compileChain(links, { recordType: plug.recordType, direction: plug.direction });
  } catch (e) {
    const details = e instanceof ValidationError ? Object.entries(e.fieldErrors ?? {}).map(([path, m]) => `${path}: ${m.join(", ")}`).join("; ") : e instanceof Error ? e.message : String(e);
    throw new PlugSetupError(`The manipulator chain is not valid any more; open the connection's Manipulators and save it again (${details}).`.slice(0, 1000));
  }
}

async function load(db: Db, req: RunRequest) {
  return withTenantTx(db, req.tenantId, async (tx) => {
    const [row] = await tx.select().from(connections).where(and(eq(connections.tenantId, req.tenantId), eq(connections.id, req.connectionId)));
    const [plugRow] = row
      ? await tx.select().from(plugs).where(and(eq(plugs.tenantId, req.tenantId), eq(plugs.connectionId, row.id), eq(plugs.key, req.plugKey)))
      : [];
    // The run has started: the plug may be queued again.
    if (plugRow) await tx.update(plugs).set({ runRequestedAt: null }).where(and(eq(plugs.tenantId, req.tenantId), eq(plugs.connectionId, row.id), eq(plugs.key, req.plugKey)));
    const connector = row ? connectorByKey(row.connector) : undefined;
    const plug = connector ? plugOf(connector, req.plugKey) : undefined;
    if (!row || !plugRow || !connector || !plug) return { ok: false as const, reason: "The connection or plug no longer exists." };
    if (!row.active || row.archived) return { ok: false as const, reason: "The connection is inactive." };
    if ((req.trigger === "schedule" || req.trigger === "webhook") && !plugRow.enabled) return { ok: false as const, reason: "The plug is disabled." };
    const savedChain = await loadChain(tx, req.tenantId, row.id, plug.direction, plug.recordType);
    return { ok: true as const, row, plugRow, connector, plug, savedChain };
  });
}

/** Error queue entries picked for a retry: import payloads to map again, or export localIds to push again. */
async function retryItems(db: Db, req: RunRequest) {
  return withTenantTx(db, req.tenantId, (tx) =>
    tx
      .select({ itemKey: errorQueue.itemKey, payload: errorQueue.payload, displayId: errorQueue.displayId })
      .from(errorQueue)
      .where(and(eq(errorQueue.tenantId, req.tenantId), eq(errorQueue.connectionId, req.connectionId), eq(errorQueue.plugKey, req.plugKey), inArray(errorQueue.id, req.errorIds ?? []))),
  );
}
export type RetryItem = Awaited<ReturnType<typeof retryItems>>[number];

/** Picked entries a retry run could not settle (it stopped, or the record is gone) wait again as open. */
async function reopenUnmoved(db: Db, req: RunRequest): Promise<void> {
  await withTenantTx(db, req.tenantId, (tx) =>
    tx
      .update(errorQueue)
      .set({ status: "open" })
      .where(and(eq(errorQueue.tenantId, req.tenantId), inArray(errorQueue.id, req.errorIds ?? []), eq(errorQueue.status, "retried"))),
  );
}

/** Persists changed settings (e.g. a rotated OAuth token) at once and shows them to the rest of the run. */
async function updateSettings(db: Db, tenantId: string, connector: Connector, connectionId: string, current: Record<string, unknown>, patch: Record<string, unknown>) {
  Object.assign(current, patch);
  await withTenantTx(db, tenantId, async (tx) => {
    const [row] = await tx.select().from(connections).where(and(eq(connections.tenantId, tenantId), eq(connections.id, connectionId))).for("update");
    if (!row) return;
    const sealed = sealSettings(connector, tenantId, connectionId, { ...openSettings(tenantId, connectionId, row), ...patch });
    await tx.update(connections).set({ settings: sealed.settings, secrets: sealed.secrets, updatedAt: sql`now()` }).where(and(eq(connections.tenantId, tenantId), eq(connections.id, connectionId)));
  });
}

/** A RecordError or a remote refusal of this one record fails the record, not the run. */
export function recordFailure(e: unknown): string | undefined {
  if (e instanceof RecordError) return e.field && !e.message.includes(e.field) ? `${e.field}: ${e.message}` : e.message;
  if (e instanceof RemoteError && e.kind === "permanent" && e.status !== undefined && ![401, 403].includes(e.status)) return e.message;
  return undefined;
}
