import { eq } from "drizzle-orm";
import { randomInt } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { assertNotLocked, recordFailure, throttleKeys } from "@/lib/auth/throttle";
import { RateLimitedError, ValidationError } from "@/lib/errors";
import { caught } from "@/test/db";
import { addTenantUser, makeWorld, PASSWORD, uid } from "@/test/factories";
import { InvalidCredentials, signInWithPassword } from "./sign-in-with-password";

let w: Awaited<ReturnType<typeof makeWorld>>;
beforeAll(async () => {
  w = await makeWorld();
});

/** A fresh address per test so lockouts never spill over. */
const ip = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
const signIn = (email: string, password: string, from?: string) => signInWithPassword({ db: w.db, input: { email, password }, ip: from });

describe("signInWithPassword", () => {
  it("signs in with the right password, email case and spaces ignored, and records the time", async () => {
    const u = await addTenantUser(w.resellerCtx, w.tenant, "member");
    const res = await signIn(`  ${u.user.email.toUpperCase()} `, PASSWORD, ip());
    expect(res).toMatchObject({ id: u.user.id, kind: "tenant", memberships: [{ type: "tenant", codeName: w.tenant.codeName, role: "member" }] });
    const [row] = await w.db.select({ lastLoginAt: users.lastLoginAt }).from(users).where(eq(users.id, u.user.id));
    expect(row.lastLoginAt).toBeInstanceOf(Date);
  });

  it("fails an unknown email exactly like a wrong password", async () => {
    const u = await addTenantUser(w.resellerCtx, w.tenant, "member");
    const wrong = await caught(signIn(u.user.email, "not-the-password", ip()));
    const unknown = await caught(signIn(`nobody-${uid()}@test.local`, "not-the-password", ip()));
    expect(wrong).toBeInstanceOf(InvalidCredentials);
    expect(unknown).toBeInstanceOf(InvalidCredentials);
    expect(unknown.message).toBe(wrong.message);
  });

  it("an unknown email is locked out like a real one (no way to tell them apart by the lockout)", async () => {
    const email = `ghost-${uid()}@test.local`;
    for (let i = 0; i < 5; i++) expect(await caught(signIn(email, "guess-guess-1"))).toBeInstanceOf(InvalidCredentials);
    expect(await caught(signIn(email, "guess-guess-1"))).toBeInstanceOf(RateLimitedError);
  });

  it("locks the account after five wrong passwords, even for the right one, from any address", async () => {
    const u = await addTenantUser(w.resellerCtx, w.tenant, "member");
    for (let i = 0; i < 5; i++) expect(await caught(signIn(u.user.email, `wrong-${i}-password`, ip()))).toBeInstanceOf(InvalidCredentials);
    const e = await caught(signIn(u.user.email, PASSWORD, ip()));
    expect(e).toBeInstanceOf(RateLimitedError);
    expect(e.status).toBe(429);
    expect(e.retryAfterSeconds).toBeGreaterThan(0);
    expect(e.message).toMatch(/Try again in/);
    // Other accounts are not affected.
    await expect(signIn(w.owner.user.email, PASSWORD, ip())).resolves.toMatchObject({ id: w.owner.user.id });
  });

  it("a success clears the account's failure count", async () => {
    const u = await addTenantUser(w.resellerCtx, w.tenant, "member");
    for (let i = 0; i < 4; i++) await caught(signIn(u.user.email, `wrong-${i}-password`));
    await signIn(u.user.email, PASSWORD);
    // Four more failures would have made nine without the reset, well past the limit of five.
    for (let i = 0; i < 4; i++) expect(await caught(signIn(u.user.email, `wrong-${i}-password`))).toBeInstanceOf(InvalidCredentials);
    await expect(signIn(u.user.email, PASSWORD)).resolves.toMatchObject({ id: u.user.id });
  });

  it("refuses a deactivated login with the same error as a wrong password", async () => {
    const u = await addTenantUser(w.resellerCtx, w.tenant, "member");
    await w.db.update(users).set({ active: false }).where(eq(users.id, u.user.id));
    expect(await caught(signIn(u.user.email, PASSWORD, ip()))).toBeInstanceOf(InvalidCredentials);
  });

  it("validates the input before anything else", async () => {
    const e = await caught(signIn("not an email", ""));
    expect(e).toBeInstanceOf(ValidationError);
    expect(Object.keys(e.fieldErrors).sort()).toEqual(["email", "password"]);
  });
});

describe("login throttle", () => {
  it("locks an IP after 30 failures, for every account", async () => {
    const from = ip();
    for (let i = 0; i < 30; i++) await recordFailure(w.db, throttleKeys(`spray-${i}-${uid()}@test.local`, from));
    expect(await caught(signIn(w.owner.user.email, PASSWORD, from))).toBeInstanceOf(RateLimitedError);
    await expect(signIn(w.owner.user.email, PASSWORD, ip())).resolves.toMatchObject({ id: w.owner.user.id });
  });

  it("counts failures within a 15-minute window only", async () => {
    const keys = throttleKeys(`window-${uid()}@test.local`, undefined);
    const now = Date.now();
    for (let i = 0; i < 4; i++) await recordFailure(w.db, keys, new Date(now - 20 * 60_000));
    // The old four are outside the window: this is the first failure of a new one.
    await recordFailure(w.db, keys, new Date(now));
    await expect(assertNotLocked(w.db, keys, new Date(now))).resolves.toBeUndefined();
    for (let i = 0; i < 4; i++) await recordFailure(w.db, keys, new Date(now));
    expect(await caught(assertNotLocked(w.db, keys, new Date(now)))).toBeInstanceOf(RateLimitedError);
  });

  it("doubles the lock with each further failure, up to 15 minutes", async () => {
    const keys = throttleKeys(`backoff-${uid()}@test.local`, undefined);
    const now = new Date();
    const lockSeconds = async () => {
      const e = await caught(assertNotLocked(w.db, keys, now));
      return (e as RateLimitedError).retryAfterSeconds;
    };
    for (let i = 0; i < 5; i++) await recordFailure(w.db, keys, now);
    expect(await lockSeconds()).toBe(30);
    await recordFailure(w.db, keys, now);
    expect(await lockSeconds()).toBe(60);
    for (let i = 0; i < 10; i++) await recordFailure(w.db, keys, now);
    expect(await lockSeconds()).toBe(15 * 60);
    // And it ends.
    await expect(assertNotLocked(w.db, keys, new Date(now.getTime() + 15 * 60_000 + 1000))).resolves.toBeUndefined();
  });
});
