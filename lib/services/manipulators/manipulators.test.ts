import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { connections, manipulatorChains, records, tenantAuditLog } from "@/db/schema";
import { withTenantTx } from "@/db/tenant-tx";
import type { TenantCtx } from "@/lib/auth/guard";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { createApiConnection } from "@/lib/services/connections/create-api-connection";
import { createConnection } from "@/lib/services/connections/create-connection";
import { createRecord } from "@/lib/services/records/create";
import { rowsOf } from "@/db/client";
import { caught } from "@/test/db";
import { addTenantUser, makeWorld, orderBody, productBody, uid } from "@/test/factories";
import { chainsOfConnection } from "./chains-of-connection";
import { diffRecords } from "./diff";
import { getChain } from "./get-chain";
import { chainTarget } from "./internal";
import { loadChain } from "./load-chain";
import { previewChain } from "./preview";
import { putChain } from "./put-chain";
import { recentRecords } from "./recent-records";

/** Manipulator chains through the services: versions and audit, validation, plugs, preview, recent records, isolation. */

let ctx: TenantCtx;
let reader: TenantCtx;
let stranger: TenantCtx;

beforeAll(async () => {
  const w = await makeWorld();
  ctx = w.owner.ctx;
  reader = (await addTenantUser(w.resellerCtx, w.tenant, "read-only")).ctx;
  stranger = (await makeWorld()).owner.ctx;
});

const shopify = async (c: TenantCtx = ctx) => (await createConnection({ ctx: c, input: { connector: "shopify", name: `Shop ${uid()}`, settings: { shopUrl: "https://acme.myshopify.com", accessToken: "shpat_test" } } })).connectionId;
const orders = (connectionId: string) => chainTarget(connectionId, "import", "order");

const setNote = { key: "set-field", enabled: true, settings: { field: "note", value: "Order {{orderNumber}}" }, conditions: [], match: "all" };
const mapPayment = { key: "map-values", enabled: true, settings: { field: "paymentMethod", table: { card: "CARD", invoice: "INVOICE" } }, conditions: [{ field: "currency", operator: "equals", value: "SEK" }], match: "all" };

const auditOf = async (c: TenantCtx, targetId: string) =>
  withTenantTx(c.db, c.tenant.id, (tx) => tx.select().from(tenantAuditLog).where(and(eq(tenantAuditLog.tenantId, c.tenant.id), eq(tenantAuditLog.targetId, targetId))).orderBy(tenantAuditLog.createdAt));

const counts = async (c: TenantCtx) =>
  withTenantTx(c.db, c.tenant.id, async (tx) => ({
    chains: rowsOf<{ n: number }>(await tx.execute(sql`select count(*)::int as n from ${manipulatorChains}`))[0].n,
    audit: rowsOf<{ n: number }>(await tx.execute(sql`select count(*)::int as n from ${tenantAuditLog}`))[0].n,
    records: rowsOf<{ n: number; m: string | null }>(await tx.execute(sql`select count(*)::int as n, max(last_modified)::text as m from ${records}`))[0],
  }));

describe("saving chains", () => {
  it("starts empty at version 0; every save validates, normalises, goes up one version and is audited with the links before and after", async () => {
    const id = await shopify();
    const target = orders(id);
    expect(await getChain({ ctx, target })).toMatchObject({ connectionId: id, direction: "import", recordType: "order", version: 0, links: [], updated: null, updatedBy: null });
    expect(await withTenantTx(ctx.db, ctx.tenant.id, (tx) => loadChain(tx, ctx.tenant.id, id, "import", "order"))).toBeNull();

    const first = await putChain({ ctx, target, input: [setNote] });
    expect(first.version).toBe(1);
    // Defaults filled in by the library: what is stored is what runs.
    expect(first.links).toEqual([{ ...setNote, settings: { field: "note", value: "Order {{orderNumber}}", valueType: "text", onlyIfEmpty: false } }]);
    expect(first.updatedBy).toBe(`user/${ctx.actor.email}`);

    const second = await putChain({ ctx, target, input: [mapPayment, { ...setNote, enabled: false }] });
    expect(second.version).toBe(2);
    expect(second.links.map((l) => [l.key, l.enabled])).toEqual([["map-values", true], ["set-field", false]]);
    expect(await getChain({ ctx, target })).toEqual(second);
    expect(await withTenantTx(ctx.db, ctx.tenant.id, (tx) => loadChain(tx, ctx.tenant.id, id, "import", "order"))).toEqual({ version: 2, links: second.links });

    // Saving the same chain again is still a new version.
    expect((await putChain({ ctx, target, input: second.links })).version).toBe(3);

    const audit = await auditOf(ctx, `${id}/import/order`);
    expect(audit.map((a) => a.action)).toEqual(["manipulator_chain.update", "manipulator_chain.update", "manipulator_chain.update"]);
    expect(audit[0].before).toEqual({ version: 0, links: [] });
    expect(audit[0].after).toEqual({ version: 1, links: first.links });
    expect(audit[1].before).toEqual({ version: 1, links: first.links });
    expect(audit[1].after).toEqual({ version: 2, links: second.links });
    expect(audit[1].actorLabel).toBe(ctx.actor.email);
    expect(audit[1].targetLabel).toMatch(/Shopify.*Import/);
  });

  it("refuses a chain that cannot run, naming the link and field, and changes nothing", async () => {
    const id = await shopify();
    const target = orders(id);
    await putChain({ ctx, target, input: [setNote] });
    const before = await counts(ctx);
    const bad = await caught(
      putChain({
        ctx,
        target,
        input: [
          setNote,
          { key: "set-field", settings: { field: "orderStaus", value: "x" } },
          { key: "expression", settings: { expression: '{"note": $uppercase(note' } },
          { key: "map-values", settings: { field: "paymentMethod", table: { card: "CARD" } }, conditions: [{ field: "orderNumber", operator: "matches", value: "([unclosed" }] },
          { key: "no-such-thing", settings: {} },
        ],
      }),
    );
    expect(bad).toBeInstanceOf(ValidationError);
    const errors = (bad as ValidationError).fieldErrors ?? {};
    expect(Object.keys(errors).sort()).toEqual(["1.settings.field", "2.settings.expression", "3.conditions.0.value", "4.key"]);
    expect(errors["1.settings.field"][0]).toMatch(/orderStaus/);
    expect(errors["4.key"][0]).toMatch(/no-such-thing/);
    expect(await counts(ctx)).toEqual(before);
    expect((await getChain({ ctx, target })).version).toBe(1);

    // Not a list, or too long: refused as a whole.
    expect(Object.keys((await caught(putChain({ ctx, target, input: { links: [] } }))).fieldErrors)).toEqual(["_form"]);
    expect((await caught(putChain({ ctx, target, input: Array.from({ length: 51 }, () => setNote) }))).fieldErrors._form[0]).toMatch(/50/);
  });

  it("refuses a direction and record type the connection has no plug for, API connections, and archived connections, with the reason", async () => {
    const id = await shopify();
    const noPlug = await caught(putChain({ ctx, target: chainTarget(id, "import", "product"), input: [] }));
    expect(noPlug).toBeInstanceOf(ValidationError);
    expect(noPlug.message).toMatch(/Shopify has no plug that does import of products.*import of orders, export of products/);
    // A product export chain is fine (ProductExport and StockUpdate run it).
    expect((await putChain({ ctx, target: chainTarget(id, "export", "product"), input: [] })).version).toBe(1);

    const api = await createApiConnection({ db: ctx.db, actor: ctx.actor, tenantId: ctx.tenant.id, input: { name: "PIM" } });
    const refused = await caught(putChain({ ctx, target: orders(api.connectionId), input: [setNote] }));
    expect(refused).toBeInstanceOf(ValidationError);
    expect(refused.message).toMatch(/native connections.*API connection/);
    expect(await caught(previewChain({ ctx, target: orders(api.connectionId), input: { record: orderBody() } }))).toBeInstanceOf(ValidationError);
    // Reading is harmless: an API connection's chain is always empty.
    expect((await getChain({ ctx, target: orders(api.connectionId) })).version).toBe(0);
    expect((await chainsOfConnection({ ctx, connectionId: api.connectionId })).chains).toEqual([]);

    await withTenantTx(ctx.db, ctx.tenant.id, (tx) => tx.update(connections).set({ archived: true }).where(and(eq(connections.tenantId, ctx.tenant.id), eq(connections.id, id))));
    expect(await caught(putChain({ ctx, target: orders(id), input: [setNote] }))).toBeInstanceOf(ConflictError);

    expect(() => chainTarget(id, "sideways", "order")).toThrow(NotFoundError);
    expect(() => chainTarget(id, "import", "transferReport")).toThrow(NotFoundError);
  });

  it("lets a read-only user read and preview, never save", async () => {
    const id = await shopify();
    const target = orders(id);
    expect(await caught(putChain({ ctx: reader, target, input: [setNote] }))).toBeInstanceOf(ForbiddenError);
    expect((await getChain({ ctx: reader, target })).version).toBe(0);
    expect((await previewChain({ ctx: reader, target, input: { record: orderBody(), chain: [setNote] } })).outcome).toBe("ok");
  });

  it("lists a connection's chains, one per direction and record type of its plugs, with version and link counts", async () => {
    const id = await shopify();
    await putChain({ ctx, target: orders(id), input: [setNote, { ...mapPayment, enabled: false }] });
    const { connection, chains } = await chainsOfConnection({ ctx, connectionId: id });
    expect(connection).toMatchObject({ id, connector: "shopify", native: true, archived: false });
    const order = chains.find((c) => c.direction === "import" && c.recordType === "order");
    expect(order).toMatchObject({ version: 1, links: 2, enabledLinks: 1, plugs: [{ key: "OrderImport", name: expect.any(String) }], updatedBy: `user/${ctx.actor.email}` });
    const product = chains.find((c) => c.direction === "export" && c.recordType === "product");
    expect(product).toMatchObject({ version: 0, links: 0, updated: null });
    expect(product?.plugs.map((p) => p.key)).toContain("ProductExport");
    expect(chains[0].direction).toBe("import");
  });
});

describe("preview", () => {
  it("runs the chain as sent on the record: before, after, steps and changes, and writes nothing", async () => {
    const id = await shopify();
    const target = orders(id);
    await putChain({ ctx, target, input: [setNote] });
    const record = orderBody({ orderNumber: "1001", paymentMethod: "card", currency: "EUR" });
    const before = await counts(ctx);

    const edited = [setNote, mapPayment, { key: "set-field", enabled: false, settings: { field: "orderStatus", value: "cancelled" } }];
    const sek = await previewChain({ ctx, target, input: { record: { ...record, currency: "SEK" }, chain: edited } });
    expect(sek.outcome).toBe("ok");
    expect(sek.chainVersion).toBeNull();
    expect(sek.before).toEqual({ ...record, currency: "SEK" });
    expect(sek.after).toMatchObject({ note: "Order 1001", paymentMethod: "CARD", orderStatus: "new" });
    expect(sek.steps).toEqual([
      { key: "set-field", matched: true, changed: true },
      { key: "map-values", matched: true, changed: true },
      { key: "set-field", matched: false, changed: false },
    ]);
    expect(sek.changes).toEqual([
      { path: "paymentMethod", kind: "changed", before: "card", after: "CARD" },
      { path: "note", kind: "changed", before: "Leave at the door", after: "Order 1001" },
    ]);

    // The condition (currency SEK) does not hold for a EUR order: the link is skipped.
    const eur = await previewChain({ ctx, target, input: { record, chain: edited } });
    expect(eur.steps[1]).toEqual({ key: "map-values", matched: false, changed: false });
    expect(eur.after).toMatchObject({ paymentMethod: "card" });

    // Without a chain: the saved one, with its version.
    const saved = await previewChain({ ctx, target, input: { record } });
    expect(saved.chainVersion).toBe(1);
    expect(saved.steps).toEqual([{ key: "set-field", matched: true, changed: true }]);

    // Ignore and fail: no after, the reason or message.
    const ignored = await previewChain({ ctx, target, input: { record, chain: [{ key: "ignore", settings: { reason: "Test order {{orderNumber}}" } }, setNote] } });
    expect(ignored).toMatchObject({ outcome: "ignore", message: "Test order 1001", after: null, changes: [] });
    expect(ignored.steps).toEqual([{ key: "ignore", matched: true, changed: false }]);
    const failed = await previewChain({ ctx, target, input: { record, chain: [{ key: "fail", settings: { message: "Needs a customs number" } }] } });
    expect(failed).toMatchObject({ outcome: "fail", message: "Needs a customs number", after: null });

    // A sent chain that cannot run is refused with paths into the body.
    const bad = await caught(previewChain({ ctx, target, input: { record, chain: [setNote, { key: "expression", settings: { expression: "$$$(" } }] } }));
    expect(Object.keys(bad.fieldErrors)).toEqual(["chain.1.settings.expression"]);
    expect(Object.keys((await caught(previewChain({ ctx, target, input: { record: "not an object" } }))).fieldErrors)).toEqual(["record"]);

    expect(await counts(ctx)).toEqual(before);
    expect((await getChain({ ctx, target })).version).toBe(1);
  });

  it("offers recent real records: for import those this connection wrote, as the import hands them on; for export the latest of the type", async () => {
    const id = await shopify();
    const other = await shopify();
    const mine = { db: ctx.db, tenantId: ctx.tenant.id, connectionId: id, writer: { kind: "connection" as const, connection: { id, name: "Shop", connector: "shopify" } } };
    const theirs = { ...mine, connectionId: other, writer: { kind: "connection" as const, connection: { id: other, name: "Other", connector: "shopify" } } };
    const a = await createRecord({ ctx: mine, type: "order", body: orderBody({ remoteId: "5001", remoteRef: "#5001" }) });
    const b = await createRecord({ ctx: mine, type: "order", body: orderBody({ remoteId: "5002" }) });
    await createRecord({ ctx: theirs, type: "order", body: orderBody({ remoteId: "9" }) });
    const imports = await recentRecords({ ctx, target: orders(id) });
    expect(imports.map((r) => r.localId)).toEqual([b.localId, a.localId]);
    expect(imports[1].label).toContain(String(a.orderNumber));
    // The write body shape: no platform fields, this connection's remote id and ref.
    expect(imports[1].record).toMatchObject({ remoteId: "5001", remoteRef: "#5001", orderNumber: a.orderNumber, customData: {} });
    expect(imports[1].record).not.toHaveProperty("localId");

    const user = { db: ctx.db, tenantId: ctx.tenant.id, writer: { kind: "user" as const, login: ctx.actor.email } };
    const p = await createRecord({ ctx: user, type: "product", body: productBody() });
    const exports = await recentRecords({ ctx, target: chainTarget(id, "export", "product") });
    expect(exports[0]).toMatchObject({ localId: p.localId, record: { localId: p.localId, sku: p.sku, remoteId: null, remoteRef: null } });
  });
});

describe("tenant isolation", () => {
  it("another tenant's connection answers like a missing one for every verb, and nothing changes", async () => {
    const id = await shopify();
    const target = orders(id);
    await putChain({ ctx, target, input: [setNote] });
    const missing = orders(`con_${"0".repeat(24)}`);
    for (const t of [target, missing]) {
      for (const call of [
        () => getChain({ ctx: stranger, target: t }),
        () => putChain({ ctx: stranger, target: t, input: [mapPayment] }),
        () => previewChain({ ctx: stranger, target: t, input: { record: orderBody(), chain: [setNote] } }),
        () => recentRecords({ ctx: stranger, target: t }),
        () => chainsOfConnection({ ctx: stranger, connectionId: t.connectionId }),
      ]) {
        const e = await caught(call());
        expect(e).toBeInstanceOf(NotFoundError);
        expect(e.message).toBe("Connection not found.");
      }
    }
    expect(await withTenantTx(stranger.db, stranger.tenant.id, (tx) => loadChain(tx, stranger.tenant.id, id, "import", "order"))).toBeNull();
    const own = await getChain({ ctx, target });
    expect(own.version).toBe(1);
    expect(own.links.map((l) => l.key)).toEqual(["set-field"]);
  });
});

describe("diffRecords", () => {
  it("lists changed, added and removed paths, walking objects and lists", () => {
    const before = { a: "1", b: { c: "x", d: [1, 2] }, rows: [{ sku: "A" }, { sku: "B" }], gone: true };
    const after = { a: "1", b: { c: "y", d: [1, 2, 3] }, rows: [{ sku: "A2" }], extra: null };
    expect(diffRecords(before, after)).toEqual([
      { path: "b.c", kind: "changed", before: "x", after: "y" },
      { path: "b.d.2", kind: "added", after: 3 },
      { path: "rows.0.sku", kind: "changed", before: "A", after: "A2" },
      { path: "rows.1", kind: "removed", before: { sku: "B" } },
      { path: "gone", kind: "removed", before: true },
      { path: "extra", kind: "added", after: null },
    ]);
    expect(diffRecords({ a: { b: "1" } }, { a: "flat" })).toEqual([{ path: "a", kind: "changed", before: { b: "1" }, after: "flat" }]);
    expect(diffRecords({ same: [1, { x: "2" }] }, { same: [1, { x: "2" }] })).toEqual([]);
  });
});
