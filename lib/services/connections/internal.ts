import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { connections } from "@/db/schema";
import { NotFoundError } from "@/lib/errors";

export type ConnectionRow = typeof connections.$inferSelect;

/** A connection of this tenant, or 404. */
export async function getConnectionInTenant(tx: DbOrTx, tenantId: string, id: string): Promise<ConnectionRow> {
  const [row] = await tx.select().from(connections).where(and(eq(connections.tenantId, tenantId), eq(connections.id, id)));
  if (!row) throw new NotFoundError("Connection");
  return row;
}

/** What any API or page may show of a connection: never its settings (they may hold secrets). */
export function presentConnection(c: ConnectionRow) {
  return { connectionId: c.id, connector: c.connector, name: c.name, active: c.active, created: c.createdAt.toISOString(), lastModified: c.updatedAt.toISOString() };
}
