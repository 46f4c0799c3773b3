import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { users } from "@/db/schema";
import { UnauthenticatedError } from "@/lib/errors";

export type UserKind = "admin" | "reseller" | "tenant";

/**
 * Who is acting. `impersonator` is set while a partner is logged in as a tenant user. `type: "api"`
 * is a machine credential (Reseller API): userId/email are then the credential's id and login.
 */
export type Actor = {
  type: "user" | "api";
  userId: string;
  email: string;
  name: string;
  kind: UserKind;
  impersonator?: Impersonator;
  ip?: string;
};

/** The partner behind a "log in as" session, and the one tenant that session is limited to. */
export type Impersonator = { userId: string; email: string; tenantId: string };

export type SessionClaims = {
  userId: string;
  /** Seconds since epoch when the user signed in (not refreshed with the cookie). */
  authAt: number;
  impersonator?: Impersonator;
};

/**
 * Turns session claims into an Actor by re-reading the user: a deactivated user or a password
 * changed after the session was issued ends the session at once.
 */
export async function actorFromSession(db: DbOrTx, claims: SessionClaims | null, ip?: string): Promise<Actor> {
  if (!claims) throw new UnauthenticatedError();
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name, kind: users.kind, active: users.active, passwordChangedAt: users.passwordChangedAt })
    .from(users)
    .where(eq(users.id, claims.userId));
  if (!user || !user.active) throw new UnauthenticatedError("Your session has ended. Sign in again.");
  // JWT iat has second precision; allow the same second the password was set in.
  if (Math.floor(user.passwordChangedAt.getTime() / 1000) > claims.authAt) {
    throw new UnauthenticatedError("Your password was changed. Sign in again.");
  }
  return { type: "user", userId: user.id, email: user.email, name: user.name, kind: user.kind, impersonator: claims.impersonator, ip };
}
