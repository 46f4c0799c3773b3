import { connections } from "@/db/schema";
import { connectorName } from "@/lib/connectors/registry";

export type ConnectionRow = typeof connections.$inferSelect;

/** What any API or page may show of a connection: never its settings (they may hold secrets). */
export function presentConnection(c: ConnectionRow) {
  return {
    connectionId: c.id,
    connector: c.connector,
    connectorName: connectorName(c.connector),
    name: c.name,
    active: c.active,
    archived: c.archived,
    created: c.createdAt.toISOString(),
    lastModified: c.updatedAt.toISOString(),
  };
}
