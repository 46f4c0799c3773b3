import { resellerUsers } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { requireResellerPermission, type ResellerCtx } from "@/lib/auth/guard";
import { createResellerUserSchema } from "@/lib/schemas/resellers";
import { parseInput } from "@/lib/validation";
import { insertUser } from "../users/internal";
import { assertGrantable } from "./internal";

export async function createResellerUser({ ctx, input }: { ctx: ResellerCtx; input: unknown }) {
  requireResellerPermission(ctx, "reseller_users.create");
  const data = parseInput(createResellerUserSchema, input);
  assertGrantable(ctx, data.permissions);
  return ctx.db.transaction(async (tx) => {
    const user = await insertUser(tx, { ...data, kind: "reseller" });
    await tx.insert(resellerUsers).values({ resellerId: ctx.reseller.id, userId: user.id, permissions: data.permissions });
    await recordAudit(tx, ctx.actor, { action: "reseller_user.create", target: { type: "user", id: user.id, label: user.email }, after: { ...user, permissions: data.permissions }, resellerId: ctx.reseller.id });
    return user;
  });
}
