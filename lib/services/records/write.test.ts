import { and, asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { recordHistory } from "@/db/schema";
import { withTenantTx } from "@/db/tenant-tx";
import type { ResellerCtx } from "@/lib/auth/guard";
import { ConflictError, ValidationError } from "@/lib/errors";
import { caught } from "@/test/db";
import { makeApiConnection, makeBareTenant, makeReseller, orderBody, productBody } from "@/test/factories";
import { batchUpsertRecords } from "./batch";
import type { RecordCtx, RecordWriter } from "./context";
import { createRecord } from "./create";
import { getRecord } from "./get";
import { updateRecord } from "./update";

/** writeRecord through the service verbs: history, no-op writes, customData, source.code. */

type Rec = Record<string, any>;
let resellerCtx: ResellerCtx;
let tenantId: string;
let conn1: RecordCtx;
let conn2: RecordCtx;
let user: RecordCtx;
let system: RecordCtx;

beforeAll(async () => {
  ({ ctx: resellerCtx } = await makeReseller());
  const tenant = await makeBareTenant(resellerCtx);
  tenantId = tenant.id;
  const ctxOf = (writer: RecordWriter, connectionId?: string): RecordCtx => ({ db: resellerCtx.db, tenantId, writer, connectionId });
  const [c1, c2] = await Promise.all([makeApiConnection(resellerCtx.actor, tenant, "Webshop"), makeApiConnection(resellerCtx.actor, tenant, "ERP")]);
  conn1 = ctxOf({ kind: "connection", connection: { id: c1.connectionId, name: c1.name, connector: "api" } }, c1.connectionId);
  conn2 = ctxOf({ kind: "connection", connection: { id: c2.connectionId, name: c2.name, connector: "api" } }, c2.connectionId);
  user = ctxOf({ kind: "user", login: "anna@example.se" });
  system = ctxOf({ kind: "system", name: "auto-invoice" });
});

async function historyOf(localId: string) {
  return withTenantTx(resellerCtx.db, tenantId, (tx) =>
    tx
      .select({ at: recordHistory.at, by: recordHistory.by, changes: recordHistory.changes })
      .from(recordHistory)
      .where(and(eq(recordHistory.tenantId, tenantId), eq(recordHistory.localId, localId)))
      .orderBy(asc(recordHistory.seq)),
  ).then((rows) => rows.map((r) => ({ ...r, at: r.at.toISOString(), changes: r.changes as Rec })));
}

const create = (ctx: RecordCtx, type: "product" | "order", body: unknown) => createRecord({ ctx, type, body }) as Promise<Rec>;
const update = (ctx: RecordCtx, type: "product" | "order", localId: string, body: unknown) => updateRecord({ ctx, type, localId, body }) as Promise<Rec>;
const get = (type: "product" | "order", localId: string) => getRecord({ ctx: user, type, localId }) as Promise<Rec>;

describe("record history", () => {
  it("records a create as one entry by the writer, at the record's created time", async () => {
    const r = await create(conn1, "product", productBody());
    expect(await historyOf(r.localId)).toEqual([{ at: r.created, by: `connection/${conn1.connectionId}`, changes: { op: "create" } }]);
    const s = await create(system, "order", orderBody());
    expect(s.lastModifiedBy).toBe("system/auto-invoice");
    expect(s.source).toEqual({ type: "system", name: "auto-invoice" });
    expect(await historyOf(s.localId)).toEqual([{ at: s.created, by: "system/auto-invoice", changes: { op: "create" } }]);
  });

  it("records an update as a field diff [before, after], with who and when", async () => {
    const r = await create(conn1, "product", productBody({ title: "Old title", customData: { "x-erp|id": 7 } }));
    const u = await update(user, "product", r.localId, { title: "New title", priceExclVat: null, stock: "12", customData: { "x-erp|id": 8 } });
    expect(u.lastModifiedBy).toBe("user/anna@example.se");
    expect(u.lastModified > r.lastModified).toBe(true);
    // the source stays who created it
    expect(u.source).toEqual(r.source);
    const history = await historyOf(r.localId);
    expect(history).toHaveLength(2);
    expect(history[1]).toEqual({
      at: u.lastModified,
      by: "user/anna@example.se",
      changes: { op: "update", fields: { title: ["Old title", "New title"], priceExclVat: ["79.2000", null], stock: [null, "12"], "customData.x-erp|id": [7, 8] } },
    });
  });

  it("records a nested change (an order row) under its top-level field", async () => {
    const r = await create(conn1, "order", orderBody());
    const rows = structuredClone(r.rows);
    rows[1].name = "Paperback";
    const u = await update(conn1, "order", r.localId, { rows });
    const history = await historyOf(r.localId);
    expect(Object.keys(history[1].changes.fields as Rec)).toEqual(["rows"]);
    expect((history[1].changes.fields as Rec).rows[1][1].name).toBe("Paperback");
    expect(u.rows[1].name).toBe("Paperback");
  });
});

describe("a write that changes nothing", () => {
  it("writes no history and keeps lastModified and lastModifiedBy", async () => {
    const r = await create(conn1, "order", orderBody({ remoteId: `noop-${Date.now()}`, remoteRef: "#1", customData: { "x-a|k": { v: 1 } } }));
    const noops: [RecordCtx, unknown][] = [
      [conn1, {}],
      [conn1, { orderStatus: "new", note: r.note }],
      [conn2, { totals: r.totals, rows: r.rows }],
      [conn1, { remoteId: r.remoteId, remoteRef: "#1" }],
      [user, { customData: { "x-a|k": { v: 1 } } }],
      [conn1, { customData: {} }],
      [conn1, { source: { code: null } }],
      // a GET answer sent back as it is
      [conn1, await getRecord({ ctx: conn1, type: "order", localId: r.localId })],
      // the same amount written differently ("59.4" is 59.40 SEK)
      [conn1, { rows: [{ ...r.rows[0], vatAmount: "59.4" }, r.rows[1]] }],
    ];
    for (const [ctx, body] of noops) {
      const u = await update(ctx, "order", r.localId, body);
      expect(u, JSON.stringify(body)).toEqual(ctx === conn1 ? r : { ...r, remoteId: null });
    }
    expect(await historyOf(r.localId)).toHaveLength(1);
    expect(await get("order", r.localId)).toEqual({ ...r, remoteId: null });
  });

  it("is reported as unchanged by a batch and keeps lastModified", async () => {
    const item = productBody({ remoteId: `nb-${Date.now()}` });
    const [first] = await batchUpsertRecords({ ctx: conn2, type: "product", body: [item] });
    const [second] = await batchUpsertRecords({ ctx: conn2, type: "product", body: [item] });
    expect(first.status).toBe("created");
    expect(second.status).toBe("unchanged");
    if (first.status === "error" || second.status === "error") throw new Error("unexpected");
    expect(second.record).toEqual(first.record);
    expect(await historyOf(first.localId)).toHaveLength(1);
  });

  it("a failed write changes nothing and writes no history", async () => {
    const r = await create(conn1, "product", productBody());
    const other = await create(conn1, "product", productBody());
    expect(await caught(update(conn1, "product", r.localId, { title: "Changed", vatRatePercent: 25 }))).toBeInstanceOf(ValidationError);
    expect(await caught(update(conn1, "product", r.localId, { title: "Changed", sku: other.sku }))).toBeInstanceOf(ConflictError);
    expect(await get("product", r.localId)).toEqual({ ...r, remoteId: null });
    expect(await historyOf(r.localId)).toHaveLength(1);
  });
});

describe("customData", () => {
  it("merges by key: absent keys stay, null removes a key, a value replaces the whole value, null clears all", async () => {
    const r = await create(conn1, "product", productBody({ customData: { "x-a|one": 1, "x-a|two": { deep: true, keep: "me" } } }));
    expect(r.customData).toEqual({ "x-a|one": 1, "x-a|two": { deep: true, keep: "me" } });

    const added = await update(conn2, "product", r.localId, { customData: { "x-b|three": [1, "two"] } });
    expect(added.customData).toEqual({ "x-a|one": 1, "x-a|two": { deep: true, keep: "me" }, "x-b|three": [1, "two"] });
    expect(added.title).toBe(r.title);

    const removed = await update(conn1, "product", r.localId, { customData: { "x-a|one": null, "x-a|two": { deep: false } } });
    expect(removed.customData).toEqual({ "x-a|two": { deep: false }, "x-b|three": [1, "two"] });

    // other fields leave customData alone
    expect((await update(conn1, "product", r.localId, { title: "Renamed" })).customData).toEqual(removed.customData);

    const cleared = await update(user, "product", r.localId, { customData: null });
    expect(cleared.customData).toEqual({});
    const fields = (await historyOf(r.localId)).map((h) => Object.keys((h.changes.fields as Rec | undefined) ?? {}));
    expect(fields).toEqual([[], ["customData.x-b|three"], ["customData.x-a|one", "customData.x-a|two"], ["title"], ["customData.x-a|two", "customData.x-b|three"]]);
  });

  it("refuses keys that are not moduleId|key, and changes nothing", async () => {
    const r = await create(conn1, "product", productBody({ customData: { "x-a|one": 1 } }));
    for (const key of ["nopipe", "x-a|b|c", "|key", "x-a|", "bad module|k"]) {
      const e = await caught(update(conn1, "product", r.localId, { title: "Changed", customData: { [key]: 1 } }));
      expect(e, key).toBeInstanceOf(ValidationError);
      expect(Object.keys(e.fieldErrors), key).toEqual([`customData.${key}`]);
    }
    const big = await caught(update(conn1, "product", r.localId, { customData: { "x-a|big": "x".repeat(11 * 1024) } }));
    expect(Object.keys(big.fieldErrors)).toEqual(["customData.x-a|big"]);
    expect(await get("product", r.localId)).toEqual({ ...r, remoteId: null });
  });
});

describe("source.code", () => {
  it("is set and changed by connection writers; the rest of source is the platform's", async () => {
    const r = await create(conn1, "order", orderBody({ source: { code: "webshop-se", type: "user", connectionId: "con_forged" } }));
    expect(r.source).toEqual({ type: "connection", connectionType: "api", connectionId: conn1.connectionId, connectionName: "Webshop", code: "webshop-se" });
    const u = await update(conn1, "order", r.localId, { source: { code: "webshop-no" } });
    expect(u.source).toEqual({ ...r.source, code: "webshop-no" });
    expect((await historyOf(r.localId))[1].changes).toEqual({ op: "update", fields: { "source.code": ["webshop-se", "webshop-no"] } });
    const cleared = await update(conn1, "order", r.localId, { source: { code: null } });
    expect(cleared.source).toEqual({ ...r.source, code: null });
    const invalid = await caught(update(conn1, "order", r.localId, { source: { code: "  " } }));
    expect(Object.keys(invalid.fieldErrors)).toEqual(["source.code"]);
  });

  it("cannot be set or changed by users or the system (an unchanged echo is fine)", async () => {
    const r = await create(conn1, "order", orderBody({ source: { code: "webshop-se" } }));
    for (const ctx of [user, system]) {
      const e = await caught(update(ctx, "order", r.localId, { note: "changed", source: { code: "hijacked" } }));
      expect(e).toBeInstanceOf(ValidationError);
      expect(Object.keys(e.fieldErrors)).toEqual(["source.code"]);
      // sending the current value back changes nothing and is accepted
      const echo = await update(ctx, "order", r.localId, { source: r.source });
      expect(echo.source).toEqual(r.source);
      expect(echo.lastModified).toBe(r.lastModified);
    }
    expect((await get("order", r.localId)).source.code).toBe("webshop-se");
    for (const ctx of [user, system]) {
      const e = await caught(create(ctx, "order", orderBody({ source: { code: "mine" } })));
      expect(e).toBeInstanceOf(ValidationError);
      expect(Object.keys(e.fieldErrors)).toEqual(["source.code"]);
    }
    const byUser = await create(user, "order", orderBody({ source: { code: null } }));
    expect(byUser.source).toEqual({ type: "user", login: "anna@example.se" });
  });

  it("stays with the creating connection's source when another connection writes the record", async () => {
    const r = await create(conn1, "product", productBody({ source: { code: "shop-a" } }));
    const u = await update(conn2, "product", r.localId, { title: "From the ERP" });
    expect(u.source).toEqual(r.source);
    expect(u.lastModifiedBy).toBe(`connection/${conn2.connectionId}`);
  });
});

describe("customData modules by writer", () => {
  it("a person may write x- modules only; a connection may write its own module", async () => {
    const created = await createRecord({ ctx: conn1, type: "product", body: { ...productBody(), customData: { "shopify|handle": "tent" } } });
    const localId = String(created.localId);
    await expect(updateRecord({ ctx: user, type: "product", localId, body: { customData: { "shopify|handle": "x" } } })).rejects.toMatchObject({ status: 422 });
    const updated = await updateRecord({ ctx: user, type: "product", localId, body: { customData: { "x-notes|text": "check stock" } } });
    expect(updated.customData).toEqual({ "shopify|handle": "tent", "x-notes|text": "check stock" });
  });
});
