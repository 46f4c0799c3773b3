import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { burnPasswordCheck, verifyPassword } from "@/lib/auth/passwords";
import { assertNotLocked, clearAccount, recordFailure, throttleKeys } from "@/lib/auth/throttle";
import { parseInput } from "@/lib/validation";
import { listMemberships, type Membership } from "./memberships";

export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address."),
  password: z.string().min(1, "Enter your password.").max(200),
});

export type SignedInUser = { id: string; email: string; name: string; kind: "admin" | "reseller" | "tenant"; memberships: Membership[] };

export class InvalidCredentials extends Error {}

/**
 * Checks a password sign-in. Unknown account and wrong password fail the same way and take the same
 * time; failures count per account and per IP before any password is compared.
 */
export async function signInWithPassword({ db, input, ip }: { db: Db; input: unknown; ip?: string }): Promise<SignedInUser> {
  const { email, password } = parseInput(signInSchema, input);
  const keys = throttleKeys(email, ip);
  await assertNotLocked(db, keys);
  const [user] = await db.select().from(users).where(sql`lower(${users.email}) = ${email}`);
  const ok = user ? await verifyPassword(password, user.passwordHash) : await burnPasswordCheck(password);
  if (!user || !ok || !user.active) {
    await recordFailure(db, keys);
    throw new InvalidCredentials();
  }
  await clearAccount(db, keys);
  await db.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, user.id));
  const memberships = await listMemberships(db, user.id, user.kind);
  return { id: user.id, email: user.email, name: user.name, kind: user.kind, memberships };
}
