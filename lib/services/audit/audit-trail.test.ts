import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, tenantAuditLog, tenants } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { authorizeTenant } from "@/lib/auth/guard";
import { ConflictError, ValidationError } from "@/lib/errors";
import { redeemLoginToken } from "@/lib/services/auth/login-tokens";
import { createResellerUser, setResellerUserActive, updateResellerUser } from "@/lib/services/reseller-users";
import { createReseller } from "@/lib/services/resellers/create";
import { setResellerActive } from "@/lib/services/resellers/set-active";
import { createTemplate, deleteTemplate, updateTemplate } from "@/lib/services/templates";
import { tenantUserAdminForPartner, tenantUserAdminForTenant } from "@/lib/services/tenant-users/access";
import { createTenantUser } from "@/lib/services/tenant-users/create";
import { startLoginAs } from "@/lib/services/tenant-users/login-as";
import { resetTenantUserPassword } from "@/lib/services/tenant-users/reset-password";
import { setTenantUserActive } from "@/lib/services/tenant-users/set-active";
import { updateTenantUserRole } from "@/lib/services/tenant-users/update-role";
import { createTenant } from "@/lib/services/tenants/create";
import { updateTenantSettings } from "@/lib/services/tenants/update-settings";
import { setTenantActive, updateTenant } from "@/lib/services/tenants/update";
import { caught } from "@/test/db";
import { makePartner, makeWorld, PASSWORD, uid } from "@/test/factories";

/** Every change leaves exactly one audit row, written in the change's own transaction. */
let w: Awaited<ReturnType<typeof makeWorld>>;
beforeAll(async () => {
  w = await makeWorld();
});

type Row = typeof auditLog.$inferSelect & { tenantId?: string; log: "platform" | "tenant" };

async function allAuditIds(): Promise<Set<string>> {
  const a = await w.db.select({ id: auditLog.id }).from(auditLog);
  const t = await w.db.select({ id: tenantAuditLog.id }).from(tenantAuditLog);
  return new Set([...a, ...t].map((r) => r.id));
}

/** Runs fn and returns the audit rows it added (in either log). */
async function auditOf(fn: () => Promise<unknown>): Promise<Row[]> {
  const before = await allAuditIds();
  await fn();
  const a = (await w.db.select().from(auditLog)).filter((r) => !before.has(r.id)).map((r) => ({ ...r, log: "platform" as const }));
  const t = (await w.db.select().from(tenantAuditLog)).filter((r) => !before.has(r.id)).map((r) => ({ ...r, resellerId: null, log: "tenant" as const }));
  return [...a, ...t];
}

/** Runs a call that must fail and returns the audit rows it added (expected: none). */
async function auditOfFailure(fn: () => Promise<unknown>): Promise<{ error: Error; rows: Row[] }> {
  let error: Error | undefined;
  const rows = await auditOf(async () => {
    error = await caught(fn());
  });
  return { error: error!, rows };
}

const tenantInput = () => {
  const id = uid();
  return { customerReference: `Audit ${id}`, fullName: `Audit ${id} AB`, email: `a-${id}@test.local` };
};

describe("one audit row per mutation", () => {
  it("for every service verb, with the action, target and log it belongs in", async () => {
    const ctx = w.resellerCtx;
    const partnerAdmin = await tenantUserAdminForPartner(ctx, w.tenant.id);
    const ownerAdmin = tenantUserAdminForTenant(w.owner.ctx);
    let memberId = "";
    let templateId = "";
    let resellerUserId = "";
    const admin = w.admin.actor.userId;
    const owner = w.owner.user.id;
    const cases: { name: string; run: () => Promise<unknown>; action: string; log: "platform" | "tenant"; by?: string }[] = [
      { name: "createReseller", run: () => createReseller({ ctx: w.admin, input: { name: "Audited", codeName: `audited-${uid()}` } }), action: "reseller.create", log: "platform" },
      { name: "setResellerActive", run: () => setResellerActive({ ctx: w.admin, input: { id: w.reseller.id, active: true } }), action: "reseller.reactivate", log: "platform" },
      { name: "createTenant", run: () => createTenant({ ctx, input: tenantInput() }), action: "tenant.create", log: "tenant" },
      {
        name: "updateTenant",
        run: () => updateTenant({ ctx, input: { tenantId: w.tenant.id, fullName: "Renamed AB", email: w.tenant.email, defaultLanguage: "eng", languages: ["eng", "swe"], options: ["api_access"] } }),
        action: "tenant.update",
        log: "tenant",
      },
      { name: "setTenantActive", run: () => setTenantActive({ ctx, input: { id: w.tenant.id, active: false } }), action: "tenant.deactivate", log: "tenant" },
      { name: "updateTenantSettings", run: () => updateTenantSettings({ ctx: w.owner.ctx, input: { defaultLanguage: "swe", languages: ["swe", "eng"] } }), action: "tenant.update_settings", log: "tenant", by: owner },
      {
        name: "createTenantUser",
        run: async () => (memberId = (await createTenantUser({ admin: partnerAdmin, input: { email: `m-${uid()}@test.local`, name: "M", role: "member", password: PASSWORD } })).id),
        action: "tenant_user.create",
        log: "tenant",
      },
      { name: "updateTenantUserRole", run: () => updateTenantUserRole({ admin: ownerAdmin, input: { userId: memberId, role: "read-only" } }), action: "tenant_user.update_role", log: "tenant", by: owner },
      { name: "resetTenantUserPassword", run: () => resetTenantUserPassword({ admin: ownerAdmin, input: { userId: memberId, password: "fresh-password-1" } }), action: "tenant_user.reset_password", log: "tenant", by: owner },
      { name: "setTenantUserActive", run: () => setTenantUserActive({ admin: ownerAdmin, input: { userId: memberId, active: false } }), action: "tenant_user.deactivate", log: "tenant", by: owner },
      {
        name: "createTemplate",
        run: async () => (templateId = (await createTemplate({ ctx, input: { name: `T ${uid()}`, defaultLanguage: "eng", languages: ["eng"], options: [] } })).id),
        action: "template.create",
        log: "platform",
      },
      { name: "updateTemplate", run: () => updateTemplate({ ctx, id: templateId, input: { name: `T2 ${uid()}`, defaultLanguage: "eng", languages: ["eng"], options: [] } }), action: "template.update", log: "platform" },
      { name: "deleteTemplate", run: () => deleteTemplate({ ctx, id: templateId }), action: "template.delete", log: "platform" },
      {
        name: "createResellerUser",
        run: async () => (resellerUserId = (await createResellerUser({ ctx, input: { email: `p-${uid()}@test.local`, name: "P", password: PASSWORD, permissions: ["tenants.view"] } })).id),
        action: "reseller_user.create",
        log: "platform",
      },
      { name: "updateResellerUser", run: () => updateResellerUser({ ctx, input: { userId: resellerUserId, name: "P2", permissions: [] } }), action: "reseller_user.update", log: "platform" },
      { name: "setResellerUserActive", run: () => setResellerUserActive({ ctx, input: { id: resellerUserId, active: false } }), action: "reseller_user.deactivate", log: "platform" },
    ];
    for (const c of cases) {
      const rows = await auditOf(c.run);
      expect({ verb: c.name, rows: rows.map((r) => ({ action: r.action, log: r.log, actor: r.actorId })) }).toEqual({
        verb: c.name,
        rows: [{ action: c.action, log: c.log, actor: c.by ?? admin }],
      });
    }
  });

  it("records before and after of an update", async () => {
    const [row] = await auditOf(() => updateTenantSettings({ ctx: w.owner.ctx, input: { defaultLanguage: "eng", languages: ["eng", "deu"] } }));
    expect(row.before).toEqual({ defaultLanguage: "swe", languages: ["swe", "eng"] });
    expect(row.after).toEqual({ defaultLanguage: "eng", languages: ["eng", "deu"] });
    expect(row).toMatchObject({ tenantId: w.tenant.id, targetType: "tenant", targetId: w.tenant.id, actorLabel: w.owner.user.email, onBehalfOf: null });
  });
});

describe("a failing mutation writes no audit row", () => {
  it("when it fails after its first insert (the whole transaction rolls back)", async () => {
    // The tenant row and its tenant.create entry are written before the owner's email clashes.
    const input = { ...tenantInput(), owner: { name: "Clash", email: w.owner.user.email, password: PASSWORD } };
    const { error, rows } = await auditOfFailure(() => createTenant({ ctx: w.resellerCtx, input }));
    expect(error).toBeInstanceOf(ConflictError);
    expect(rows).toEqual([]);
    expect(await w.db.select().from(tenants).where(eq(tenants.customerReference, input.customerReference))).toEqual([]);
  });

  it("when a rule refuses it, or the database does", async () => {
    const partnerAdmin = await tenantUserAdminForPartner(w.resellerCtx, w.tenant.id);
    const lastOwner = await auditOfFailure(() => updateTenantUserRole({ admin: partnerAdmin, input: { userId: w.owner.user.id, role: "member" } }));
    expect(lastOwner.error).toBeInstanceOf(ValidationError);
    expect(lastOwner.rows).toEqual([]);

    const dupReseller = await auditOfFailure(() => createReseller({ ctx: w.admin, input: { name: "Dup", codeName: w.reseller.codeName } }));
    expect(dupReseller.error).toBeInstanceOf(ConflictError);
    expect(dupReseller.rows).toEqual([]);

    const badInput = await auditOfFailure(() => updateTenantSettings({ ctx: w.owner.ctx, input: { defaultLanguage: "fra", languages: ["eng"] } }));
    expect(badInput.error).toBeInstanceOf(ValidationError);
    expect(badInput.rows).toEqual([]);
  });
});

describe("secrets never reach the audit log", () => {
  it("passwords and hashes are left out of user creation and password resets", async () => {
    const secret = `Sup3r-secret-${uid()}`;
    const created = await auditOf(() => createResellerUser({ ctx: w.resellerCtx, input: { email: `s-${uid()}@test.local`, name: "S", password: secret, permissions: [] } }));
    const owner = await auditOf(() => createTenant({ ctx: w.resellerCtx, input: { ...tenantInput(), owner: { name: "O", email: `o-${uid()}@test.local`, password: secret } } }));
    const ownerAdmin = tenantUserAdminForTenant(w.owner.ctx);
    const member = await createTenantUser({ admin: ownerAdmin, input: { email: `r-${uid()}@test.local`, name: "R", role: "member", password: PASSWORD } });
    const reset = await auditOf(() => resetTenantUserPassword({ admin: ownerAdmin, input: { userId: member.id, password: secret } }));

    const rows = [...created, ...owner, ...reset];
    expect(rows.map((r) => r.action).sort()).toEqual(["reseller_user.create", "tenant.create", "tenant_user.create", "tenant_user.reset_password"]);
    for (const r of rows) {
      const text = JSON.stringify([r.before, r.after]);
      expect(text).not.toContain(secret);
      expect(text).not.toMatch(/"[^"]*(password|hash|secret|token)[^"]*":/i);
      expect(text).not.toMatch(/\$2[aby]\$/); // no bcrypt hash under any name
    }
    // The rows still say what happened.
    expect(created[0].after).toMatchObject({ name: "S", permissions: [] });
  });
});

describe("log in as", () => {
  it("is audited in the tenant's log, and what the partner does there names both people", async () => {
    const partner = await makePartner(w.resellerCtx);
    const started = await auditOf(() => startLoginAs({ ctx: partner.ctx, input: { tenantId: w.tenant.id, userId: w.owner.user.id } }));
    expect(started.map((r) => ({ action: r.action, log: r.log, actorId: r.actorId, targetId: r.targetId }))).toEqual([
      { action: "tenant_user.login_as", log: "tenant", actorId: partner.user.id, targetId: w.owner.user.id },
    ]);

    const { token } = await startLoginAs({ ctx: partner.ctx, input: { tenantId: w.tenant.id, userId: w.owner.user.id } });
    const session = await redeemLoginToken({ db: w.db, input: { token } });
    const actor: Actor = { type: "user", userId: session.id, email: session.email, name: session.name, kind: session.kind, impersonator: session.impersonator };
    const ctx = await authorizeTenant(w.db, actor, w.tenant.codeName);
    const [row] = await auditOf(() => updateTenantSettings({ ctx, input: { defaultLanguage: "eng", languages: ["eng"] } }));
    expect(row).toMatchObject({ actorId: partner.user.id, actorLabel: partner.user.email, onBehalfOf: w.owner.user.email });
  });
});
