import { eq } from "drizzle-orm";
import { resellers } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import type { AdminCtx } from "@/lib/auth/guard";
import { NotFoundError } from "@/lib/errors";
import { setActiveSchema } from "@/lib/schemas/resellers";
import { parseInput } from "@/lib/validation";

/** Deactivating a reseller locks its partner users out; its tenants keep running. */
export async function setResellerActive({ ctx, input }: { ctx: AdminCtx; input: unknown }) {
  const { id, active } = parseInput(setActiveSchema, input);
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(resellers).where(eq(resellers.id, id)).for("update");
    if (!before) throw new NotFoundError("Reseller");
    const [after] = await tx.update(resellers).set({ active, updatedAt: new Date() }).where(eq(resellers.id, id)).returning();
    await recordAudit(tx, ctx.actor, { action: active ? "reseller.reactivate" : "reseller.deactivate", target: { type: "reseller", id, label: before.codeName }, before, after, resellerId: id });
    return after;
  });
}
