import type { Tx } from "@/db/client";
import type { ChainLink, Direction } from "@/lib/manipulators/types";
import type { RecordType } from "@/lib/records";
import { chainRow } from "./internal";

/**
 * The saved chain a plug run uses, inside the run's own tenant transaction: its version (for the
 * transfer report) and links as saved (validated then). null when none was ever saved.
 */
export async function loadChain(tx: Tx, tenantId: string, connectionId: string, direction: Direction, recordType: RecordType): Promise<{ version: number; links: ChainLink[] } | null> {
  const row = await chainRow(tx, tenantId, { connectionId, direction, recordType });
  return row ? { version: row.version, links: row.links as ChainLink[] } : null;
}
