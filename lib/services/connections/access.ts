import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { connections, plugs } from "@/db/schema";
import { connectorByKey, plugOf } from "@/lib/connectors/registry";
import type { Connector, Plug } from "@/lib/connectors/types";
import { NotFoundError } from "@/lib/errors";
import type { ConnectionRow } from "./internal";

/** A native connection of this tenant with its connector's code, or 404 (another tenant's looks missing). */
export async function nativeConnection(tx: Tx, tenantId: string, connectionId: string, forUpdate = false): Promise<{ row: ConnectionRow; connector: Connector }> {
  const q = tx.select().from(connections).where(and(eq(connections.tenantId, tenantId), eq(connections.id, connectionId)));
  const [row] = forUpdate ? await q.for("update") : await q;
  const connector = row ? connectorByKey(row.connector) : undefined;
  if (!row || !connector) throw new NotFoundError("Connection");
  return { row, connector };
}

export async function connectionPlug(tx: Tx, tenantId: string, connectionId: string, plugKey: string) {
  const { row, connector } = await nativeConnection(tx, tenantId, connectionId);
  const plug: Plug | undefined = plugOf(connector, plugKey);
  const [plugRow] = plug ? await tx.select().from(plugs).where(and(eq(plugs.tenantId, tenantId), eq(plugs.connectionId, connectionId), eq(plugs.key, plugKey))).for("update") : [];
  if (!plug || !plugRow) throw new NotFoundError("Plug");
  return { row, connector, plug, plugRow };
}
