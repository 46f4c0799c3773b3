import { and, asc, eq } from "drizzle-orm";
import { resellerUsers, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { requireResellerPermission, type ResellerCtx } from "@/lib/auth/guard";
import type { ResellerPermission } from "@/lib/auth/permissions";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { createResellerUserSchema, setActiveSchema, updateResellerUserSchema } from "@/lib/schemas/resellers";
import { parseInput } from "@/lib/validation";
import { insertUser, publicUserColumns } from "../users/internal";

/** Nobody can grant more than they hold. */
function assertGrantable(ctx: ResellerCtx, permissions: string[]) {
  const extra = permissions.filter((p) => !ctx.permissions.has(p as ResellerPermission));
  if (extra.length) throw new ValidationError("You cannot grant permissions you do not hold.", { permissions: [`Not yours to grant: ${extra.join(", ")}`] });
}

export async function listResellerUsers({ ctx }: { ctx: ResellerCtx }) {
  requireResellerPermission(ctx, "reseller_users.view");
  return ctx.db
    .select({ ...publicUserColumns, permissions: resellerUsers.permissions })
    .from(resellerUsers)
    .innerJoin(users, eq(users.id, resellerUsers.userId))
    .where(eq(resellerUsers.resellerId, ctx.reseller.id))
    .orderBy(asc(users.email));
}

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

async function loadMember(ctx: ResellerCtx, tx: Parameters<Parameters<ResellerCtx["db"]["transaction"]>[0]>[0], userId: string) {
  const [row] = await tx
    .select({ ...publicUserColumns, permissions: resellerUsers.permissions })
    .from(resellerUsers)
    .innerJoin(users, eq(users.id, resellerUsers.userId))
    .where(and(eq(resellerUsers.resellerId, ctx.reseller.id), eq(resellerUsers.userId, userId)));
  if (!row) throw new NotFoundError("User");
  return row;
}

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
