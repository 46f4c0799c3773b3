import { asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { recordHistory, tenantClocks } from "@/db/schema";
import { withTenantTx } from "@/db/tenant-tx";
import type { ResellerCtx } from "@/lib/auth/guard";
import { makeApiConnection, makeBareTenant, makeReseller, productBody } from "@/test/factories";
import { batchUpsertRecords } from "./batch";
import type { RecordCtx } from "./context";
import { createRecord } from "./create";
import { updateRecord } from "./update";

/**
 * lastModified comes from the per-tenant clock: strictly increasing across a tenant's transactions
 * (sequential or concurrent), shared by the records of one transaction, and never behind the clock
 * even when the wall clock is.
 */

type Rec = Record<string, any>;
let resellerCtx: ResellerCtx;

beforeAll(async () => {
  ({ ctx: resellerCtx } = await makeReseller());
});

async function makeWriters() {
  const tenant = await makeBareTenant(resellerCtx);
  const conns = await Promise.all([0, 1].map((i) => makeApiConnection(resellerCtx.actor, tenant, `Conn ${i}`)));
  const writers: RecordCtx[] = [
    ...conns.map((c): RecordCtx => ({ db: resellerCtx.db, tenantId: tenant.id, connectionId: c.connectionId, writer: { kind: "connection", connection: { id: c.connectionId, name: c.name, connector: "api" } } })),
    { db: resellerCtx.db, tenantId: tenant.id, writer: { kind: "user", login: "anna@example.se" } },
  ];
  return { tenantId: tenant.id, writers };
}

const increasing = (xs: string[]) => xs.every((x, i) => i === 0 || xs[i - 1] < x);

async function historyInCommitOrder(tenantId: string) {
  // seq is taken while the writer holds the tenant clock's row lock, so it follows the clock's order.
  const rows = await withTenantTx(resellerCtx.db, tenantId, (tx) =>
    tx.select({ at: recordHistory.at, localId: recordHistory.localId }).from(recordHistory).where(eq(recordHistory.tenantId, tenantId)).orderBy(asc(recordHistory.seq)),
  );
  return rows.map((r) => r.at.toISOString());
}

describe("lastModified", () => {
  it("strictly increases across sequential transactions, even within one millisecond", async () => {
    const { tenantId, writers } = await makeWriters();
    const stamps: string[] = [];
    const made: Rec[] = [];
    for (let i = 0; i < 30; i++) {
      const w = writers[i % writers.length];
      const r = (i % 3 === 2 && made.length ? await updateRecord({ ctx: w, type: "product", localId: made[i % made.length].localId, body: { title: `T${i}` } }) : await createRecord({ ctx: w, type: "product", body: productBody() })) as Rec;
      made.push(r);
      stamps.push(r.lastModified);
    }
    expect(increasing(stamps), stamps.join("\n")).toBe(true);
    expect(await historyInCommitOrder(tenantId)).toEqual(stamps);
  });

  it("strictly increases in commit order across concurrent transactions of one tenant", async () => {
    const { tenantId, writers } = await makeWriters();
    const seed = (await Promise.all(writers.map((w) => createRecord({ ctx: w, type: "product", body: productBody() })))) as Rec[];
    const results = (await Promise.all(
      Array.from({ length: 24 }, (_, i) => {
        const w = writers[i % writers.length];
        return i % 2 ? updateRecord({ ctx: w, type: "product", localId: seed[i % seed.length].localId, body: { title: `Concurrent ${i}` } }) : createRecord({ ctx: w, type: "product", body: productBody() });
      }),
    )) as Rec[];
    const stamps = results.map((r) => r.lastModified);
    expect(new Set(stamps).size).toBe(stamps.length);
    const history = await historyInCommitOrder(tenantId);
    expect(history).toHaveLength(seed.length + results.length);
    expect(increasing(history), history.join("\n")).toBe(true);
    expect([...stamps].sort()).toEqual(history.slice(seed.length));
  });

  it("is shared by the records of one batch, and the next transaction's is later", async () => {
    const { writers } = await makeWriters();
    const before = (await createRecord({ ctx: writers[0], type: "product", body: productBody() })) as Rec;
    const results = await batchUpsertRecords({ ctx: writers[1], type: "product", body: [1, 2, 3].map((i) => productBody({ remoteId: `clk-${i}` })) });
    const after = (await createRecord({ ctx: writers[0], type: "product", body: productBody() })) as Rec;
    const stamps = results.map((r) => (r.status === "error" ? "" : String(r.record.lastModified)));
    expect(new Set(stamps).size).toBe(1);
    expect(before.lastModified < stamps[0] && stamps[0] < after.lastModified).toBe(true);
  });

  it("moves forward from the tenant clock when the wall clock is behind it", async () => {
    const { tenantId, writers } = await makeWriters();
    const first = (await createRecord({ ctx: writers[0], type: "product", body: productBody() })) as Rec;
    const ahead = new Date(Date.parse(first.lastModified) + 3600_000);
    await withTenantTx(resellerCtx.db, tenantId, (tx) => tx.update(tenantClocks).set({ lastTs: ahead }).where(eq(tenantClocks.tenantId, tenantId)));
    const second = (await updateRecord({ ctx: writers[1], type: "product", localId: first.localId, body: { title: "later" } })) as Rec;
    const third = (await createRecord({ ctx: writers[2], type: "product", body: productBody() })) as Rec;
    expect(second.lastModified).toBe(new Date(ahead.getTime() + 1).toISOString());
    expect(third.lastModified).toBe(new Date(ahead.getTime() + 2).toISOString());
  });

  it("is per tenant: another tenant's writes do not move this tenant's clock", async () => {
    const a = await makeWriters();
    const b = await makeWriters();
    await createRecord({ ctx: a.writers[0], type: "product", body: productBody() });
    const clockOf = (tenantId: string) =>
      withTenantTx(resellerCtx.db, tenantId, (tx) => tx.select({ lastTs: tenantClocks.lastTs }).from(tenantClocks).where(eq(tenantClocks.tenantId, tenantId)));
    const aBefore = await clockOf(a.tenantId);
    await Promise.all(Array.from({ length: 5 }, () => createRecord({ ctx: b.writers[0], type: "product", body: productBody() })));
    expect(await clockOf(a.tenantId)).toEqual(aBefore);
    expect(await clockOf(b.tenantId)).toHaveLength(1);
  });
});
