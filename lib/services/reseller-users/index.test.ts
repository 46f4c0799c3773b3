import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { resellerUsers, users } from "@/db/schema";
import { allResellerPermissions } from "@/lib/auth/permissions";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { caught } from "@/test/db";
import { makePartner, makeReseller, makeWorld, PASSWORD, uid } from "@/test/factories";
import { createResellerUser, listResellerUsers, setResellerUserActive, updateResellerUser } from ".";

let w: Awaited<ReturnType<typeof makeWorld>>;
let limited: Awaited<ReturnType<typeof makePartner>>;

beforeAll(async () => {
  w = await makeWorld();
  limited = await makePartner(w.resellerCtx, ["reseller_users.view", "reseller_users.create", "reseller_users.edit", "reseller_users.delete", "tenants.view"]);
});

const newUser = (permissions: string[]) => {
  const id = uid();
  return { email: `ru-${id}@test.local`, name: `Reseller user ${id}`, password: PASSWORD, permissions };
};
const userByEmail = async (email: string) => (await w.db.select().from(users).where(eq(users.email, email)))[0];
const permissionsOf = async (userId: string) => (await w.db.select().from(resellerUsers).where(eq(resellerUsers.userId, userId)))[0]?.permissions;

describe("granting reseller permissions", () => {
  it("a partner grants what they hold", async () => {
    const u = await createResellerUser({ ctx: limited.ctx, input: newUser(["tenants.view", "reseller_users.view"]) });
    expect((await permissionsOf(u.id))?.sort()).toEqual(["reseller_users.view", "tenants.view"]);
  });

  it("a partner cannot grant a permission they do not hold, and nothing is written", async () => {
    const input = newUser(["tenants.view", "tenants.create"]);
    const e = await caught(createResellerUser({ ctx: limited.ctx, input }));
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.fieldErrors.permissions[0]).toContain("tenants.create");
    expect(e.fieldErrors.permissions[0]).not.toContain("tenants.view");
    expect(await userByEmail(input.email)).toBeUndefined();
  });

  it("a partner cannot add one on update, but may keep one they do not hold", async () => {
    const full = await createResellerUser({ ctx: w.resellerCtx, input: newUser(["tenants.view", "tenants.delete"]) });
    // Keeping tenants.delete (already there) while renaming is fine.
    const kept = await updateResellerUser({ ctx: limited.ctx, input: { userId: full.id, name: "Renamed", permissions: ["tenants.view", "tenants.delete"] } });
    expect(kept.name).toBe("Renamed");
    const e = await caught(updateResellerUser({ ctx: limited.ctx, input: { userId: full.id, name: "Renamed", permissions: ["tenants.view", "tenants.delete", "templates.delete"] } }));
    expect(e).toBeInstanceOf(ValidationError);
    expect((await permissionsOf(full.id))?.sort()).toEqual(["tenants.delete", "tenants.view"]);
  });

  it("the platform admin can grant every permission", async () => {
    const u = await createResellerUser({ ctx: w.resellerCtx, input: newUser([...allResellerPermissions]) });
    expect((await permissionsOf(u.id))?.sort()).toEqual([...allResellerPermissions].sort());
  });

  it("refuses unknown permission codes", async () => {
    const e = await caught(createResellerUser({ ctx: w.resellerCtx, input: newUser(["tenants.view", "everything.root"]) }));
    expect(e).toBeInstanceOf(ValidationError);
    expect(Object.keys(e.fieldErrors)).toEqual(["permissions.1"]);
  });
});

describe("reseller user management", () => {
  it("needs the matching permission", async () => {
    const viewer = await makePartner(w.resellerCtx, ["reseller_users.view"]);
    expect(await caught(createResellerUser({ ctx: viewer.ctx, input: newUser([]) }))).toBeInstanceOf(ForbiddenError);
    expect((await listResellerUsers({ ctx: viewer.ctx })).map((u) => u.id)).toContain(viewer.user.id);
    const nobody = await makePartner(w.resellerCtx, []);
    expect(await caught(listResellerUsers({ ctx: nobody.ctx }))).toBeInstanceOf(ForbiddenError);
  });

  it("refuses a duplicate email", async () => {
    const e = await caught(createResellerUser({ ctx: w.resellerCtx, input: { ...newUser([]), email: limited.user.email.toUpperCase() } }));
    expect(e).toBeInstanceOf(ConflictError);
  });

  it("nobody deactivates themselves; another reseller's user is a 404", async () => {
    expect(await caught(setResellerUserActive({ ctx: limited.ctx, input: { id: limited.user.id, active: false } }))).toBeInstanceOf(ForbiddenError);
    const r2 = await makeReseller(w.admin);
    const stranger = await makePartner(r2.ctx);
    expect(await caught(setResellerUserActive({ ctx: limited.ctx, input: { id: stranger.user.id, active: false } }))).toBeInstanceOf(NotFoundError);
    expect(await caught(updateResellerUser({ ctx: limited.ctx, input: { userId: stranger.user.id, name: "x", permissions: [] } }))).toBeInstanceOf(NotFoundError);
    expect((await userByEmail(stranger.user.email)).active).toBe(true);
  });

  it("deactivation stops the login", async () => {
    const u = await createResellerUser({ ctx: limited.ctx, input: newUser([]) });
    const after = await setResellerUserActive({ ctx: limited.ctx, input: { id: u.id, active: false } });
    expect(after.active).toBe(false);
  });
});
