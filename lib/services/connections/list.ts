import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { connections } from "@/db/schema";
import { withTenantTx } from "@/db/tenant-tx";
import { connectorByKey, plugOf } from "@/lib/connectors/registry";
import { plugsOf } from "./get-connection";
import { presentConnection } from "./internal";

/** The tenant's connections with each plug's latest and latest successful transfer (console list, GET /api/connection). */
export async function listConnections({ db, tenantId }: { db: Db; tenantId: string }) {
  return withTenantTx(db, tenantId, async (tx) => {
    const rows = await tx.select().from(connections).where(eq(connections.tenantId, tenantId)).orderBy(asc(connections.createdAt));
    const plugRows = await plugsOf(tx, tenantId, rows.map((r) => r.id));
    return rows.map((r) => {
      const connector = connectorByKey(r.connector);
      return {
        ...presentConnection(r),
        plugs: plugRows
          .filter((p) => p.connectionId === r.id)
          .map((p) => {
            const def = connector && plugOf(connector, p.key);
            return { key: p.key, name: def?.name ?? p.key, direction: def?.direction ?? null, recordType: def?.recordType ?? null, enabled: p.enabled, latestTransfer: p.latestTransfer, latestSuccessfulTransfer: p.latestSuccessfulTransfer };
          }),
      };
    });
  });
}
