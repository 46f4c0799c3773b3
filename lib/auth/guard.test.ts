import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { tenantUsers } from "@/db/schema";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { setResellerActive } from "@/lib/services/resellers/set-active";
import { tenantUserAdminForPartner } from "@/lib/services/tenant-users/access";
import { setTenantUserActive } from "@/lib/services/tenant-users/set-active";
import { caught } from "@/test/db";
import { actorOf, addTenantUser, makeAdmin, makePartner, makeReseller, makeTenant, makeWorld } from "@/test/factories";
import { authorizeAdmin, authorizeReseller, authorizeTenant } from "./guard";

let w: Awaited<ReturnType<typeof makeWorld>>;
let other: Awaited<ReturnType<typeof makeTenant>>;

beforeAll(async () => {
  w = await makeWorld();
  other = await makeTenant(w.resellerCtx);
});

describe("authorizeTenant", () => {
  it("lets a member in with their role", async () => {
    const member = await addTenantUser(w.resellerCtx, w.tenant, "member");
    const ctx = await authorizeTenant(w.db, member.actor, w.tenant.codeName.toUpperCase());
    expect(ctx.tenant.id).toBe(w.tenant.id);
    expect(ctx.role).toBe("member");
  });

  it("answers another tenant's user and a missing tenant with the same 404", async () => {
    const foreign = await caught(authorizeTenant(w.db, other.owner.actor, w.tenant.codeName));
    const missing = await caught(authorizeTenant(w.db, other.owner.actor, "no-such-tenant-anywhere"));
    expect(foreign).toBeInstanceOf(NotFoundError);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect(foreign.message).toBe(missing.message);
    expect(foreign.status).toBe(missing.status);
  });

  it("does not let partners or admins in through the tenant door", async () => {
    const partner = await makePartner(w.resellerCtx);
    expect(await caught(authorizeTenant(w.db, partner.actor, w.tenant.codeName))).toBeInstanceOf(NotFoundError);
    expect(await caught(authorizeTenant(w.db, w.admin.actor, w.tenant.codeName))).toBeInstanceOf(NotFoundError);
  });

  it("answers 404 once the membership is deactivated", async () => {
    const member = await addTenantUser(w.resellerCtx, w.tenant, "member");
    const admin = await tenantUserAdminForPartner(w.resellerCtx, w.tenant.id);
    await setTenantUserActive({ admin, input: { userId: member.user.id, active: false } });
    const e = await caught(authorizeTenant(w.db, member.actor, w.tenant.codeName));
    expect(e).toBeInstanceOf(NotFoundError);
    expect(e.message).toBe((await caught(authorizeTenant(w.db, member.actor, "no-such-tenant-anywhere"))).message);
  });

  it("limits a log-in-as session to the tenant it was started for", async () => {
    // A user who belongs to two tenants, impersonated for the first one only.
    const member = await addTenantUser(w.resellerCtx, w.tenant, "admin");
    await w.db.insert(tenantUsers).values({ tenantId: other.tenant.id, userId: member.user.id, role: "admin" });
    expect((await authorizeTenant(w.db, member.actor, other.tenant.codeName)).tenant.id).toBe(other.tenant.id);

    const partner = await makePartner(w.resellerCtx);
    const impersonated = { ...member.actor, impersonator: { userId: partner.user.id, email: partner.user.email, tenantId: w.tenant.id } };
    expect((await authorizeTenant(w.db, impersonated, w.tenant.codeName)).tenant.id).toBe(w.tenant.id);
    expect(await caught(authorizeTenant(w.db, impersonated, other.tenant.codeName))).toBeInstanceOf(NotFoundError);
    await w.db.delete(tenantUsers).where(and(eq(tenantUsers.tenantId, other.tenant.id), eq(tenantUsers.userId, member.user.id)));
  });

  it("checks the permission asked for: 403 for a read-only user, pass for an owner", async () => {
    const reader = await addTenantUser(w.resellerCtx, w.tenant, "read-only");
    expect((await authorizeTenant(w.db, reader.actor, w.tenant.codeName, "tenant.read")).role).toBe("read-only");
    expect(await caught(authorizeTenant(w.db, reader.actor, w.tenant.codeName, "tenant.write"))).toBeInstanceOf(ForbiddenError);
    expect((await authorizeTenant(w.db, w.owner.actor, w.tenant.codeName, "users.manage")).role).toBe("owner");
  });
});

describe("authorizeReseller", () => {
  it("lets the reseller's own partner in with exactly their permissions", async () => {
    const partner = await makePartner(w.resellerCtx, ["tenants.view", "stats.view"]);
    const ctx = await authorizeReseller(w.db, partner.actor, w.reseller.codeName);
    expect([...ctx.permissions].sort()).toEqual(["stats.view", "tenants.view"]);
  });

  it("answers another reseller's user and a missing reseller with the same 404", async () => {
    const r2 = await makeReseller(w.admin);
    const stranger = await makePartner(r2.ctx);
    const foreign = await caught(authorizeReseller(w.db, stranger.actor, w.reseller.codeName));
    const missing = await caught(authorizeReseller(w.db, stranger.actor, "no-such-reseller-anywhere"));
    expect(foreign).toBeInstanceOf(NotFoundError);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect(foreign.message).toBe(missing.message);
  });

  it("answers 403 for a permission the partner does not hold", async () => {
    const partner = await makePartner(w.resellerCtx, ["tenants.view"]);
    expect(await caught(authorizeReseller(w.db, partner.actor, w.reseller.codeName, "tenants.create"))).toBeInstanceOf(ForbiddenError);
    await expect(authorizeReseller(w.db, partner.actor, w.reseller.codeName, "tenants.view")).resolves.toBeTruthy();
  });

  it("does not let tenant users in, and locks partners out of a deactivated reseller", async () => {
    expect(await caught(authorizeReseller(w.db, w.owner.actor, w.reseller.codeName))).toBeInstanceOf(NotFoundError);
    const r = await makeReseller(w.admin);
    const partner = await makePartner(r.ctx);
    await setResellerActive({ ctx: w.admin, input: { id: r.reseller.id, active: false } });
    expect(await caught(authorizeReseller(w.db, partner.actor, r.reseller.codeName))).toBeInstanceOf(ForbiddenError);
    // The platform admin still reaches it, to reactivate it.
    await expect(authorizeReseller(w.db, w.admin.actor, r.reseller.codeName)).resolves.toBeTruthy();
  });
});

describe("authorizeAdmin", () => {
  it("accepts a platform admin and rejects everyone else", async () => {
    const admin = await makeAdmin();
    expect(authorizeAdmin(w.db, admin.actor).actor.userId).toBe(admin.user.id);
    const partner = await makePartner(w.resellerCtx);
    expect(() => authorizeAdmin(w.db, partner.actor)).toThrow(NotFoundError);
    expect(() => authorizeAdmin(w.db, w.owner.actor)).toThrow(NotFoundError);
    // The kind on the actor is what counts, not the email.
    expect(() => authorizeAdmin(w.db, actorOf(admin.user, "tenant"))).toThrow(NotFoundError);
  });
});
