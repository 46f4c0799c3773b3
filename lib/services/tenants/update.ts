import { eq } from "drizzle-orm";
import { tenants } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { requireResellerPermission, type ResellerCtx } from "@/lib/auth/guard";
import { updateTenantSchema } from "@/lib/schemas/tenants";
import { setActiveSchema } from "@/lib/schemas/resellers";
import { parseInput } from "@/lib/validation";
import { getTenantInReseller } from "./internal";

/** Partner edit of a tenant. codeName and customerReference are fixed at creation (URLs use them). */
export async function updateTenant({ ctx, input }: { ctx: ResellerCtx; input: unknown }) {
  requireResellerPermission(ctx, "tenants.edit");
  const { tenantId, ...changes } = parseInput(updateTenantSchema, input);
  return ctx.db.transaction(async (tx) => {
    const before = await getTenantInReseller(tx, ctx, tenantId);
    const [after] = await tx.update(tenants).set({ ...changes, updatedAt: new Date() }).where(eq(tenants.id, tenantId)).returning();
    await recordAudit(tx, ctx.actor, { action: "tenant.update", target: { type: "tenant", id: tenantId, label: before.codeName }, before, after, tenantId });
    return after;
  });
}

/** Inactive tenants are paused: no plug runs, API answers 403; users still see their console. */
export async function setTenantActive({ ctx, input }: { ctx: ResellerCtx; input: unknown }) {
  requireResellerPermission(ctx, "tenants.edit");
  const { id, active } = parseInput(setActiveSchema, input);
  return ctx.db.transaction(async (tx) => {
    const before = await getTenantInReseller(tx, ctx, id);
    const [after] = await tx.update(tenants).set({ active, updatedAt: new Date() }).where(eq(tenants.id, id)).returning();
    await recordAudit(tx, ctx.actor, { action: active ? "tenant.reactivate" : "tenant.deactivate", target: { type: "tenant", id, label: before.codeName }, before, after, tenantId: id });
    return after;
  });
}
