import Ajv2020 from "ajv/dist/2020.js";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as chainRoute, PUT as putChainRoute } from "@/app/api/connection/[connectionId]/manipulators/[direction]/[recordType]/route";
import { POST as previewRoute } from "@/app/api/connection/[connectionId]/manipulators/[direction]/[recordType]/preview/route";
import { getDb, rowsOf } from "@/db/client";
import { withTenantTx } from "@/db/tenant-tx";
import { authorizeTenant } from "@/lib/auth/guard";
import { createConnection } from "@/lib/services/connections/create-connection";
import { type ApiCaller, apiHeaders, makeApiCaller, makeReseller, makeTenant, orderBody, uid } from "@/test/factories";
import { expectProblem, sendRequest, type Sent } from "./isolation-suite";
import { buildOpenApiDocument } from "./openapi";

/** The manipulator chain routes of the Tenant API, called as Next calls them (isolation: tenant-api.test.ts). */

let a: ApiCaller;
let shop: string;

async function shopifyConnection(caller: ApiCaller) {
  const db = await getDb();
  const ctx = await authorizeTenant(db, { type: "user", userId: caller.userId, email: caller.login, name: caller.login, kind: "tenant" }, caller.tenantCode);
  return (await createConnection({ ctx, input: { connector: "shopify", name: `Shop ${uid()}`, settings: { shopUrl: "https://acme.myshopify.com", accessToken: "shpat_test" } } })).connectionId;
}

beforeAll(async () => {
  const { ctx } = await makeReseller();
  const { tenant } = await makeTenant(ctx);
  a = await makeApiCaller(ctx, tenant, { role: "member" });
  shop = await shopifyConnection(a);
});

const params = (connectionId: string, direction: string, recordType: string) => ({ connectionId, direction, recordType });
const path = (p: ReturnType<typeof params>, suffix = "") => `/api/connection/${p.connectionId}/manipulators/${p.direction}/${p.recordType}${suffix}`;
const get = (p = params(shop, "import", "order")) => sendRequest(chainRoute, "GET", { path: path(p), params: p }, apiHeaders(a));
const put = (body: unknown, p = params(shop, "import", "order")) => sendRequest(putChainRoute, "PUT", { path: path(p), params: p, body }, apiHeaders(a));
const preview = (body: unknown, p = params(shop, "import", "order")) => sendRequest(previewRoute, "POST", { path: path(p, "/preview"), params: p, body }, apiHeaders(a));

const ok = (sent: Sent) => expect(sent.res.status, sent.text).toBe(200);
const paths = (sent: Sent) => (sent.body.errors ?? []).map((e) => e.path).sort();

/** Checks an answer against the schema the OpenAPI document gives for it. */
function matchesDocument(schemaName: string, body: unknown) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema(buildOpenApiDocument(), "doc");
  const validate = ajv.getSchema(`doc#/components/schemas/${schemaName}`)!;
  expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
}

const setNote = { key: "set-field", enabled: true, settings: { field: "note", value: "Order {{orderNumber}}" }, conditions: [], match: "all" };
const mapPayment = { key: "map-values", enabled: true, settings: { field: "paymentMethod", table: { card: "CARD" } }, conditions: [{ field: "currency", operator: "in", value: ["SEK", "NOK"] }], match: "any" };

describe("GET and PUT /api/connection/{connectionId}/manipulators/{direction}/{recordType}", () => {
  it("answers an empty chain at version 0, then what was saved with its version", async () => {
    const empty = await get();
    ok(empty);
    expect(empty.body).toEqual({ connectionId: shop, direction: "import", recordType: "order", version: 0, links: [], updated: null, updatedBy: null });
    matchesDocument("ManipulatorChain", empty.body);

    const saved = await put([setNote, mapPayment]);
    ok(saved);
    expect(saved.body).toMatchObject({ version: 1, updatedBy: `user/${a.login}` });
    expect((saved.body.links as { key: string }[]).map((l) => l.key)).toEqual(["set-field", "map-values"]);
    matchesDocument("ManipulatorChain", saved.body);
    const read = await get();
    ok(read);
    expect(read.body).toEqual(saved.body);
    ok(await put([mapPayment]));
    expect((await get()).body).toMatchObject({ version: 2, links: [{ key: "map-values" }] });
  });

  it("refuses invalid regexes, expressions and settings with 422 problem+json naming the link and field, and keeps the saved chain", async () => {
    const before = (await get()).body;
    const sent = await put([
      setNote,
      { key: "expression", settings: { expression: '{"note": $uppercase(note' } },
      { key: "replace-in-sku", settings: { search: "([A-Z]+" } },
      { key: "set-field", settings: { field: "note" } },
    ]);
    expectProblem(sent, 422, "validation_failed");
    expect(paths(sent)).toEqual(["1.settings.expression", "2.settings.search", "3.settings.value"]);
    expect(sent.body.detail).toMatch(/manipulator chain/);
    expect((await get()).body).toEqual(before);

    const notList = await put({ links: [] });
    expectProblem(notList, 422, "validation_failed");
    const notJson = await sendRequest(putChainRoute, "PUT", { path: path(params(shop, "import", "order")), params: params(shop, "import", "order"), body: "[{" }, apiHeaders(a));
    expectProblem(notJson, 400);
  });

  it("refuses a chain no plug of the connection runs, and one for an API connection, with the reason", async () => {
    const noPlug = await put([setNote], params(shop, "import", "product"));
    expectProblem(noPlug, 422, "validation_failed");
    expect(noPlug.body.detail).toMatch(/no plug that does import of products/);
    expect(paths(noPlug)).toEqual(["recordType"]);
    const api = await put([setNote], params(a.connectionId, "import", "order"));
    expectProblem(api, 422, "validation_failed");
    expect(api.body.detail).toMatch(/API connection/);
  });

  it("answers 404 for a direction or record type that does not exist", async () => {
    for (const p of [params(shop, "sideways", "order"), params(shop, "import", "orders"), params(shop, "import", "transferReport")]) {
      expectProblem(await get(p), 404, "not_found");
      expectProblem(await put([setNote], p), 404, "not_found");
      expectProblem(await preview({ record: orderBody() }, p), 404, "not_found");
    }
  });
});

describe("POST …/preview", () => {
  const counts = async () =>
    withTenantTx(await getDb(), a.tenantId, async (tx) =>
      rowsOf<{ chains: number; audit: number; records: number }>(
        await tx.execute(sql`select (select count(*)::int from manipulator_chains) as chains, (select count(*)::int from tenant_audit_log) as audit, (select count(*)::int from records) as records`),
      )[0],
    );

  it("answers before, after, steps and changes for the chain sent (or the saved one) and writes nothing", async () => {
    const saved = (await get()).body;
    const before = await counts();
    const record = orderBody({ orderNumber: "2002", paymentMethod: "card", currency: "SEK" });
    const sent = await preview({ record, chain: [setNote, mapPayment, { ...setNote, enabled: false }] });
    ok(sent);
    matchesDocument("ManipulatorPreview", sent.body);
    expect(sent.body).toMatchObject({ outcome: "ok", before: record, after: { note: "Order 2002", paymentMethod: "CARD" }, chainVersion: null });
    expect(sent.body.steps).toEqual([
      { key: "set-field", matched: true, changed: true },
      { key: "map-values", matched: true, changed: true },
      { key: "set-field", matched: false, changed: false },
    ]);
    expect((sent.body.changes as { path: string }[]).map((c) => c.path)).toEqual(["paymentMethod", "note"]);

    const withSaved = await preview({ record });
    ok(withSaved);
    expect(withSaved.body).toMatchObject({ outcome: "ok", chainVersion: saved.version });

    const ignored = await preview({ record, chain: [{ key: "ignore", settings: { reason: "Not for this shop" } }] });
    ok(ignored);
    expect(ignored.body).toMatchObject({ outcome: "ignore", message: "Not for this shop", after: null });
    matchesDocument("ManipulatorPreview", ignored.body);

    const bad = await preview({ record, chain: [{ key: "expression", settings: { expression: "(" } }] });
    expectProblem(bad, 422, "validation_failed");
    expect(paths(bad)).toEqual(["chain.0.settings.expression"]);
    expectProblem(await preview({ chain: [] }), 422, "validation_failed");

    expect(await counts()).toEqual(before);
    expect((await get()).body).toEqual(saved);
  });
});

describe("OpenAPI", () => {
  it("documents the chain routes with their bodies and answers", () => {
    const doc = buildOpenApiDocument() as { paths: Record<string, Record<string, { operationId: string }>> };
    const p = "/api/connection/{connectionId}/manipulators/{direction}/{recordType}";
    expect(doc.paths[p].get.operationId).toBe("getManipulatorChain");
    expect(doc.paths[p].put.operationId).toBe("putManipulatorChain");
    expect(doc.paths[`${p}/preview`].post.operationId).toBe("previewManipulatorChain");
  });
});
