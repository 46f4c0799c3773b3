import type { ChainResult } from "@/lib/manipulators/types";
import type { Plug } from "../types";
import type { RunContext } from "./run";

/**
 * The connection's manipulator chain on one record: on import the mapped write body, right before it
 * is validated and saved; on export the stored record, before the plug's own logic. null when the
 * connection has no chain for this plug's direction and record type.
 */
export function manipulate(ctx: RunContext, plug: Plug, record: Record<string, unknown>): Promise<ChainResult> | null {
  if (!ctx.chain) return null;
  return ctx.chain.run(record, {
    direction: plug.direction,
    recordType: plug.recordType,
    connection: { id: ctx.connection.id, name: ctx.connection.name, connectorKey: ctx.connection.connector },
    now: new Date(),
  });
}
