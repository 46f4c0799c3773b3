import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { resellers, resellerUsers, tenants, tenantUsers } from "@/db/schema";
import type { UserKind } from "@/lib/auth/actor";

export type Membership =
  | { type: "tenant"; codeName: string; name: string; role: string }
  | { type: "reseller"; codeName: string; name: string };

/** What a user can enter: carried in the session for navigation; the guard re-checks every request. */
export async function listMemberships(db: DbOrTx, userId: string, kind: UserKind): Promise<Membership[]> {
  if (kind === "tenant") {
    const rows = await db
      .select({ codeName: tenants.codeName, name: tenants.fullName, role: tenantUsers.role })
      .from(tenantUsers)
      .innerJoin(tenants, eq(tenants.id, tenantUsers.tenantId))
      .where(and(eq(tenantUsers.userId, userId), eq(tenantUsers.active, true)))
      .orderBy(asc(tenants.codeName));
    return rows.map((r) => ({ type: "tenant" as const, ...r }));
  }
  if (kind === "reseller") {
    const rows = await db
      .select({ codeName: resellers.codeName, name: resellers.name })
      .from(resellerUsers)
      .innerJoin(resellers, eq(resellers.id, resellerUsers.resellerId))
      .where(eq(resellerUsers.userId, userId));
    return rows.map((r) => ({ type: "reseller" as const, ...r }));
  }
  return [];
}

/** Where a user lands after signing in. */
export function homePath(kind: UserKind, memberships: Membership[]): string {
  if (kind === "admin") return "/admin";
  const first = memberships[0];
  if (!first) return "/no-access";
  if (first.type === "reseller") return `/partner/${first.codeName}`;
  return memberships.length > 1 ? "/choose-tenant" : `/t/${first.codeName}`;
}
