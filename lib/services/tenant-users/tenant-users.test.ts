import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { actorFromSession } from "@/lib/auth/actor";
import { ConflictError, ForbiddenError, UnauthenticatedError, ValidationError } from "@/lib/errors";
import { signInWithPassword } from "@/lib/services/auth/sign-in-with-password";
import { caught } from "@/test/db";
import { addTenantUser, makeWorld, PASSWORD, uid } from "@/test/factories";
import { tenantUserAdminForPartner, tenantUserAdminForTenant } from "./access";
import { createTenantUser } from "./create";
import { listTenantUsers } from "./list";
import { resetTenantUserPassword } from "./reset-password";
import { setTenantUserActive } from "./set-active";
import { updateTenantUserRole } from "./update-role";

let w: Awaited<ReturnType<typeof makeWorld>>;
beforeEach(async () => {
  w = await makeWorld();
});

const newUser = (role: string) => {
  const id = uid();
  return { email: `u-${id}@test.local`, name: `User ${id}`, role, password: PASSWORD };
};
async function roleOf(userId: string) {
  return (await listTenantUsers({ db: w.db, tenantId: w.tenant.id })).find((u) => u.id === userId);
}

describe("role limits", () => {
  it("an admin cannot grant owner, nor change, deactivate or reset an owner", async () => {
    const tenantAdmin = await addTenantUser(w.resellerCtx, w.tenant, "admin");
    const admin = tenantUserAdminForTenant(tenantAdmin.ctx);
    expect(admin.grantable).not.toContain("owner");

    const grant = await caught(createTenantUser({ admin, input: newUser("owner") }));
    expect(grant).toBeInstanceOf(ValidationError);
    expect(grant.fieldErrors).toHaveProperty("role");

    const member = await addTenantUser(w.resellerCtx, w.tenant, "member");
    expect(await caught(updateTenantUserRole({ admin, input: { userId: member.user.id, role: "owner" } }))).toBeInstanceOf(ValidationError);

    for (const attempt of [
      () => updateTenantUserRole({ admin, input: { userId: w.owner.user.id, role: "member" } }),
      () => setTenantUserActive({ admin, input: { userId: w.owner.user.id, active: false } }),
      () => resetTenantUserPassword({ admin, input: { userId: w.owner.user.id, password: "admin-chosen-1" } }),
    ]) {
      expect(await caught(attempt())).toBeInstanceOf(ForbiddenError);
    }
    expect(await roleOf(w.owner.user.id)).toMatchObject({ role: "owner", memberActive: true });
    expect((await roleOf(member.user.id))?.role).toBe("member");
  });

  it("an admin manages roles below owner", async () => {
    const tenantAdmin = await addTenantUser(w.resellerCtx, w.tenant, "admin");
    const admin = tenantUserAdminForTenant(tenantAdmin.ctx);
    const created = await createTenantUser({ admin, input: newUser("member") });
    expect(created.role).toBe("member");
    const updated = await updateTenantUserRole({ admin, input: { userId: created.id, role: "read-only" } });
    expect(updated.role).toBe("read-only");
  });

  it("an owner can grant owner", async () => {
    const admin = tenantUserAdminForTenant(w.owner.ctx);
    const created = await createTenantUser({ admin, input: newUser("owner") });
    expect((await roleOf(created.id))?.role).toBe("owner");
  });

  it("members and read-only users cannot manage users at all", async () => {
    for (const role of ["member", "read-only"] as const) {
      const u = await addTenantUser(w.resellerCtx, w.tenant, role);
      expect(() => tenantUserAdminForTenant(u.ctx)).toThrow(ForbiddenError);
    }
  });
});

describe("owners", () => {
  it("the last active owner can be neither demoted nor deactivated", async () => {
    const partner = await tenantUserAdminForPartner(w.resellerCtx, w.tenant.id);
    const demote = await caught(updateTenantUserRole({ admin: partner, input: { userId: w.owner.user.id, role: "admin" } }));
    expect(demote).toBeInstanceOf(ValidationError);
    expect(demote.fieldErrors).toHaveProperty("role");
    expect(await caught(setTenantUserActive({ admin: partner, input: { userId: w.owner.user.id, active: false } }))).toBeInstanceOf(ValidationError);
    expect(await roleOf(w.owner.user.id)).toMatchObject({ role: "owner", memberActive: true });
  });

  it("a deactivated second owner does not count as another owner", async () => {
    const partner = await tenantUserAdminForPartner(w.resellerCtx, w.tenant.id);
    const second = await createTenantUser({ admin: partner, input: newUser("owner") });
    await setTenantUserActive({ admin: partner, input: { userId: second.id, active: false } });
    expect(await caught(updateTenantUserRole({ admin: partner, input: { userId: w.owner.user.id, role: "member" } }))).toBeInstanceOf(ValidationError);

    await setTenantUserActive({ admin: partner, input: { userId: second.id, active: true } });
    const demoted = await updateTenantUserRole({ admin: partner, input: { userId: w.owner.user.id, role: "member" } });
    expect(demoted.role).toBe("member");
  });

  it("nobody changes their own access, even an owner with a co-owner", async () => {
    const partner = await tenantUserAdminForPartner(w.resellerCtx, w.tenant.id);
    await createTenantUser({ admin: partner, input: newUser("owner") });
    const self = tenantUserAdminForTenant(w.owner.ctx);
    for (const attempt of [
      () => updateTenantUserRole({ admin: self, input: { userId: w.owner.user.id, role: "member" } }),
      () => setTenantUserActive({ admin: self, input: { userId: w.owner.user.id, active: false } }),
      () => resetTenantUserPassword({ admin: self, input: { userId: w.owner.user.id, password: "my-own-new-1" } }),
    ]) {
      expect(await caught(attempt())).toBeInstanceOf(ForbiddenError);
    }
    expect(await roleOf(w.owner.user.id)).toMatchObject({ role: "owner", memberActive: true });
  });
});

describe("createTenantUser", () => {
  it("refuses an email that is already in use, whatever its case", async () => {
    const admin = tenantUserAdminForTenant(w.owner.ctx);
    const e = await caught(createTenantUser({ admin, input: { ...newUser("member"), email: w.owner.user.email.toUpperCase() } }));
    expect(e).toBeInstanceOf(ConflictError);
    expect(e.fieldErrors).toHaveProperty("email");
    expect(await listTenantUsers({ db: w.db, tenantId: w.tenant.id })).toHaveLength(1);
  });

  it("stores the email lowercased", async () => {
    const admin = tenantUserAdminForTenant(w.owner.ctx);
    const input = newUser("member");
    const created = await createTenantUser({ admin, input: { ...input, email: input.email.toUpperCase() } });
    expect(created.email).toBe(input.email);
  });
});

describe("resetTenantUserPassword", () => {
  it("sets the new password and ends sessions that started before it", async () => {
    const member = await addTenantUser(w.resellerCtx, w.tenant, "member");
    // The member signed in a minute ago; their password was set an hour ago.
    await w.db.update(users).set({ passwordChangedAt: new Date(Date.now() - 3600_000) }).where(eq(users.id, member.user.id));
    const claims = { userId: member.user.id, authAt: Math.floor(Date.now() / 1000) - 60 };
    expect((await actorFromSession(w.db, claims)).userId).toBe(member.user.id);

    await resetTenantUserPassword({ admin: tenantUserAdminForTenant(w.owner.ctx), input: { userId: member.user.id, password: "brand-new-password" } });

    const e = await caught(actorFromSession(w.db, claims));
    expect(e).toBeInstanceOf(UnauthenticatedError);
    await expect(signInWithPassword({ db: w.db, input: { email: member.user.email, password: "brand-new-password" } })).resolves.toMatchObject({ id: member.user.id });
    await expect(signInWithPassword({ db: w.db, input: { email: member.user.email, password: PASSWORD } })).rejects.toThrow();
  });

  it("refuses a too-short password and leaves the old one working", async () => {
    const member = await addTenantUser(w.resellerCtx, w.tenant, "member");
    const e = await caught(resetTenantUserPassword({ admin: tenantUserAdminForTenant(w.owner.ctx), input: { userId: member.user.id, password: "short" } }));
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.fieldErrors).toHaveProperty("password");
    await expect(signInWithPassword({ db: w.db, input: { email: member.user.email, password: PASSWORD } })).resolves.toMatchObject({ id: member.user.id });
  });
});

describe("actorFromSession", () => {
  it("ends the session of a deactivated login", async () => {
    const member = await addTenantUser(w.resellerCtx, w.tenant, "member");
    const claims = { userId: member.user.id, authAt: Math.floor(Date.now() / 1000) };
    await w.db.update(users).set({ active: false }).where(eq(users.id, member.user.id));
    expect(await caught(actorFromSession(w.db, claims))).toBeInstanceOf(UnauthenticatedError);
    expect(await caught(actorFromSession(w.db, null))).toBeInstanceOf(UnauthenticatedError);
  });
});
