import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { loginTokens, tenants, users } from "@/db/schema";
import { sha256 } from "@/lib/auth/passwords";

/**
 * What an unused, unexpired login-URL token would sign in to, without consuming it: the page behind
 * the link shows this and asks for a click, so link prefetchers and scanners cannot burn the token.
 * Redeeming stays redeemLoginToken's job. undefined for anything not redeemable.
 */
export async function peekLoginUrlToken(db: Db, token: string): Promise<{ tenantCode: string; tenantName: string; email: string } | undefined> {
  if (typeof token !== "string" || token.length < 20 || token.length > 200) return undefined;
  const [row] = await db
    .select({ tenantCode: tenants.codeName, tenantName: tenants.fullName, email: users.email })
    .from(loginTokens)
    .innerJoin(tenants, eq(tenants.id, loginTokens.tenantId))
    .innerJoin(users, eq(users.id, loginTokens.userId))
    .where(and(eq(loginTokens.tokenHash, sha256(token)), eq(loginTokens.purpose, "login_url"), isNull(loginTokens.usedAt), gt(loginTokens.expiresAt, sql`now()`)));
  return row;
}
