import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { tenants, tenantUsers, users } from "@/db/schema";
import { NotFoundError } from "@/lib/errors";
import { caught } from "@/test/db";
import { addTenantUser, makePartner, makeReseller, makeTenant, makeWorld } from "@/test/factories";
import { listResellerAudit, listTenantAudit } from "./audit/list";
import { tenantUserAdminForPartner, tenantUserAdminForTenant } from "./tenant-users/access";
import { listTenantUsers } from "./tenant-users/list";
import { resetTenantUserPassword } from "./tenant-users/reset-password";
import { setTenantUserActive } from "./tenant-users/set-active";
import { updateTenantUserRole } from "./tenant-users/update-role";
import { startLoginAs } from "./tenant-users/login-as";
import { getTenant } from "./tenants/get";
import { listTenants } from "./tenants/list";
import { setTenantActive, updateTenant } from "./tenants/update";

/** Tenants never reach each other through the service verbs; another tenant's object is a 404. */
let w: Awaited<ReturnType<typeof makeWorld>>;
let b: Awaited<ReturnType<typeof makeTenant>>;
let bMember: Awaited<ReturnType<typeof addTenantUser>>;

beforeAll(async () => {
  w = await makeWorld();
  b = await makeTenant(w.resellerCtx);
  bMember = await addTenantUser(w.resellerCtx, b.tenant, "member");
});

async function bMemberRow() {
  const [row] = await w.db
    .select({ role: tenantUsers.role, active: tenantUsers.active, passwordHash: users.passwordHash })
    .from(tenantUsers)
    .innerJoin(users, eq(users.id, tenantUsers.userId))
    .where(and(eq(tenantUsers.tenantId, b.tenant.id), eq(tenantUsers.userId, bMember.user.id)));
  return row;
}

describe("tenant A's admin and tenant B's users", () => {
  it("cannot change the role of, reset the password of, or deactivate B's user", async () => {
    const admin = tenantUserAdminForTenant(w.owner.ctx);
    const before = await bMemberRow();
    for (const attempt of [
      () => updateTenantUserRole({ admin, input: { userId: bMember.user.id, role: "admin" } }),
      () => resetTenantUserPassword({ admin, input: { userId: bMember.user.id, password: "taken-over-123" } }),
      () => setTenantUserActive({ admin, input: { userId: bMember.user.id, active: false } }),
    ]) {
      const e = await caught(attempt());
      expect(e).toBeInstanceOf(NotFoundError);
      expect(e.message).toBe("User not found.");
    }
    expect(await bMemberRow()).toEqual(before);
  });

  it("answers B's user exactly like a user id that does not exist", async () => {
    const admin = tenantUserAdminForTenant(w.owner.ctx);
    const foreign = await caught(updateTenantUserRole({ admin, input: { userId: bMember.user.id, role: "member" } }));
    const missing = await caught(updateTenantUserRole({ admin, input: { userId: "usr_does_not_exist", role: "member" } }));
    expect({ type: foreign.constructor.name, message: foreign.message }).toEqual({ type: missing.constructor.name, message: missing.message });
  });

  it("lists only A's users", async () => {
    const rows = await listTenantUsers({ db: w.db, tenantId: w.tenant.id });
    expect(rows.map((r) => r.id)).toContain(w.owner.user.id);
    expect(rows.map((r) => r.id)).not.toContain(bMember.user.id);
    expect(rows.map((r) => r.id)).not.toContain(b.owner.user.id);
  });

  it("reads only A's audit entries", async () => {
    const aEntries = await listTenantAudit({ ctx: w.owner.ctx, input: { limit: 200 } });
    expect(aEntries.rows.length).toBeGreaterThan(0);
    expect(aEntries.rows.every((r) => r.tenantId === w.tenant.id)).toBe(true);
    const bEntries = await listTenantAudit({ ctx: b.owner.ctx, input: { limit: 200 } });
    expect(bEntries.rows.length).toBeGreaterThan(0);
    const aIds = new Set(aEntries.rows.map((r) => r.id));
    expect(bEntries.rows.some((r) => aIds.has(r.id))).toBe(false);
  });
});

describe("a partner of reseller R1 and a tenant of reseller R2", () => {
  let r2Tenant: Awaited<ReturnType<typeof makeTenant>>;
  let partner: Awaited<ReturnType<typeof makePartner>>;

  beforeAll(async () => {
    const r2 = await makeReseller(w.admin);
    r2Tenant = await makeTenant(r2.ctx);
    partner = await makePartner(w.resellerCtx);
  });

  async function r2Row() {
    const [row] = await w.db.select().from(tenants).where(eq(tenants.id, r2Tenant.tenant.id));
    return row;
  }

  it("cannot get, update or deactivate it (404), and nothing changes", async () => {
    const before = await r2Row();
    const attempts = [
      () => getTenant({ ctx: partner.ctx, codeName: r2Tenant.tenant.codeName }),
      () => updateTenant({ ctx: partner.ctx, input: { tenantId: r2Tenant.tenant.id, fullName: "Hijacked", email: "x@evil.test", defaultLanguage: "eng", languages: ["eng"], options: [] } }),
      () => setTenantActive({ ctx: partner.ctx, input: { id: r2Tenant.tenant.id, active: false } }),
      () => tenantUserAdminForPartner(partner.ctx, r2Tenant.tenant.id),
      () => startLoginAs({ ctx: partner.ctx, input: { tenantId: r2Tenant.tenant.id, userId: r2Tenant.owner.user.id } }),
    ];
    for (const attempt of attempts) {
      const e = await caught(attempt());
      expect(e).toBeInstanceOf(NotFoundError);
      expect(e.message).toBe("Tenant not found.");
    }
    expect(await r2Row()).toEqual(before);
  });

  it("answers R2's tenant exactly like a tenant that does not exist", async () => {
    const foreign = await caught(getTenant({ ctx: partner.ctx, codeName: r2Tenant.tenant.codeName }));
    const missing = await caught(getTenant({ ctx: partner.ctx, codeName: "no-such-tenant-anywhere" }));
    expect(foreign.message).toBe(missing.message);
  });

  it("does not see it in lists or in the reseller audit", async () => {
    const list = await listTenants({ ctx: partner.ctx, input: { q: r2Tenant.tenant.codeName } });
    expect(list).toEqual([]);
    const all = await listTenants({ ctx: partner.ctx, input: {} });
    expect(all.map((t) => t.id)).toContain(w.tenant.id);
    expect(all.map((t) => t.id)).not.toContain(r2Tenant.tenant.id);
    const audit = await listResellerAudit({ ctx: partner.ctx, input: { limit: 200 } });
    expect(audit.rows.some((r) => r.tenantId === r2Tenant.tenant.id)).toBe(false);
    expect(audit.rows.some((r) => r.tenantId === w.tenant.id)).toBe(true);
  });
});
