import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db, type Tx } from "@/db/client";
import { tenantAuditLog, tenantUsers } from "@/db/schema";
import { withTenantTx } from "@/db/tenant-tx";
import { caught, rowsOf, sqlState } from "@/test/db";
import { makeReseller, makeTenant } from "@/test/factories";

/** The second wall: row-level security on tenant-owned tables, as the role tenant work runs under. */
let db: Db;
let a: Awaited<ReturnType<typeof makeTenant>>;
let b: Awaited<ReturnType<typeof makeTenant>>;

/** A transaction as crossdock_tenant, with app.tenant_id set only when given. */
function asTenantRole<T>(tenantId: string | null, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local role crossdock_tenant`);
    if (tenantId) await tx.execute(sql`select set_config('app.tenant_id', ${tenantId}, true)`);
    return fn(tx);
  });
}

const auditRow = (tenantId: string, id: string) => ({
  tenantId,
  id,
  actorType: "user",
  actorId: "usr_test",
  actorLabel: "rls@test.local",
  action: "rls.probe",
  targetType: "tenant",
  targetId: tenantId,
});

beforeAll(async () => {
  db = await getDb();
  const { ctx } = await makeReseller();
  a = await makeTenant(ctx);
  b = await makeTenant(ctx);
});

describe("row-level security as crossdock_tenant", () => {
  it("the connection's own role (owner) sees both tenants, so the checks below are meaningful", async () => {
    const users = await db.select().from(tenantUsers).where(sql`${tenantUsers.tenantId} in (${a.tenant.id}, ${b.tenant.id})`);
    expect(new Set(users.map((u) => u.tenantId))).toEqual(new Set([a.tenant.id, b.tenant.id]));
    const audit = await db.select().from(tenantAuditLog).where(sql`${tenantAuditLog.tenantId} in (${a.tenant.id}, ${b.tenant.id})`);
    expect(new Set(audit.map((r) => r.tenantId))).toEqual(new Set([a.tenant.id, b.tenant.id]));
  });

  it("without app.tenant_id there are no rows at all", async () => {
    const counts = await asTenantRole(null, async (tx) => ({
      users: rowsOf<{ n: number }>(await tx.execute(sql`select count(*)::int as n from tenant_users`))[0].n,
      audit: rowsOf<{ n: number }>(await tx.execute(sql`select count(*)::int as n from tenant_audit_log`))[0].n,
      role: rowsOf<{ r: string }>(await tx.execute(sql`select current_user as r`))[0].r,
    }));
    expect(counts).toEqual({ users: 0, audit: 0, role: "crossdock_tenant" });
  });

  it("with tenant A set, only A's rows are visible, even when asking for B's by id", async () => {
    const seen = await asTenantRole(a.tenant.id, async (tx) => ({
      users: await tx.select().from(tenantUsers),
      audit: await tx.select().from(tenantAuditLog),
      bUsers: await tx.select().from(tenantUsers).where(eq(tenantUsers.tenantId, b.tenant.id)),
    }));
    expect(seen.users.length).toBeGreaterThan(0);
    expect(seen.users.every((u) => u.tenantId === a.tenant.id)).toBe(true);
    expect(seen.users.map((u) => u.userId)).toContain(a.owner.user.id);
    expect(seen.audit.length).toBeGreaterThan(0);
    expect(seen.audit.every((r) => r.tenantId === a.tenant.id)).toBe(true);
    expect(seen.bUsers).toEqual([]);
  });

  it("rejects inserting a row for another tenant (WITH CHECK)", async () => {
    const e = await caught(asTenantRole(a.tenant.id, (tx) => tx.insert(tenantAuditLog).values(auditRow(b.tenant.id, "aud_rls_cross"))));
    expect(sqlState(e)).toBe("42501");
    const e2 = await caught(asTenantRole(a.tenant.id, (tx) => tx.insert(tenantUsers).values({ tenantId: b.tenant.id, userId: a.owner.user.id, role: "owner" })));
    expect(sqlState(e2)).toBe("42501");
    const leaked = await db.select().from(tenantAuditLog).where(eq(tenantAuditLog.id, "aud_rls_cross"));
    expect(leaked).toEqual([]);
    const membership = await db.select().from(tenantUsers).where(and(eq(tenantUsers.tenantId, b.tenant.id), eq(tenantUsers.userId, a.owner.user.id)));
    expect(membership).toEqual([]);
  });

  it("allows inserting a row for the tenant that is set", async () => {
    await asTenantRole(a.tenant.id, (tx) => tx.insert(tenantAuditLog).values(auditRow(a.tenant.id, `aud_rls_own_${a.tenant.id}`)));
    const [row] = await db.select().from(tenantAuditLog).where(eq(tenantAuditLog.id, `aud_rls_own_${a.tenant.id}`));
    expect(row.tenantId).toBe(a.tenant.id);
  });

  it("cannot update B's rows, nor move its own rows to B", async () => {
    const updated = await asTenantRole(a.tenant.id, (tx) =>
      tx.update(tenantUsers).set({ role: "read-only" }).where(eq(tenantUsers.tenantId, b.tenant.id)).returning(),
    );
    expect(updated).toEqual([]);
    const [bOwner] = await db.select().from(tenantUsers).where(and(eq(tenantUsers.tenantId, b.tenant.id), eq(tenantUsers.userId, b.owner.user.id)));
    expect(bOwner.role).toBe("owner");

    const e = await caught(asTenantRole(a.tenant.id, (tx) => tx.update(tenantUsers).set({ tenantId: b.tenant.id }).where(eq(tenantUsers.userId, a.owner.user.id))));
    expect(sqlState(e)).toBe("42501");
  });

  it("cannot delete B's rows", async () => {
    const deleted = await asTenantRole(a.tenant.id, (tx) => tx.delete(tenantAuditLog).where(eq(tenantAuditLog.tenantId, b.tenant.id)).returning());
    expect(deleted).toEqual([]);
    const still = await db.select().from(tenantAuditLog).where(eq(tenantAuditLog.tenantId, b.tenant.id));
    expect(still.length).toBeGreaterThan(0);
  });
});

describe("withTenantTx", () => {
  it("sees only its own tenant, and restores the role afterwards", async () => {
    const me = rowsOf<{ r: string }>(await db.execute(sql`select current_user as r`))[0].r;
    const seen = await withTenantTx(db, a.tenant.id, async (tx) => ({
      all: await tx.select().from(tenantUsers),
      b: await tx.select().from(tenantUsers).where(eq(tenantUsers.tenantId, b.tenant.id)),
      setting: rowsOf<{ t: string }>(await tx.execute(sql`select current_setting('app.tenant_id', true) as t`))[0].t,
    }));
    expect(seen.all.length).toBeGreaterThan(0);
    expect(seen.all.every((u) => u.tenantId === a.tenant.id)).toBe(true);
    expect(seen.b).toEqual([]);
    expect(seen.setting).toBe(a.tenant.id);

    // SET LOCAL ends with the transaction: the next statement on the pool is the owner again.
    const after = rowsOf<{ r: string; t: string | null }>(await db.execute(sql`select current_user as r, nullif(current_setting('app.tenant_id', true), '') as t`))[0];
    expect(after).toEqual({ r: me, t: null });
  });

  it("rejects writing another tenant's row", async () => {
    const e = await caught(withTenantTx(db, a.tenant.id, (tx) => tx.insert(tenantAuditLog).values(auditRow(b.tenant.id, "aud_rls_withtx"))));
    expect(sqlState(e)).toBe("42501");
  });
});
