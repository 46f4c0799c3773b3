import { and, eq } from "drizzle-orm";
import { resellerUsers, users } from "@/db/schema";
import type { Tx } from "@/db/client";
import type { ResellerCtx } from "@/lib/auth/guard";
import type { ResellerPermission } from "@/lib/auth/permissions";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { publicUserColumns } from "../users/internal";

/** Nobody can grant more than they hold. */
export function assertGrantable(ctx: ResellerCtx, permissions: string[]) {
  const extra = permissions.filter((p) => !ctx.permissions.has(p as ResellerPermission));
  if (extra.length) throw new ValidationError("You cannot grant permissions you do not hold.", { permissions: [`Not yours to grant: ${extra.join(", ")}`] });
}

/** A user of this reseller, or 404. */
export async function loadMember(ctx: ResellerCtx, tx: Tx, userId: string) {
  const [row] = await tx
    .select({ ...publicUserColumns, permissions: resellerUsers.permissions })
    .from(resellerUsers)
    .innerJoin(users, eq(users.id, resellerUsers.userId))
    .where(and(eq(resellerUsers.resellerId, ctx.reseller.id), eq(resellerUsers.userId, userId)));
  if (!row) throw new NotFoundError("User");
  return row;
}
