import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { connections } from "@/db/schema";
import { withTenantTx } from "@/db/tenant-tx";
import { recordAudit } from "@/lib/audit";
import { requireTenantPermission, type TenantCtx } from "@/lib/auth/guard";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { presentConnection } from "./internal";

/** Activates or deactivates any connection (an inactive API connection's credentials stop working; native plugs stop running). */
export async function setConnectionActive({ ctx, connectionId, input }: { ctx: TenantCtx; connectionId: string; input: unknown }) {
  requireTenantPermission(ctx, "tenant.write");
  const { active } = parseInput(z.object({ active: z.boolean() }), input);
  const tenantId = ctx.tenant.id;
  return withTenantTx(ctx.db, tenantId, async (tx) => {
    const [row] = await tx.select().from(connections).where(and(eq(connections.tenantId, tenantId), eq(connections.id, connectionId))).for("update");
    if (!row) throw new NotFoundError("Connection");
    if (row.archived && active) throw new ValidationError("An archived connection cannot be activated; create a new one.");
    const [updated] = await tx.update(connections).set({ active, updatedAt: sql`now()` }).where(and(eq(connections.tenantId, tenantId), eq(connections.id, connectionId))).returning();
    await recordAudit(tx, ctx.actor, { action: active ? "connection.activate" : "connection.deactivate", target: { type: "connection", id: row.id, label: row.name }, tenantId });
    return presentConnection(updated);
  });
}
