import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as listRoute, POST as createRoute } from "@/app/api/[type]/route";
import { GET as getRoute, PUT as putRoute } from "@/app/api/[type]/[localId]/route";
import { POST as batchRoute } from "@/app/api/[type]/batch/route";
import { GET as byRemoteIdRoute } from "@/app/api/[type]/by-remote-id/route";
import { GET as connectionRoute } from "@/app/api/connection/route";
import { GET as chainRoute, PUT as putChainRoute } from "@/app/api/connection/[connectionId]/manipulators/[direction]/[recordType]/route";
import { POST as previewChainRoute } from "@/app/api/connection/[connectionId]/manipulators/[direction]/[recordType]/preview/route";
import { GET as listRulesRoute, POST as createRuleRoute } from "@/app/api/auto-invoice/rule/route";
import { GET as getRuleRoute, PUT as putRuleRoute } from "@/app/api/auto-invoice/rule/[id]/route";
import { POST as previewRuleRoute } from "@/app/api/auto-invoice/rule/[id]/preview/route";
import { GET as getSettingsRoute, PUT as putSettingsRoute } from "@/app/api/auto-invoice/settings/route";
import { POST as recheckRoute } from "@/app/api/auto-invoice/recheck/route";
import { updateAutoInvoiceSettings } from "@/lib/services/auto-invoice/update-settings";
import { createRule } from "@/lib/services/auto-invoice/create-rule";
import { POST as logEventRoute } from "@/app/api/log/event/route";
import { GET as logEventListRoute } from "@/app/api/logEvent/route";
import { GET as transferReportRoute } from "@/app/api/transferReport/[id]/route";
import { GET as transferReportListRoute } from "@/app/api/transferReport/route";
import { GET as rootRoute } from "@/app/api/route";
import { getDb } from "@/db/client";
import { connections, logEvents } from "@/db/schema";
import { withTenantTx } from "@/db/tenant-tx";
import { authorizeTenant, type ResellerCtx } from "@/lib/auth/guard";
import { finishReport, startReport } from "@/lib/connectors/runtime/report";
import { createConnection } from "@/lib/services/connections/create-connection";
import { putChain } from "@/lib/services/manipulators/put-chain";
import { getTransfer } from "@/lib/services/transfers/get";
import { type ApiCaller, apiHeaders, makeApiCaller, makeApiConnection, makeReseller, makeTenant, orderBody, productBody, uid } from "@/test/factories";
import { describeTenantIsolation, expectProblem, type IsolationRoute, type RouteHandler, sendRequest, type Sent } from "./isolation-suite";

/** The Tenant API through its route handlers, called as Next calls them, against a real database. */

function client(caller: ApiCaller) {
  const call = (handler: RouteHandler, method: string, path: string, params: Record<string, string>, body?: unknown, extra?: Record<string, string>) =>
    sendRequest(handler, method, { path, params, body }, apiHeaders(caller, { extra }));
  return {
    root: () => call(rootRoute, "GET", "/api/", {}),
    list: (type: string, query = "") => call(listRoute, "GET", `/api/${type}${query}`, { type }),
    create: (type: string, body: unknown) => call(createRoute, "POST", `/api/${type}`, { type }, body),
    get: (type: string, localId: string) => call(getRoute, "GET", `/api/${type}/${localId}`, { type, localId }),
    put: (type: string, localId: string, body: unknown) => call(putRoute, "PUT", `/api/${type}/${localId}`, { type, localId }, body),
    byRemoteId: (type: string, remoteId?: string) =>
      call(byRemoteIdRoute, "GET", `/api/${type}/by-remote-id${remoteId === undefined ? "" : `?remoteId=${encodeURIComponent(remoteId)}`}`, { type }),
    batch: (type: string, body: unknown) => call(batchRoute, "POST", `/api/${type}/batch`, { type }, body),
    connections: () => call(connectionRoute, "GET", "/api/connection", {}),
    logEvents: (body: unknown) => call(logEventRoute, "POST", "/api/log/event", {}, body),
    listLogEvents: (query = "") => call(logEventListRoute, "GET", `/api/logEvent${query}`, {}),
    /** Follows a Link rel="next" of a list answer. */
    next: (type: string, sent: Sent) => {
      const link = sent.res.headers.get("link");
      const m = link?.match(/^<([^>]+)>;\s*rel="next"$/);
      if (!m) throw new Error(`no rel="next" in ${link}`);
      return call(listRoute, "GET", m[1], { type });
    },
  };
}
type Client = ReturnType<typeof client>;

const ok = (sent: Sent, status = 200) => expect(sent.res.status, sent.text).toBe(status);
const paths = (sent: Sent) => (sent.body.errors ?? []).map((e) => e.path);
const msgOf = (sent: Sent, path: string) => (sent.body.errors ?? []).filter((e) => e.path === path).map((e) => e.message).join(" | ");
type Rec = Record<string, any>;
const asRecords = (sent: Sent) => JSON.parse(sent.text) as Rec[];

// ── The shared isolation suite, over every Tenant API route ─────────────────────────────────────

const missingLocalIds = () => [randomBytes(16).toString("hex"), "0".repeat(32), "not-a-local-id"];
const recordObject = (type: "product") => ({
  create: async (caller: ApiCaller) => {
    const sent = await client(caller).create(type, productBody());
    ok(sent, 201);
    return String(sent.body.localId);
  },
  missingIds: missingLocalIds,
  read: async (caller: ApiCaller, id: string) => (await client(caller).get(type, id)).body,
});
const byRemoteObject = {
  create: async (caller: ApiCaller) => {
    const remoteId = `iso-${uid()}`;
    ok(await client(caller).create("product", productBody({ remoteId })), 201);
    return remoteId;
  },
  missingIds: () => [`iso-missing-${uid()}`],
  read: async (caller: ApiCaller, id: string) => (await client(caller).byRemoteId("product", id)).body,
};
/** The batch route's body always names this remoteId; tenant A has a record with it too. */
const sharedRemoteId = `shared-${uid()}`;

/** A finished transfer report of the caller's tenant, written by the runtime's own report functions. */
const transferReportObject: NonNullable<IsolationRoute["object"]> = {
  create: async (caller) => {
    const db = await getDb();
    const scope = { db, tenantId: caller.tenantId, connectionId: caller.connectionId, plugKey: "OrderImport", plugName: "Order import", direction: "import" as const, recordType: "order" };
    const id = await startReport(scope, "manual");
    await finishReport(scope, id);
    return id;
  },
  missingIds: () => [`trf_${randomBytes(12).toString("hex")}`, "nonsense"],
  read: async (caller, id) => getTransfer({ db: await getDb(), tenantId: caller.tenantId, reportId: id }),
};

/** A native (Shopify) connection of the caller's tenant with a saved order import chain; the chain routes address it. */
const chainObject: NonNullable<IsolationRoute["object"]> = {
  create: async (caller) => {
    const db = await getDb();
    const ctx = await authorizeTenant(db, { type: "user", userId: caller.userId, email: caller.login, name: caller.login, kind: "tenant" }, caller.tenantCode);
    const { connectionId } = await createConnection({ ctx, input: { connector: "shopify", name: `Shop ${uid()}`, settings: { shopUrl: "https://iso.myshopify.com", accessToken: "shpat_iso" } } });
    await putChain({ ctx, target: { connectionId, direction: "import", recordType: "order" }, input: [{ key: "set-field", settings: { field: "note", value: "iso" } }] });
    return connectionId;
  },
  missingIds: () => [`con_${randomBytes(12).toString("hex")}`, "nonsense"],
  read: async (caller, id) => (await sendRequest(chainRoute, "GET", { path: `/api/connection/${id}/manipulators/import/order`, params: { connectionId: id, direction: "import", recordType: "order" } }, apiHeaders(caller))).body,
};
const chainRequest = (objectId: string | undefined, suffix = "", body?: unknown) => ({
  path: `/api/connection/${objectId}/manipulators/import/order${suffix}`,
  params: { connectionId: String(objectId), direction: "import", recordType: "order" },
  body,
});

/** An Auto Invoice rule of the caller's tenant; its name is the marker a foreign caller must never see. */
const ruleActions = { invoiceDate: "orderDate", dueDays: 14, numberSeries: { prefix: "ISO-" }, markPaidWhenOrderPaid: true, creditNoteOnCancel: false };
const ruleObject: NonNullable<IsolationRoute["object"]> = {
  create: async (caller) => {
    const db = await getDb();
    const ctx = await authorizeTenant(db, { type: "user", userId: caller.userId, email: caller.login, name: caller.login, kind: "tenant" }, caller.tenantCode);
    return (await createRule({ ctx, input: { name: `Rule ${uid()}`, actions: ruleActions } })).id;
  },
  missingIds: () => [`air_${randomBytes(12).toString("hex")}`, "nonsense"],
  read: async (caller, id) => (await sendRequest(getRuleRoute, "GET", { path: `/api/auto-invoice/rule/${id}`, params: { id } }, apiHeaders(caller))).body,
};

const routes: IsolationRoute[] = [
  {
    name: "GET /api/",
    method: "GET",
    handler: rootRoute,
    write: false,
    request: () => ({ path: "/api/" }),
    foreignMarker: async (a) => a.tenantCode,
  },
  {
    name: "GET /api/{type}",
    method: "GET",
    handler: listRoute,
    write: false,
    request: () => ({ path: "/api/product?limit=1000", params: { type: "product" } }),
    foreignMarker: async (a) => recordObject("product").create(a),
  },
  {
    name: "POST /api/{type}",
    method: "POST",
    handler: createRoute,
    write: true,
    request: () => ({ path: "/api/product", params: { type: "product" }, body: productBody() }),
  },
  {
    name: "GET /api/{type}/{localId}",
    method: "GET",
    handler: getRoute,
    write: false,
    request: ({ objectId }) => ({ path: `/api/product/${objectId}`, params: { type: "product", localId: String(objectId) } }),
    object: recordObject("product"),
  },
  {
    name: "PUT /api/{type}/{localId}",
    method: "PUT",
    handler: putRoute,
    write: true,
    request: ({ objectId }) => ({ path: `/api/product/${objectId}`, params: { type: "product", localId: String(objectId) }, body: { title: `Taken over ${uid()}` } }),
    object: recordObject("product"),
  },
  {
    name: "GET /api/{type}/by-remote-id",
    method: "GET",
    handler: byRemoteIdRoute,
    write: false,
    request: ({ objectId }) => ({ path: `/api/product/by-remote-id?remoteId=${encodeURIComponent(String(objectId))}`, params: { type: "product" } }),
    object: byRemoteObject,
  },
  {
    name: "POST /api/{type}/batch",
    method: "POST",
    handler: batchRoute,
    write: true,
    request: () => ({ path: "/api/product/batch", params: { type: "product" }, body: [productBody({ remoteId: sharedRemoteId })] }),
    // B upserting the same remoteId makes B's own record; it never reaches A's.
    foreignMarker: async (a) => {
      const sent = await client(a).create("product", productBody({ remoteId: sharedRemoteId }));
      ok(sent, 201);
      return String(sent.body.localId);
    },
  },
  {
    name: "GET /api/connection",
    method: "GET",
    handler: connectionRoute,
    write: false,
    request: () => ({ path: "/api/connection" }),
    foreignMarker: async (a) => a.connectionId,
  },
  {
    name: "POST /api/log/event",
    method: "POST",
    handler: logEventRoute,
    write: true,
    request: () => ({ path: "/api/log/event", body: [{ severity: "info", summary: "isolation suite", time: "2025-03-31T12:00:00Z" }] }),
  },
  {
    name: "GET /api/logEvent",
    method: "GET",
    handler: logEventListRoute,
    write: false,
    request: () => ({ path: "/api/logEvent" }),
    foreignMarker: async (a) => {
      const summary = `foreign event ${uid()}`;
      const sent = await client(a).logEvents([{ severity: "info", summary, time: "2025-03-31T12:00:00Z" }]);
      expect(sent.res.status, sent.text).toBe(201);
      return summary;
    },
  },
  {
    name: "GET /api/transferReport",
    method: "GET",
    handler: transferReportListRoute,
    write: false,
    request: () => ({ path: "/api/transferReport" }),
    foreignMarker: async (a) => transferReportObject.create(a),
  },
  {
    name: "GET /api/transferReport/{id}",
    method: "GET",
    handler: transferReportRoute,
    write: false,
    request: ({ objectId }) => ({ path: `/api/transferReport/${objectId}`, params: { id: String(objectId) } }),
    object: transferReportObject,
  },
  {
    name: "GET /api/connection/{connectionId}/manipulators/{direction}/{recordType}",
    method: "GET",
    handler: chainRoute,
    write: false,
    request: ({ objectId }) => chainRequest(objectId),
    object: chainObject,
  },
  {
    name: "PUT /api/connection/{connectionId}/manipulators/{direction}/{recordType}",
    method: "PUT",
    handler: putChainRoute,
    write: true,
    request: ({ objectId }) => chainRequest(objectId, "", [{ key: "set-field", settings: { field: "note", value: `taken over ${uid()}` } }]),
    object: chainObject,
  },
  {
    name: "POST /api/connection/{connectionId}/manipulators/{direction}/{recordType}/preview",
    method: "POST",
    handler: previewChainRoute,
    // Writes nothing: a read-only user may preview.
    write: false,
    request: ({ objectId }) => chainRequest(objectId, "/preview", { record: orderBody(), chain: [{ key: "set-field", settings: { field: "note", value: "preview" } }] }),
    object: chainObject,
  },
  {
    name: "GET /api/auto-invoice/rule",
    method: "GET",
    handler: listRulesRoute,
    write: false,
    request: () => ({ path: "/api/auto-invoice/rule" }),
    foreignMarker: (a) => ruleObject.create(a),
  },
  {
    name: "POST /api/auto-invoice/rule",
    method: "POST",
    handler: createRuleRoute,
    write: true,
    request: () => ({ path: "/api/auto-invoice/rule", body: { name: `New ${uid()}`, actions: ruleActions } }),
  },
  {
    name: "GET /api/auto-invoice/rule/{id}",
    method: "GET",
    handler: getRuleRoute,
    write: false,
    request: ({ objectId }) => ({ path: `/api/auto-invoice/rule/${objectId}`, params: { id: String(objectId) } }),
    object: ruleObject,
  },
  {
    name: "PUT /api/auto-invoice/rule/{id}",
    method: "PUT",
    handler: putRuleRoute,
    write: true,
    request: ({ objectId }) => ({ path: `/api/auto-invoice/rule/${objectId}`, params: { id: String(objectId) }, body: { name: `Taken over ${uid()}` } }),
    object: ruleObject,
  },
  {
    name: "POST /api/auto-invoice/rule/{id}/preview",
    method: "POST",
    handler: previewRuleRoute,
    // Writes nothing: a read-only user may preview.
    write: false,
    request: ({ objectId }) => ({ path: `/api/auto-invoice/rule/${objectId}/preview`, params: { id: String(objectId) }, body: { limit: 5 } }),
    object: ruleObject,
  },
  {
    name: "GET /api/auto-invoice/settings",
    method: "GET",
    handler: getSettingsRoute,
    write: false,
    request: () => ({ path: "/api/auto-invoice/settings" }),
    // A's settings name the user who changed them last; B's answer must not.
    foreignMarker: async (a) => {
      const db = await getDb();
      const ctx = await authorizeTenant(db, { type: "user", userId: a.userId, email: a.login, name: a.login, kind: "tenant" }, a.tenantCode);
      await updateAutoInvoiceSettings({ ctx: { ...ctx, role: "owner" }, input: { cutoffDays: 45 } });
      return `user/${a.login}`;
    },
  },
  {
    name: "PUT /api/auto-invoice/settings",
    method: "PUT",
    handler: putSettingsRoute,
    write: true,
    request: () => ({ path: "/api/auto-invoice/settings", body: { cutoffDays: 20 } }),
  },
  {
    name: "POST /api/auto-invoice/recheck",
    method: "POST",
    handler: recheckRoute,
    write: true,
    request: () => ({ path: "/api/auto-invoice/recheck", body: { days: 3 } }),
  },
];

describeTenantIsolation(routes);

// ── Behaviour ───────────────────────────────────────────────────────────────────────────────────

let resellerCtx: ResellerCtx;
let a: ApiCaller;
let api: Client;
/** The same API user of tenant A through a second API connection. */
let other: Client;
let otherConnectionId: string;

beforeAll(async () => {
  ({ ctx: resellerCtx } = await makeReseller());
  const { tenant } = await makeTenant(resellerCtx, { defaultLanguage: "swe", languages: ["swe", "eng"] });
  a = await makeApiCaller(resellerCtx, tenant, { role: "member" });
  api = client(a);
  const second = await makeApiConnection(resellerCtx.actor, tenant, "Second integration");
  otherConnectionId = second.connectionId;
  other = client({ ...a, connectionId: second.connectionId, connectionName: second.name });
});

describe("GET /api/", () => {
  it("names the tenant, the calling connection and the default language in both ISO forms", async () => {
    const sent = await api.root();
    ok(sent);
    expect(sent.res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(sent.body).toEqual({
      tenant: a.tenantCode,
      connectionId: a.connectionId,
      defaultLanguage: "swe",
      defaultLanguage_iso: { "iso639-1": "sv", "iso639-3": "swe" },
    });
  });
});

describe("records: POST, GET, PUT", () => {
  it("round-trips an order with its exact decimal strings and the common fields", async () => {
    const body = orderBody({ remoteId: `ord-${uid()}`, remoteRef: "#1001", customData: { "x-shop|channel": { name: "web" } } });
    const created = await api.create("order", body);
    ok(created, 201);
    const r = created.body as Rec;
    expect(r.localId).toMatch(/^[0-9a-f]{32}$/);
    expect(r.href).toBe(`/api/order/${r.localId}`);
    expect(created.res.headers.get("location")).toBe(r.href);
    expect(r.remoteId).toBe(body.remoteId);
    expect(r.remoteIdMap).toEqual({ [a.connectionId]: body.remoteId });
    expect(r.remoteRefMap).toEqual({ [a.connectionId]: "#1001" });
    expect(r.lastModifiedBy).toBe(`connection/${a.connectionId}`);
    expect(r.source).toEqual({ type: "connection", connectionType: "api", connectionId: a.connectionId, connectionName: a.connectionName, code: null });
    expect(r.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(r.lastModified).toBe(r.created);
    expect(r.customData).toEqual({ "x-shop|channel": { name: "web" } });
    // Every number stays the string that was sent: unit prices keep their decimals, amounts too.
    expect(r.rows[0]).toMatchObject({ quantity: "3", pricePerUnitExclVat: "79.2000", pricePerUnitInclVat: "99.00", vatRatePercent: "25", vatAmount: "59.40", totalExclVat: "237.60" });
    expect(r.rows[1]).toMatchObject({ quantity: "1.5", pricePerUnitExclVat: "10.00", vatAmount: "0.90" });
    expect(r.totals).toEqual({ totalExclVat: "291.80", totalVat: "70.10", totalInclVat: "361.90" });
    const { remoteId: _r, remoteRef: _rr, customData: _c, ...data } = body;
    expect(r).toMatchObject(data);

    const got = await api.get("order", r.localId);
    ok(got);
    expect(got.body).toEqual(r);
    // Another connection sees the same record, with its own (absent) remoteId.
    const seenByOther = await other.get("order", r.localId);
    expect(seenByOther.body).toEqual({ ...r, remoteId: null });
  });

  it("merges a PUT: absent fields unchanged, null clears, values (even \"\") set", async () => {
    const created = (await api.create("order", orderBody({ customData: { "x-a|one": 1, "x-a|two": 2 } }))).body as Rec;
    const put = await api.put("order", created.localId, { paymentStatus: "paid", note: null, paymentMethod: "", customData: { "x-a|one": null, "x-a|three": 3 } });
    ok(put);
    const r = put.body as Rec;
    expect(r.paymentStatus).toBe("paid");
    expect(r).not.toHaveProperty("note");
    expect(r.paymentMethod).toBe("");
    expect(r.orderStatus).toBe("new");
    expect(r.rows).toEqual(created.rows);
    expect(r.totals).toEqual(created.totals);
    expect(r.customData).toEqual({ "x-a|two": 2, "x-a|three": 3 });
    expect(r.created).toBe(created.created);
    expect(r.lastModified > created.lastModified).toBe(true);
    expect((await api.get("order", created.localId)).body).toEqual(r);
  });

  it("treats a GET answer sent back unchanged, or an empty PUT, as a no-op: lastModified stays", async () => {
    for (const [type, body] of [["product", productBody({ remoteId: `echo-${uid()}` })], ["order", orderBody({ remoteId: `echo-${uid()}`, customData: { "x-a|k": { b: 1, a: 2 } } })]] as const) {
      const created = (await api.create(type, body)).body as Rec;
      const got = (await api.get(type, created.localId)).body;
      for (const again of [got, {}, { customData: {} }, { rows: created.rows }]) {
        const put = await api.put(type, created.localId, again);
        ok(put);
        expect(put.body, `${type} ${JSON.stringify(again).slice(0, 80)}`).toEqual(created);
      }
      // an order's batch re-run is "unchanged" too
      const [rerun] = JSON.parse((await api.batch(type, [body])).text) as Rec[];
      expect(rerun).toMatchObject({ status: "unchanged", localId: created.localId });
      expect(rerun.record).toEqual(created);
    }
  });

  it("answers 422 naming the field when a JSON number is sent where a decimal string belongs, and stores nothing", async () => {
    const remoteId = `num-${uid()}`;
    const body = orderBody({ remoteId });
    body.rows[0].quantity = 3;
    body.totals.totalVat = 70.1;
    const sent = await api.create("order", body);
    expectProblem(sent, 422, "validation_failed");
    expect(paths(sent)).toEqual(expect.arrayContaining(["rows.0.quantity", "totals.totalVat"]));
    expect(msgOf(sent, "rows.0.quantity")).toMatch(/strings/);
    expectProblem(await api.byRemoteId("order", remoteId), 404, "not_found");

    const product = (await api.create("product", productBody())).body as Rec;
    const put = await api.put("product", product.localId, { priceExclVat: 99.5 });
    expectProblem(put, 422, "validation_failed");
    expect(paths(put)).toEqual(["priceExclVat"]);
    expect((await api.get("product", product.localId)).body).toEqual(product);
  });

  it("answers 422 naming the mismatch when rows or totals do not add up", async () => {
    const remoteId = `bad-${uid()}`;
    const unbalanced = orderBody({ remoteId });
    unbalanced.totals.totalInclVat = "361.00";
    const sent = await api.create("order", unbalanced);
    expectProblem(sent, 422, "validation_failed");
    expect(paths(sent)).toEqual(["totals.totalInclVat"]);
    expect(msgOf(sent, "totals.totalInclVat")).toMatch(/361\.00 does not match .*291\.80.*70\.10.*361\.90/);

    const badVat = orderBody({ remoteId });
    badVat.rows[0].vatAmount = "60.40";
    badVat.totals.totalVat = "71.10";
    badVat.totals.totalInclVat = "362.90";
    const row = await api.create("order", badVat);
    expectProblem(row, 422);
    expect(paths(row)).toContain("rows.0.vatAmount");
    expect(msgOf(row, "rows.0.vatAmount")).toMatch(/60\.40 does not match .*= 59\.40/);
    expectProblem(await api.byRemoteId("order", remoteId), 404);

    // A PUT that unbalances a stored order is refused too, and the order stays as it was.
    const stored = (await api.create("order", orderBody())).body as Rec;
    const put = await api.put("order", stored.localId, { totals: { ...stored.totals, totalExclVat: "291.81" } });
    expectProblem(put, 422);
    expect(paths(put)).toEqual(expect.arrayContaining(["totals.totalExclVat"]));
    expect((await api.get("order", stored.localId)).body).toEqual(stored);
  });

  it("answers 409 when the connection's remoteId is taken by another record of the type; other connections may reuse it", async () => {
    const remoteId = `dup-${uid()}`;
    const first = await api.create("order", orderBody({ remoteId }));
    ok(first, 201);
    const second = await api.create("order", orderBody({ remoteId }));
    expectProblem(second, 409, "conflict");
    expect(paths(second)).toEqual(["remoteId"]);
    // moving another record onto the id by PUT is the same conflict
    const third = (await api.create("order", orderBody())).body as Rec;
    const put = await api.put("order", third.localId, { remoteId });
    expectProblem(put, 409, "conflict");
    expect((await api.get("order", third.localId)).body).toEqual(third);
    // unique per (connection, type): another connection or another type may use it
    ok(await other.create("order", orderBody({ remoteId })), 201);
    ok(await api.create("product", productBody({ remoteId })), 201);
    expect((await api.byRemoteId("order", remoteId)).body.localId).toBe(first.body.localId);
  });

  it("answers 409 when a product SKU is already used in the tenant", async () => {
    const sku = `SKU-DUP-${uid()}`;
    ok(await api.create("product", productBody({ sku })), 201);
    const clash = await other.create("product", productBody({ sku }));
    expectProblem(clash, 409, "conflict");
    expect(paths(clash)).toEqual(["sku"]);
    const p2 = (await api.create("product", productBody())).body as Rec;
    const put = await api.put("product", p2.localId, { sku: ` ${sku} ` });
    expectProblem(put, 409, "conflict");
    expect((await api.get("product", p2.localId)).body).toEqual(p2);
  });

  it("answers 400 for malformed JSON or an empty body, and 404 for an unknown record type", async () => {
    const raw = (handler: RouteHandler, method: string, path: string, params: Record<string, string>, body: string) =>
      sendRequest(handler, method, { path, params, body }, apiHeaders(a));
    const product = (await api.create("product", productBody())).body as Rec;
    for (const [handler, method, path, params] of [
      [createRoute, "POST", "/api/product", { type: "product" }],
      [putRoute, "PUT", `/api/product/${product.localId}`, { type: "product", localId: product.localId }],
      [batchRoute, "POST", "/api/product/batch", { type: "product" }],
      [logEventRoute, "POST", "/api/log/event", {}],
    ] as const) {
      const bad = await raw(handler, method, path, params, '{"sku": "x",');
      expectProblem(bad, 400, "malformed_json");
      const empty = await raw(handler, method, path, params, "");
      expectProblem(empty, 400);
    }
    expect((await api.get("product", product.localId)).body).toEqual(product);

    for (const type of ["nonsense", "orders", "Order", "logEvent"]) {
      expectProblem(await api.list(type), 404, "not_found");
      expectProblem(await api.create(type, productBody()), 404, "not_found");
      expectProblem(await api.get(type, product.localId), 404, "not_found");
      expectProblem(await api.put(type, product.localId, { title: "x" }), 404, "not_found");
      expectProblem(await api.byRemoteId(type, "x"), 404, "not_found");
      expectProblem(await api.batch(type, [productBody({ remoteId: "x" })]), 404, "not_found");
    }
    // a record of another type under this localId is missing too
    expectProblem(await api.get("order", product.localId), 404, "not_found");
  });
});

describe("GET /api/{type}/by-remote-id", () => {
  it("finds a record by the calling connection's own id only", async () => {
    const mine = `mine-${uid()}`;
    const theirs = `theirs-${uid()}`;
    const created = (await api.create("customer", { customerNumber: `K-${uid()}`, name: "Kund AB", remoteId: mine })).body as Rec;
    // the other connection names the same record with its own id
    ok(await other.put("customer", created.localId, { remoteId: theirs }));

    const found = await api.byRemoteId("customer", mine);
    ok(found);
    expect(found.body.localId).toBe(created.localId);
    expect(found.body.remoteId).toBe(mine);
    expect(found.body.remoteIdMap).toEqual({ [a.connectionId]: mine, [otherConnectionId]: theirs });

    expectProblem(await api.byRemoteId("customer", theirs), 404, "not_found");
    expect((await other.byRemoteId("customer", theirs)).body.localId).toBe(created.localId);
    expectProblem(await other.byRemoteId("customer", mine), 404, "not_found");
    expectProblem(await api.byRemoteId("order", mine), 404, "not_found");
    const missingParam = await api.byRemoteId("customer");
    expectProblem(missingParam, 422);
    expect(paths(missingParam)).toEqual(["remoteId"]);
  });
});

describe("GET /api/{type}: delta paging", () => {
  let pager: Client;
  let made: Rec[];
  beforeAll(async () => {
    // Its own tenant, so nothing else writes these records while a test pages them.
    const { tenant } = await makeTenant(resellerCtx);
    pager = client(await makeApiCaller(resellerCtx, tenant));
    made = [];
    for (let i = 0; i < 5; i++) made.push((await pager.create("category", { code: `C${i}`, title: `Category ${i}` })).body as Rec);
    // one batch: three records in one transaction share one lastModified
    const batch = await pager.batch("category", [0, 1, 2].map((i) => ({ remoteId: `cat-b${i}`, code: `B${i}`, title: `Batch ${i}` })));
    ok(batch);
    made.push(...(batch.body as unknown as { record: Rec }[]).map((r) => r.record));
  });
  const key = (r: Rec) => `${r.lastModified}|${r.localId}`;

  it("pages with Link rel=\"next\" in (lastModified, localId) order, each record once", async () => {
    let page = await pager.list("category", `?modifiedAtOrAfter=${encodeURIComponent(made[0].lastModified)}&limit=2`);
    const seen: Rec[] = [];
    for (let i = 0; page.res.headers.get("link"); i++) {
      ok(page);
      expect(asRecords(page)).toHaveLength(2);
      expect(page.res.headers.get("link")).toMatch(/^<\/api\/category\?cursor=[A-Za-z0-9_-]+&limit=2>; rel="next"$/);
      seen.push(...asRecords(page));
      page = await pager.next("category", page);
      expect(i).toBeLessThan(10);
    }
    ok(page);
    seen.push(...asRecords(page));
    expect(seen.map((r) => r.localId)).toEqual([...made].sort((x, y) => (key(x) < key(y) ? -1 : 1)).map((r) => r.localId));
    expect(new Set(seen.map((r) => r.localId)).size).toBe(made.length);
    expect(seen.map(key)).toEqual(seen.map(key).sort());
    // the full records, not just ids
    expect(seen.find((r) => r.localId === made[0].localId)).toEqual(made[0]);
  });

  it("treats modifiedAtOrAfter as inclusive", async () => {
    const k = made[2];
    const at = await pager.list("category", `?modifiedAtOrAfter=${encodeURIComponent(k.lastModified)}&limit=1000`);
    ok(at);
    expect(asRecords(at)[0].localId).toBe(k.localId);
    const expected = [...made].sort((x, y) => (key(x) < key(y) ? -1 : 1)).filter((r) => r.lastModified >= k.lastModified);
    expect(asRecords(at).map((r) => r.localId)).toEqual(expected.map((r) => r.localId));
    const after = new Date(Date.parse(k.lastModified) + 1).toISOString();
    const later = await pager.list("category", `?modifiedAtOrAfter=${encodeURIComponent(after)}`);
    expect(asRecords(later).map((r) => r.localId)).not.toContain(k.localId);
    expect(asRecords(later)).toHaveLength(made.length - 3);
    // the same instant written with an offset
    const local = new Date(Date.parse(k.lastModified) + 2 * 3600_000).toISOString().replace("Z", "+02:00");
    expect(asRecords(await pager.list("category", `?modifiedAtOrAfter=${encodeURIComponent(local)}`))[0].localId).toBe(k.localId);
    // the batch's shared lastModified: starting exactly there returns all three
    const batchAt = made[5].lastModified;
    expect(made.slice(5).every((r) => r.lastModified === batchAt)).toBe(true);
    expect(asRecords(await pager.list("category", `?modifiedAtOrAfter=${encodeURIComponent(batchAt)}&limit=10`))).toHaveLength(3);
  });

  it("answers 422 to an invalid cursor, limit or modifiedAtOrAfter", async () => {
    for (const [query, path] of [
      ["?cursor=bm90LWEtY3Vyc29y", "cursor"],
      ["?cursor=%%%", "cursor"],
      [`?cursor=${Buffer.from(`${made[0].lastModified}|XYZ`).toString("base64url")}`, "cursor"],
      ["?limit=0", "limit"],
      ["?limit=1001", "limit"],
      ["?limit=abc", "limit"],
      ["?limit=2.5", "limit"],
      ["?modifiedAtOrAfter=yesterday", "modifiedAtOrAfter"],
    ]) {
      const sent = await pager.list("category", query);
      expectProblem(sent, 422, "validation_failed");
      expect(paths(sent), query).toEqual([path]);
    }
    ok(await pager.list("category", "?limit=1000"));
    expect(asRecords(await pager.list("category"))).toHaveLength(made.length);
  });
});

describe("POST /api/{type}/batch", () => {
  it("creates the good items, reports the bad one, and reports \"unchanged\" when run again", async () => {
    const tag = uid();
    const items = [
      productBody({ remoteId: `b1-${tag}` }),
      productBody({ remoteId: `b2-${tag}`, vatRatePercent: 25 }),
      productBody({ remoteId: `b3-${tag}` }),
      { title: "no remote id", sku: `SKU-NR-${tag}`, vatRatePercent: "25" },
    ];
    const first = await api.batch("product", items);
    ok(first);
    const results = JSON.parse(first.text) as Rec[];
    expect(results.map((r) => [r.index, r.status])).toEqual([
      [0, "created"],
      [1, "error"],
      [2, "created"],
      [3, "error"],
    ]);
    expect(results[1].problem).toMatchObject({ status: 422, code: "validation_failed" });
    expect(results[1].problem.errors.map((e: Rec) => e.path)).toEqual(["vatRatePercent"]);
    expect(results[3].problem.errors.map((e: Rec) => e.path)).toEqual(["remoteId"]);
    expect(results[0].record).toMatchObject({ remoteId: `b1-${tag}`, sku: items[0].sku, priceExclVat: "79.2000" });
    expect((await api.byRemoteId("product", `b1-${tag}`)).body).toEqual(results[0].record);
    expect((await api.byRemoteId("product", `b3-${tag}`)).body.localId).toBe(results[2].localId);
    expectProblem(await api.byRemoteId("product", `b2-${tag}`), 404);

    const again = JSON.parse((await api.batch("product", items)).text) as Rec[];
    expect(again.map((r) => r.status)).toEqual(["unchanged", "error", "unchanged", "error"]);
    expect(again[0].record).toEqual(results[0].record);
    expect(again[2].localId).toBe(results[2].localId);

    // a changed item updates in place (matched on remoteId)
    const changed = JSON.parse((await api.batch("product", [{ ...items[0], title: "Renamed" }])).text) as Rec[];
    expect(changed[0]).toMatchObject({ status: "updated", localId: results[0].localId });
    expect(changed[0].record.title).toBe("Renamed");
    expect(changed[0].record.lastModified > results[0].record.lastModified).toBe(true);
  });

  it("answers 422 to more than 1000 items (or none, or not an array) and stores nothing", async () => {
    const tag = uid();
    const items = Array.from({ length: 1001 }, (_, i) => ({ remoteId: `big-${tag}-${i}`, sku: `SKU-${tag}-${i}`, title: "x", vatRatePercent: "25" }));
    const sent = await api.batch("product", items);
    expectProblem(sent, 422, "validation_failed");
    expect(String(sent.body.detail)).toMatch(/1000/);
    expectProblem(await api.byRemoteId("product", `big-${tag}-0`), 404);
    expectProblem(await api.batch("product", []), 422);
    expectProblem(await api.batch("product", productBody({ remoteId: "single" })), 422);
    // exactly 1000 is allowed
    const max = await api.batch("product", items.slice(0, 1000));
    ok(max);
    expect(new Set((JSON.parse(max.text) as Rec[]).map((r) => r.status))).toEqual(new Set(["created"]));
  });
});

describe("GET /api/connection", () => {
  it("lists the tenant's connections and never their settings", async () => {
    const secret = `s3cr3t-${uid()}`;
    await withTenantTx(resellerCtx.db, a.tenantId, (tx) =>
      tx.update(connections).set({ settings: { apiKey: secret, nested: { password: secret } } }).where(and(eq(connections.tenantId, a.tenantId), eq(connections.id, a.connectionId))),
    );
    const sent = await api.connections();
    ok(sent);
    const list = JSON.parse(sent.text) as Rec[];
    expect(list.map((c) => c.connectionId).sort()).toEqual([a.connectionId, otherConnectionId].sort());
    expect(list.find((c) => c.connectionId === a.connectionId)).toMatchObject({ connector: "api", name: a.connectionName, active: true });
    for (const c of list) expect(Object.keys(c).sort()).toEqual(["active", "archived", "connectionId", "connector", "connectorName", "created", "lastModified", "name", "plugs"]);
    expect(list.find((c) => c.connectionId === a.connectionId)).toMatchObject({ connectorName: "External integration (Tenant API)", archived: false, plugs: [] });
    expect(sent.text).not.toContain(secret);
    expect(sent.text).not.toContain("settings");
  });
});

describe("POST /api/log/event", () => {
  it("stores valid events for the calling connection", async () => {
    const summary = `Imported 3 orders ${uid()}`;
    const sent = await api.logEvents([
      { severity: "info", summary, relatedRecordType: "order", direction: "import", body: ["line 1"], relatedIdMsgs: [{ id: "1001", message: "ok" }], time: "2025-03-31T12:00:00.123Z" },
      { severity: "error", summary: `${summary} (2)`, time: "2025-03-31T14:00:00+02:00" },
    ]);
    ok(sent, 201);
    const ids = (JSON.parse(sent.text) as Rec[]).map((r) => r.id);
    expect(ids).toHaveLength(2);
    for (const id of ids) expect(id).toMatch(/^evt_[0-9a-f]{24}$/);
    const rows = await withTenantTx(resellerCtx.db, a.tenantId, (tx) => tx.select().from(logEvents).where(eq(logEvents.tenantId, a.tenantId)));
    const first = rows.find((r) => r.id === ids[0]);
    expect(first).toMatchObject({ connectionId: a.connectionId, severity: "info", summary, direction: "import", relatedRecordType: "order", body: ["line 1"] });
    expect(first?.time.toISOString()).toBe("2025-03-31T12:00:00.123Z");
  });

  it("answers 422 with per-field errors for invalid events, and stores none of the batch", async () => {
    const summary = `never stored ${uid()}`;
    const good = { severity: "info", summary, time: "2025-03-31T12:00:00Z" };
    for (const [body, path] of [
      [[good, { ...good, severity: "loud" }], "1.severity"],
      [[{ severity: "info", time: "2025-03-31T12:00:00Z" }], "0.summary"],
      [[{ ...good, summary: "   " }], "0.summary"],
      [[{ ...good, time: "yesterday" }], "0.time"],
      [[{ ...good, direction: "sideways" }], "0.direction"],
      [[{ ...good, relatedRecordType: "spaceship" }], "0.relatedRecordType"],
      [[{ ...good, extra: 1 }], "0"],
      [[], "_form"],
      [good, "_form"],
    ] as const) {
      const sent = await api.logEvents(body);
      expectProblem(sent, 422, "validation_failed");
      expect(paths(sent), JSON.stringify(body)).toContain(path);
    }
    const rows = await withTenantTx(resellerCtx.db, a.tenantId, (tx) => tx.select().from(logEvents).where(and(eq(logEvents.tenantId, a.tenantId), eq(logEvents.summary, summary))));
    expect(rows).toEqual([]);
  });
});

describe("GET /api/logEvent", () => {
  it("lists the tenant's events as a delta list, each once, following Link", async () => {
    const tag = uid();
    const posted = await api.logEvents([1, 2, 3].map((n) => ({ severity: "info", summary: `delta ${tag} ${n}`, time: "2025-03-31T12:00:00Z" })));
    ok(posted, 201);
    const since = new Date(Date.now() - 60_000).toISOString();
    const seen: string[] = [];
    let sent = await api.listLogEvents(`?modifiedAtOrAfter=${encodeURIComponent(since)}&limit=2`);
    for (let i = 0; i < 20; i++) {
      ok(sent);
      seen.push(...asRecords(sent).map((e) => e.summary as string));
      const m = sent.res.headers.get("link")?.match(/^<([^>]+)>;\s*rel="next"$/);
      if (!m) break;
      sent = await sendRequest(logEventListRoute, "GET", { path: m[1], params: {} }, apiHeaders(a));
    }
    const mine = seen.filter((s) => s.startsWith(`delta ${tag}`));
    expect(mine.sort()).toEqual([1, 2, 3].map((n) => `delta ${tag} ${n}`));
  });
});
