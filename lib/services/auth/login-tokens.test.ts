import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { loginTokens, tenantUsers, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { authorizeTenant } from "@/lib/auth/guard";
import { sha256 } from "@/lib/auth/passwords";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { startLoginAs } from "@/lib/services/tenant-users/login-as";
import { caught } from "@/test/db";
import { addTenantUser, makePartner, makeTenant, makeWorld } from "@/test/factories";
import { issueLoginToken, redeemLoginToken } from "./login-tokens";
import { InvalidCredentials } from "./sign-in-with-password";

let w: Awaited<ReturnType<typeof makeWorld>>;
beforeAll(async () => {
  w = await makeWorld();
});

const redeem = (token: string) => redeemLoginToken({ db: w.db, input: { token } });

describe("login tokens", () => {
  it("can be redeemed once", async () => {
    const token = await issueLoginToken(w.db, { purpose: "login_url", userId: w.owner.user.id, tenantId: w.tenant.id });
    const first = await redeem(token);
    expect(first).toMatchObject({ id: w.owner.user.id, kind: "tenant", landing: `/t/${w.tenant.codeName}` });
    expect(first.impersonator).toBeUndefined();
    expect(await caught(redeem(token))).toBeInstanceOf(InvalidCredentials);
  });

  it("only their hash is stored", async () => {
    const token = await issueLoginToken(w.db, { purpose: "return", userId: w.owner.user.id });
    const rows = await w.db.select().from(loginTokens).where(eq(loginTokens.tokenHash, sha256(token)));
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it("fail once expired", async () => {
    const token = await issueLoginToken(w.db, { purpose: "return", userId: w.owner.user.id, ttlMs: -1000 });
    expect(await caught(redeem(token))).toBeInstanceOf(InvalidCredentials);
  });

  it("fail for unknown or malformed tokens, and for a deactivated user", async () => {
    expect(await caught(redeem("x".repeat(43)))).toBeInstanceOf(InvalidCredentials);
    expect(await caught(redeemLoginToken({ db: w.db, input: { token: 42 } }))).toBeInstanceOf(InvalidCredentials);
    const u = await addTenantUser(w.resellerCtx, w.tenant, "member");
    const token = await issueLoginToken(w.db, { purpose: "return", userId: u.user.id });
    await w.db.update(users).set({ active: false }).where(eq(users.id, u.user.id));
    expect(await caught(redeem(token))).toBeInstanceOf(InvalidCredentials);
  });

  it("for a tenant the user no longer belongs to fail", async () => {
    const u = await addTenantUser(w.resellerCtx, w.tenant, "member");
    const token = await issueLoginToken(w.db, { purpose: "login_url", userId: u.user.id, tenantId: w.tenant.id });
    await w.db.update(tenantUsers).set({ active: false }).where(eq(tenantUsers.userId, u.user.id));
    expect(await caught(redeem(token))).toBeInstanceOf(InvalidCredentials);
  });
});

describe("log in as (impersonation)", () => {
  it("yields a session limited to the one tenant it was started for", async () => {
    // The target belongs to two tenants; the partner logs in as them for the first.
    const second = await makeTenant(w.resellerCtx);
    const target = await addTenantUser(w.resellerCtx, w.tenant, "admin");
    await w.db.insert(tenantUsers).values({ tenantId: second.tenant.id, userId: target.user.id, role: "admin" });
    const partner = await makePartner(w.resellerCtx);

    const { token, tenantCode } = await startLoginAs({ ctx: partner.ctx, input: { tenantId: w.tenant.id, userId: target.user.id } });
    expect(tenantCode).toBe(w.tenant.codeName);
    const session = await redeem(token);
    expect(session).toMatchObject({
      id: target.user.id,
      impersonator: { userId: partner.user.id, email: partner.user.email, tenantId: w.tenant.id },
      landing: `/t/${w.tenant.codeName}`,
    });
    expect(session.memberships.map((m) => m.codeName)).toEqual([w.tenant.codeName]);

    const actor: Actor = { type: "user", userId: session.id, email: session.email, name: session.name, kind: session.kind, impersonator: session.impersonator };
    expect((await authorizeTenant(w.db, actor, w.tenant.codeName)).tenant.id).toBe(w.tenant.id);
    expect(await caught(authorizeTenant(w.db, actor, second.tenant.codeName))).toBeInstanceOf(NotFoundError);
    expect(await caught(redeem(token))).toBeInstanceOf(InvalidCredentials);
  });

  it("needs tenants.login_as and an active user", async () => {
    const viewer = await makePartner(w.resellerCtx, ["tenants.view"]);
    expect((await caught(startLoginAs({ ctx: viewer.ctx, input: { tenantId: w.tenant.id, userId: w.owner.user.id } }))).status).toBe(403);

    const partner = await makePartner(w.resellerCtx);
    const u = await addTenantUser(w.resellerCtx, w.tenant, "member");
    await w.db.update(tenantUsers).set({ active: false }).where(eq(tenantUsers.userId, u.user.id));
    expect(await caught(startLoginAs({ ctx: partner.ctx, input: { tenantId: w.tenant.id, userId: u.user.id } }))).toBeInstanceOf(ValidationError);
  });

  it("cannot target a user of another tenant through this tenant", async () => {
    const partner = await makePartner(w.resellerCtx);
    const other = await makeTenant(w.resellerCtx);
    expect(await caught(startLoginAs({ ctx: partner.ctx, input: { tenantId: w.tenant.id, userId: other.owner.user.id } }))).toBeInstanceOf(NotFoundError);
  });
});
