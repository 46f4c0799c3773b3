import { asc, eq } from "drizzle-orm";
import { resellerUsers, users } from "@/db/schema";
import { requireResellerPermission, type ResellerCtx } from "@/lib/auth/guard";
import { publicUserColumns } from "../users/internal";

export async function listResellerUsers({ ctx }: { ctx: ResellerCtx }) {
  requireResellerPermission(ctx, "reseller_users.view");
  return ctx.db
    .select({ ...publicUserColumns, permissions: resellerUsers.permissions })
    .from(resellerUsers)
    .innerJoin(users, eq(users.id, resellerUsers.userId))
    .where(eq(resellerUsers.resellerId, ctx.reseller.id))
    .orderBy(asc(users.email));
}
