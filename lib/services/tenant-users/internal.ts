import { and, eq, ne, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { tenantUsers, users } from "@/db/schema";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import type { TenantRole } from "@/lib/auth/permissions";
import { publicUserColumns } from "../users/internal";
import type { TenantUserAdmin } from "./access";

export const tenantUserColumns = { ...publicUserColumns, role: tenantUsers.role, memberActive: tenantUsers.active, apiAccess: tenantUsers.apiAccess, memberSince: tenantUsers.createdAt };

/** A member of this tenant, or 404. */
export async function getMember(tx: Tx, tenantId: string, userId: string) {
  const [row] = await tx
    .select(tenantUserColumns)
    .from(tenantUsers)
    .innerJoin(users, eq(users.id, tenantUsers.userId))
    .where(and(eq(tenantUsers.tenantId, tenantId), eq(tenantUsers.userId, userId)));
  if (!row) throw new NotFoundError("User");
  return row;
}

/** The actor may only touch members at or below the roles it can grant, and never itself. */
export function assertCanManage(admin: TenantUserAdmin, member: { id: string; role: TenantRole }) {
  if (admin.self && admin.self === member.id) throw new ForbiddenError("You cannot change your own access. Ask another owner or admin.");
  if (!admin.grantable.includes(member.role)) throw new ForbiddenError("Only an owner can change an owner.");
}

export function assertGrantableRole(admin: TenantUserAdmin, role: TenantRole) {
  if (!admin.grantable.includes(role)) throw new ValidationError("You cannot grant a role above your own.", { role: ["Not a role you can grant."] });
}

/** A tenant always keeps at least one active owner. */
export async function assertOtherActiveOwner(tx: Tx, tenantId: string, userId: string) {
  const [{ count }] = await tx
    .select({ count: sql<number>`count(*)::int` })
    .from(tenantUsers)
    .where(and(eq(tenantUsers.tenantId, tenantId), eq(tenantUsers.role, "owner"), eq(tenantUsers.active, true), ne(tenantUsers.userId, userId)));
  if (count === 0) throw new ValidationError("A tenant must keep at least one active owner.", { role: ["This is the last active owner."] });
}
