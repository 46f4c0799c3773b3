import { randomBytes } from "node:crypto";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { loginTokens, tenants, tenantUsers, users } from "@/db/schema";
import type { Impersonator } from "@/lib/auth/actor";
import { sha256 } from "@/lib/auth/passwords";
import { InvalidCredentials, type SignedInUser } from "./sign-in-with-password";
import { listMemberships } from "./memberships";

const TTL_MS = 60_000;

type Purpose = (typeof loginTokens.$inferInsert)["purpose"];

/** Issues a single-use token (only its hash is stored); valid for one minute. */
export async function issueLoginToken(
  db: Pick<Db, "insert">,
  t: { purpose: Purpose; userId: string; impersonatorUserId?: string; tenantId?: string; ttlMs?: number },
): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db.insert(loginTokens).values({
    tokenHash: sha256(token),
    purpose: t.purpose,
    userId: t.userId,
    impersonatorUserId: t.impersonatorUserId ?? null,
    tenantId: t.tenantId ?? null,
    expiresAt: new Date(Date.now() + (t.ttlMs ?? TTL_MS)),
  });
  return token;
}

export type RedeemedLogin = SignedInUser & { impersonator?: Impersonator; landing: string };

/** Consumes a token exactly once (the UPDATE … WHERE used_at IS NULL makes a second use fail). */
export async function redeemLoginToken({ db, input }: { db: Db; input: unknown }): Promise<RedeemedLogin> {
  const parsed = z.object({ token: z.string().min(20).max(200) }).safeParse(input);
  if (!parsed.success) throw new InvalidCredentials();
  const [row] = await db
    .update(loginTokens)
    .set({ usedAt: sql`now()` })
    .where(and(eq(loginTokens.tokenHash, sha256(parsed.data.token)), isNull(loginTokens.usedAt), gt(loginTokens.expiresAt, sql`now()`)))
    .returning();
  if (!row) throw new InvalidCredentials();
  const [user] = await db.select().from(users).where(eq(users.id, row.userId));
  if (!user?.active) throw new InvalidCredentials();
  const memberships = await listMemberships(db, user.id, user.kind);
  const base = { id: user.id, email: user.email, name: user.name, kind: user.kind, memberships };

  if (row.tenantId && (row.purpose === "impersonate" || row.purpose === "login_url")) {
    const [target] = await db
      .select({ codeName: tenants.codeName, name: tenants.fullName, role: tenantUsers.role })
      .from(tenants)
      .innerJoin(tenantUsers, and(eq(tenantUsers.tenantId, tenants.id), eq(tenantUsers.userId, user.id), eq(tenantUsers.active, true)))
      .where(eq(tenants.id, row.tenantId));
    if (!target) throw new InvalidCredentials();
    let impersonator: Impersonator | undefined;
    if (row.purpose === "impersonate" && row.impersonatorUserId) {
      const [partner] = await db.select({ id: users.id, email: users.email }).from(users).where(eq(users.id, row.impersonatorUserId));
      if (!partner) throw new InvalidCredentials();
      impersonator = { userId: partner.id, email: partner.email, tenantId: row.tenantId };
    }
    return {
      ...base,
      memberships: impersonator ? [{ type: "tenant", ...target }] : memberships,
      impersonator,
      landing: `/t/${target.codeName}`,
    };
  }
  return { ...base, landing: "/" };
}
