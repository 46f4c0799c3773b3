import { z } from "zod";
import type { Db } from "@/db/client";
import { connections } from "@/db/schema";
import { withTenantTx } from "@/db/tenant-tx";
import { recordAudit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { newId } from "@/lib/ids";
import { nameSchema } from "@/lib/schemas/common";
import { parseInput } from "@/lib/validation";
import { presentConnection } from "./internal";

export const createApiConnectionSchema = z.object({ name: nameSchema });

/** An active `api` connection: the identity an external integration uses with X-ConnectionId. */
export async function createApiConnection({ db, actor, tenantId, input }: { db: Db; actor: Actor; tenantId: string; input: unknown }) {
  const { name } = parseInput(createApiConnectionSchema, input);
  return withTenantTx(db, tenantId, async (tx) => {
    const [row] = await tx.insert(connections).values({ tenantId, id: newId("connection"), connector: "api", name }).returning();
    await recordAudit(tx, actor, { action: "connection.create", target: { type: "connection", id: row.id, label: name }, after: presentConnection(row), tenantId });
    return presentConnection(row);
  });
}
