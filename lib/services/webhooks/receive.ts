import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { plugs } from "@/db/schema";
import { withTenantTx } from "@/db/tenant-tx";
import { openSettings } from "@/lib/connectors/runtime/settings";
import { UnauthenticatedError } from "@/lib/errors";
import { enqueuePlugRun } from "@/lib/jobs/queue";
import { nativeConnection } from "@/lib/services/connections/access";
import { claimRun } from "@/lib/services/plugs/claim-run";

const NOT_GENUINE = "The webhook's signature is not valid for this connection.";

/**
 * A webhook from a connection's remote: verified with the connector's own verifier, then the plugs
 * its topic names are queued (enabled ones only; one queued run per plug). Unknown connections and
 * bad signatures get the same 401, so the address reveals nothing.
 */
export async function receiveWebhook({ db, connectorKey, tenantId, connectionId, headers, rawBody }: { db: Db; connectorKey: string; tenantId: string; connectionId: string; headers: Record<string, string>; rawBody: string }): Promise<{ topic: string; queued: string[] }> {
  const { topic, queued } = await withTenantTx(db, tenantId, async (tx) => {
    const found = await nativeConnection(tx, tenantId, connectionId).catch(() => undefined);
    const hooks = found?.connector.webhooks;
    if (!found || !hooks || found.connector.key !== connectorKey) throw new UnauthenticatedError(NOT_GENUINE);
    const settings = found.connector.settings.parse(openSettings(tenantId, connectionId, found.row));
    const verified = await hooks.verify({ headers, rawBody, settings });
    if (!verified.ok) throw new UnauthenticatedError(NOT_GENUINE);
    const keys = hooks.topics[verified.topic] ?? [];
    if (!found.row.active || found.row.archived || !keys.length) return { topic: verified.topic, queued: [] };
    const rows = await tx
      .select()
      .from(plugs)
      .where(and(eq(plugs.tenantId, tenantId), eq(plugs.connectionId, connectionId), inArray(plugs.key, keys), eq(plugs.enabled, true)))
      .for("update");
    const claimed: string[] = [];
    for (const row of rows) if (await claimRun(tx, row)) claimed.push(row.key);
    return { topic: verified.topic, queued: claimed };
  });
  for (const plugKey of queued) await enqueuePlugRun({ tenantId, connectionId, plugKey, trigger: "webhook" });
  return { topic, queued };
}
