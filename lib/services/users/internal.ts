import { eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/passwords";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { newId } from "@/lib/ids";

/** Inserts a login. Email is unique across the platform (case-insensitive). */
export async function insertUser(tx: Tx, u: { email: string; name: string; password: string; kind: "admin" | "reseller" | "tenant" }) {
  const [taken] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${u.email.toLowerCase()}`);
  if (taken) throw new ConflictError(`A user with the email ${u.email} already exists.`, { email: ["This email is already in use."] });
  const [row] = await tx
    .insert(users)
    .values({ id: newId("user"), email: u.email.toLowerCase(), name: u.name, kind: u.kind, passwordHash: await hashPassword(u.password) })
    .returning({ id: users.id, email: users.email, name: users.name, kind: users.kind, active: users.active, createdAt: users.createdAt });
  return row;
}

/** Sets a new password; sessions issued before now end (see actorFromSession). */
export async function setUserPassword(tx: Tx, userId: string, password: string) {
  const [row] = await tx
    .update(users)
    .set({ passwordHash: await hashPassword(password), passwordChangedAt: new Date(), updatedAt: new Date() })
    .where(eq(users.id, userId))
    .returning({ id: users.id, email: users.email });
  if (!row) throw new NotFoundError("User");
  return row;
}

export const publicUserColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  active: users.active,
  lastLoginAt: users.lastLoginAt,
  createdAt: users.createdAt,
};
