import { and, eq } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { connections, manipulatorChains } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { tenantRoleCan, type TenantPermission, type TenantRole } from "@/lib/auth/permissions";
import { API_CONNECTOR, connectorByKey } from "@/lib/connectors/registry";
import type { Connector, Plug } from "@/lib/connectors/types";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import type { ChainLink, Direction } from "@/lib/manipulators/types";
import { isRecordType, type RecordType } from "@/lib/records";
import type { ChainAnswer } from "@/lib/schemas/manipulators";
import type { ConnectionRow } from "@/lib/services/connections/internal";

/**
 * What the chain verbs need of a caller. A console TenantCtx fits, and so does the Tenant API's
 * context (whose tenant is not the full row), so both transports share the verbs.
 */
export type ChainCtx = { db: Db; actor: Actor; role: TenantRole; tenant: { id: string } };

/** Same rule as the guard's requireTenantPermission, for either transport's context. */
export function requireChainPermission(ctx: ChainCtx, permission: TenantPermission): void {
  if (!tenantRoleCan(ctx.role, permission)) throw new ForbiddenError();
}

export type ChainTarget = { connectionId: string; direction: Direction; recordType: RecordType };

/** URL segments as a chain target; an unknown direction or record type is a missing page (404). */
export function chainTarget(connectionId: string, direction: string, recordType: string): ChainTarget {
  if ((direction !== "import" && direction !== "export") || !isRecordType(recordType)) throw new NotFoundError("Resource");
  return { connectionId, direction, recordType };
}

export const directionLabel = (d: Direction) => (d === "import" ? "Import" : "Export");
const typeLabel = (t: string) => t.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();

/** Any connection of the tenant (native or API), or the 404 a missing one gives. */
export async function connectionInTenant(tx: Tx, tenantId: string, connectionId: string, forUpdate = false): Promise<ConnectionRow> {
  const q = tx.select().from(connections).where(and(eq(connections.tenantId, tenantId), eq(connections.id, connectionId)));
  const [row] = forUpdate ? await q.for("update") : await q;
  if (!row) throw new NotFoundError("Connection");
  return row;
}

/**
 * The plugs a chain of this direction and record type runs in. Chains belong to native
 * connections' plugs: anything else is refused with the reason (422), never silently stored.
 */
export function plugsForChain(row: ConnectionRow, direction: Direction, recordType: RecordType): { connector: Connector; plugs: Plug[] } {
  if (row.connector === API_CONNECTOR) {
    throw new ValidationError(
      "Manipulator chains run inside the plugs of native connections. An API connection (external integration) has no plugs here: change the records in the integration before it sends them.",
      { connectionId: ["An API connection has no plugs to run a chain in."] },
    );
  }
  const connector = connectorByKey(row.connector);
  if (!connector) throw new NotFoundError("Connection");
  const plugs = connector.plugs.filter((p) => p.direction === direction && p.recordType === recordType);
  if (!plugs.length) {
    const offered = [...new Set(connector.plugs.map((p) => `${p.direction} of ${typeLabel(p.recordType)}s`))].join(", ");
    throw new ValidationError(`${connector.name} has no plug that does ${direction} of ${typeLabel(recordType)}s, so a chain there would never run. Its plugs do: ${offered}.`, {
      recordType: [`No ${direction} plug for ${typeLabel(recordType)} records on this connection.`],
    });
  }
  return { connector, plugs };
}

export type ChainRow = typeof manipulatorChains.$inferSelect;

export async function chainRow(tx: Tx, tenantId: string, t: ChainTarget, forUpdate = false): Promise<ChainRow | undefined> {
  const q = tx
    .select()
    .from(manipulatorChains)
    .where(and(eq(manipulatorChains.tenantId, tenantId), eq(manipulatorChains.connectionId, t.connectionId), eq(manipulatorChains.direction, t.direction), eq(manipulatorChains.recordType, t.recordType)));
  const [row] = forUpdate ? await q.for("update") : await q;
  return row;
}

/** The public shape of a chain; a chain never saved is empty at version 0. */
export function presentChain(t: ChainTarget, row: ChainRow | undefined): ChainAnswer {
  return {
    connectionId: t.connectionId,
    direction: t.direction,
    recordType: t.recordType,
    version: row?.version ?? 0,
    links: (row?.links as ChainLink[] | undefined) ?? [],
    updated: row?.updatedAt.toISOString() ?? null,
    updatedBy: row?.updatedBy ?? null,
  };
}
