import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { requireResellerPermission, type ResellerCtx } from "@/lib/auth/guard";
import { ForbiddenError } from "@/lib/errors";
import { setActiveSchema } from "@/lib/schemas/resellers";
import { parseInput } from "@/lib/validation";
import { loadMember } from "./internal";

/** Deactivation is the "delete" of the partner portal: the login stops working, history stays. */
export async function setResellerUserActive({ ctx, input }: { ctx: ResellerCtx; input: unknown }) {
  requireResellerPermission(ctx, "reseller_users.delete");
  const { id, active } = parseInput(setActiveSchema, input);
  if (id === ctx.actor.userId) throw new ForbiddenError("You cannot deactivate yourself.");
  return ctx.db.transaction(async (tx) => {
    const before = await loadMember(ctx, tx, id);
    await tx.update(users).set({ active, updatedAt: new Date() }).where(eq(users.id, id));
    const after = await loadMember(ctx, tx, id);
    await recordAudit(tx, ctx.actor, { action: active ? "reseller_user.reactivate" : "reseller_user.deactivate", target: { type: "user", id, label: before.email }, before, after, resellerId: ctx.reseller.id });
    return after;
  });
}
