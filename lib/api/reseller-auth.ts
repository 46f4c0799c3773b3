import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { resellerApiCredentials, resellers } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import type { ResellerCtx } from "@/lib/auth/guard";
import { allResellerPermissions, type ResellerPermission } from "@/lib/auth/permissions";
import { safeEqualHex, sha256 } from "@/lib/auth/passwords";
import { clientIp } from "@/lib/auth/request";
import { BadRequestError, ForbiddenError, UnauthenticatedError } from "@/lib/errors";
import { resellerHeaderSchema } from "@/lib/schemas/reseller-api";
import { parseBasicAuth } from "./basic-auth";

/** The guard's ResellerCtx, plus the credential that authenticated the request. */
export type ResellerApiCtx = ResellerCtx & { credential: { id: string; login: string; name: string } };

/** last_used_at is written at most this often per credential (one UPDATE a minute, not one per request). */
const LAST_USED_RESOLUTION_MS = 60_000;

/** Compared when the login is unknown, so a miss costs the same as a wrong secret. */
const NO_SUCH_SECRET = sha256("crossdock:no-such-reseller-credential");

// One message for an unknown login, a wrong secret and another reseller's credential: nothing tells them apart.
const invalid = () => new UnauthenticatedError("The credentials are not valid for this reseller.");

/**
 * Reseller API authentication: HTTP Basic with a reseller API credential (secret checked as SHA-256
 * in constant time) and `X-Reseller: <codeName>` naming the credential's own reseller. Produces the
 * same ResellerCtx the consoles get from the guard, with the credential's permissions.
 */
export async function authenticateResellerApi(db: Db, headers: Headers): Promise<ResellerApiCtx> {
  const parsedCode = resellerHeaderSchema.safeParse(headers.get("x-reseller") ?? "");
  if (!parsedCode.success) throw new BadRequestError("Send the reseller's code name in the X-Reseller header.", "X-Reseller");
  const basic = parseBasicAuth(headers.get("authorization"));
  if (!basic) throw new UnauthenticatedError("Send HTTP Basic credentials (login:secret) of a reseller API credential.");

  const [row] = await db
    .select({ credential: resellerApiCredentials, reseller: resellers })
    .from(resellerApiCredentials)
    .innerJoin(resellers, eq(resellers.id, resellerApiCredentials.resellerId))
    .where(eq(resellerApiCredentials.login, basic.login));
  const secretOk = safeEqualHex(sha256(basic.password), row?.credential.secretHash ?? NO_SUCH_SECRET);
  if (!row || !secretOk || row.reseller.codeName !== parsedCode.data) throw invalid();

  const { credential, reseller } = row;
  // The caller proved the secret: it may learn why its own credential no longer works.
  if (!credential.active) throw new UnauthenticatedError("This API credential is deactivated.");
  if (credential.expiresAt && credential.expiresAt.getTime() <= Date.now()) throw new UnauthenticatedError("This API credential has expired.");
  if (!reseller.active) throw new ForbiddenError("This partner account is deactivated. Contact the platform operator.");

  if (!credential.lastUsedAt || Date.now() - credential.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    // The WHERE keeps concurrent requests from all writing: only one per minute wins.
    await db
      .update(resellerApiCredentials)
      .set({ lastUsedAt: sql`now()` })
      .where(and(eq(resellerApiCredentials.id, credential.id), or(isNull(resellerApiCredentials.lastUsedAt), lt(resellerApiCredentials.lastUsedAt, sql`now() - interval '1 minute'`))));
  }

  const actor: Actor = { type: "api", userId: credential.id, email: credential.login, name: credential.name, kind: "reseller", ip: clientIp(headers) };
  const known = new Set<string>(allResellerPermissions);
  const permissions = new Set(credential.permissions.filter((p): p is ResellerPermission => known.has(p)));
  return { db, actor, reseller, permissions, credential: { id: credential.id, login: credential.login, name: credential.name } };
}
