import { and, eq } from "drizzle-orm";
import { resellerUsers, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { requireResellerPermission, type ResellerCtx } from "@/lib/auth/guard";
import { ForbiddenError } from "@/lib/errors";
import { updateResellerUserSchema } from "@/lib/schemas/resellers";
import { parseInput } from "@/lib/validation";
import { assertGrantable, loadMember } from "./internal";

export async function updateResellerUser({ ctx, input }: { ctx: ResellerCtx; input: unknown }) {
  requireResellerPermission(ctx, "reseller_users.edit");
  const data = parseInput(updateResellerUserSchema, input);
  return ctx.db.transaction(async (tx) => {
    const before = await loadMember(ctx, tx, data.userId);
    // Permissions the actor does not hold may stay as they are, but not be added.
    assertGrantable(ctx, data.permissions.filter((p) => !before.permissions.includes(p)));
    if (data.userId === ctx.actor.userId && before.permissions.some((p) => !data.permissions.includes(p)) && ctx.actor.kind !== "admin") {
      throw new ForbiddenError("You cannot remove your own permissions.");
    }
    await tx.update(users).set({ name: data.name, updatedAt: new Date() }).where(eq(users.id, data.userId));
    await tx.update(resellerUsers).set({ permissions: data.permissions, updatedAt: new Date() }).where(and(eq(resellerUsers.resellerId, ctx.reseller.id), eq(resellerUsers.userId, data.userId)));
    const after = await loadMember(ctx, tx, data.userId);
    await recordAudit(tx, ctx.actor, { action: "reseller_user.update", target: { type: "user", id: data.userId, label: before.email }, before, after, resellerId: ctx.reseller.id });
    return after;
  });
}
