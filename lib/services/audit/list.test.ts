import { beforeAll, describe, expect, it } from "vitest";
import { withTenantTx } from "@/db/tenant-tx";
import { recordAudit } from "@/lib/audit";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import { updateTenantSettings } from "@/lib/services/tenants/update-settings";
import { caught } from "@/test/db";
import { addTenantUser, makeTenant, makeWorld } from "@/test/factories";
import { listPlatformAudit, listTenantAudit, type AuditRow } from "./list";

let w: Awaited<ReturnType<typeof makeWorld>>;
let total = 0;

beforeAll(async () => {
  w = await makeWorld();
  // Another tenant's activity, which must never appear in w's pages.
  const other = await makeTenant(w.resellerCtx);
  await updateTenantSettings({ ctx: other.owner.ctx, input: { defaultLanguage: "eng", languages: ["eng"] } });
  // Rows from separate transactions, and a burst sharing one created_at (same transaction) to test the id tie-break.
  for (let i = 0; i < 5; i++) {
    await updateTenantSettings({ ctx: w.owner.ctx, input: { defaultLanguage: "eng", languages: i % 2 ? ["eng"] : ["eng", "swe"] } });
  }
  await withTenantTx(w.db, w.tenant.id, async (tx) => {
    for (let i = 0; i < 12; i++) {
      await recordAudit(tx, w.owner.actor, { action: "test.burst", target: { type: "tenant", id: w.tenant.id, label: `burst ${i}` }, tenantId: w.tenant.id });
    }
  });
  total = (await listTenantAudit({ ctx: w.owner.ctx, input: { limit: 200 } })).rows.length;
});

async function pageThrough(limit: number, action?: string): Promise<{ rows: AuditRow[]; pages: number }> {
  const rows: AuditRow[] = [];
  let cursor: string | undefined;
  let pages = 0;
  for (let guard = 0; guard < 100; guard++) {
    const page = await listTenantAudit({ ctx: w.owner.ctx, input: { limit, cursor, action } });
    pages++;
    expect(page.rows.length).toBeLessThanOrEqual(limit);
    rows.push(...page.rows);
    if (!page.nextCursor) return { rows, pages };
    cursor = page.nextCursor;
  }
  throw new Error("paging did not end");
}

describe("listTenantAudit keyset paging", () => {
  it("has the rows this test wrote (tenant create, owner create, 5 updates, 12 burst rows)", () => {
    expect(total).toBe(2 + 5 + 12);
  });

  it.each([1, 3, 5, 7, 19, 50])("returns every row exactly once with pages of %i", async (limit) => {
    const { rows, pages } = await pageThrough(limit);
    const ids = rows.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(total);
    expect(pages).toBe(Math.ceil(total / limit));
    expect(rows.every((r) => r.tenantId === w.tenant.id)).toBe(true);
    // Newest first, ties broken by id, the same order as one big page.
    const single = (await listTenantAudit({ ctx: w.owner.ctx, input: { limit: 200 } })).rows.map((r) => r.id);
    expect(ids).toEqual(single);
    for (let i = 1; i < rows.length; i++) {
      const [prev, cur] = [rows[i - 1], rows[i]];
      expect(prev.createdAt > cur.createdAt || (prev.createdAt === cur.createdAt && prev.id > cur.id)).toBe(true);
    }
  });

  it("pages a filtered list the same way", async () => {
    const { rows } = await pageThrough(4, "test.");
    expect(rows).toHaveLength(12);
    expect(new Set(rows.map((r) => r.targetLabel)).size).toBe(12);
  });

  it("does not skip or repeat when new rows arrive while paging", async () => {
    const first = await listTenantAudit({ ctx: w.owner.ctx, input: { limit: 6 } });
    await updateTenantSettings({ ctx: w.owner.ctx, input: { defaultLanguage: "eng", languages: ["eng"] } });
    const seen = [...first.rows];
    let cursor = first.nextCursor;
    for (let guard = 0; cursor && guard < 100; guard++) {
      const page = await listTenantAudit({ ctx: w.owner.ctx, input: { limit: 6, cursor } });
      seen.push(...page.rows);
      cursor = page.nextCursor;
    }
    // The new row is newer than the first page, so it is not in this walk; every older row is, once.
    expect(new Set(seen.map((r) => r.id)).size).toBe(seen.length);
    expect(seen.length).toBe(total);
    total += 1;
  });

  it("rejects a cursor it did not issue", async () => {
    const e = await caught(listTenantAudit({ ctx: w.owner.ctx, input: { cursor: "bm90LWEtY3Vyc29y" } }));
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.fieldErrors).toHaveProperty("cursor");
  });

  it("needs audit.view", async () => {
    const member = await addTenantUser(w.resellerCtx, w.tenant, "member");
    expect(await caught((async () => listTenantAudit({ ctx: member.ctx }))())).toBeInstanceOf(ForbiddenError);
  });
});

describe("listPlatformAudit", () => {
  it("includes platform and tenant rows", async () => {
    const { rows } = await listPlatformAudit({ ctx: w.admin, input: { limit: 200 } });
    expect(rows.some((r) => r.action === "reseller.create" && r.targetId === w.reseller.id && r.tenantId === null)).toBe(true);
    expect(rows.some((r) => r.tenantId === w.tenant.id)).toBe(true);
  });
});
