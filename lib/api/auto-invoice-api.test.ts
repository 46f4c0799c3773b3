import Ajv2020 from "ajv/dist/2020.js";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as previewRoute } from "@/app/api/auto-invoice/rule/[id]/preview/route";
import { POST as createRuleRoute } from "@/app/api/auto-invoice/rule/route";
import { POST as recheckRoute } from "@/app/api/auto-invoice/recheck/route";
import { GET as getSettingsRoute, PUT as putSettingsRoute } from "@/app/api/auto-invoice/settings/route";
import { records } from "@/db/schema";
import { withTenantTx } from "@/db/tenant-tx";
import { getDb } from "@/db/client";
import { processTenant } from "@/lib/services/auto-invoice/process-tenant";
import { createRecord } from "@/lib/services/records/create";
import { type ApiCaller, apiHeaders, makeApiCaller, makeReseller, makeTenant, orderBody } from "@/test/factories";
import { expectProblem, sendRequest, type Sent } from "./isolation-suite";
import { buildOpenApiDocument } from "./openapi";

/** The Auto Invoice settings, re-check and preview routes of the Tenant API (isolation: tenant-api.test.ts). */

let admin: ApiCaller;
let member: ApiCaller;

beforeAll(async () => {
  const { ctx } = await makeReseller();
  const { tenant } = await makeTenant(ctx, { options: ["auto_invoice"] });
  admin = await makeApiCaller(ctx, tenant, { role: "admin" });
  member = await makeApiCaller(ctx, tenant, { role: "member", connection: { connectionId: admin.connectionId, name: admin.connectionName } });
});

const send = (caller: ApiCaller, handler: Parameters<typeof sendRequest>[0], method: string, path: string, body?: unknown, params?: Record<string, string>) =>
  sendRequest(handler, method, { path, body, params }, apiHeaders(caller));
const status = (sent: Sent, code: number) => expect(sent.res.status, sent.text).toBe(code);

function matchesDocument(schemaName: string, body: unknown) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema(buildOpenApiDocument(), "doc");
  const validate = ajv.getSchema(`doc#/components/schemas/${schemaName}`)!;
  expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
}

async function invoiceCount(tenantId: string) {
  const db = await getDb();
  return (await withTenantTx(db, tenantId, (tx) => tx.select().from(records).where(and(eq(records.tenantId, tenantId), eq(records.type, "invoice"))))).length;
}

describe("Auto Invoice over the Tenant API", () => {
  it("switches on for admins only, refuses a re-check beyond the cut-off, and re-checks orders a rule enabled later should invoice", async () => {
    const off = await send(admin, getSettingsRoute, "GET", "/api/auto-invoice/settings");
    status(off, 200);
    expect(off.body).toMatchObject({ enabled: false, available: true, cutoffDays: 30 });
    matchesDocument("AutoInvoiceSettings", off.body);

    // A member may write records and rules, but the master switch is the admins'.
    expectProblem(await send(member, putSettingsRoute, "PUT", "/api/auto-invoice/settings", { enabled: true }), 403, "forbidden");
    const badCutoff = await send(admin, putSettingsRoute, "PUT", "/api/auto-invoice/settings", { cutoffDays: 0 });
    expectProblem(badCutoff, 422, "validation_failed");
    expect(badCutoff.body.errors?.map((e) => e.path)).toEqual(["cutoffDays"]);
    expectProblem(await send(admin, recheckRoute, "POST", "/api/auto-invoice/recheck", { days: 3 }), 422, "validation_failed");
    const on = await send(admin, putSettingsRoute, "PUT", "/api/auto-invoice/settings", { enabled: true, cutoffDays: 10 });
    status(on, 200);
    expect(on.body).toMatchObject({ enabled: true, cutoffDays: 10, updatedBy: `user/${admin.login}` });

    // Orders arrive and pass while no rule is enabled: nothing is invoiced.
    const db = await getDb();
    const writer = { db, tenantId: admin.tenantId, writer: { kind: "user" as const, login: admin.login } };
    for (const n of ["RC-1", "RC-2"]) await createRecord({ ctx: writer, type: "order", body: orderBody({ orderNumber: n, paymentStatus: "paid", orderDate: new Date().toISOString() }) });
    await processTenant(db, admin.tenantId);
    const rule = await send(member, createRuleRoute, "POST", "/api/auto-invoice/rule", {
      name: "Paid",
      enabled: true,
      conditions: [{ field: "paymentStatus", operator: "equals", value: "paid" }],
      actions: { numberSeries: { prefix: "RC-" } },
    });
    status(rule, 201);
    expect(await processTenant(db, admin.tenantId)).toMatchObject({ invoiced: 0 });
    expect(await invoiceCount(admin.tenantId)).toBe(0);

    // The preview names each order's date and total, and shows what a re-check would do.
    const preview = await send(member, previewRoute, "POST", `/api/auto-invoice/rule/${rule.body.id}/preview`, { limit: 5 }, { id: String(rule.body.id) });
    status(preview, 200);
    matchesDocument("AutoInvoicePreview", preview.body);
    expect((preview.body.orders as Record<string, unknown>[]).map((o) => [o.orderNumber, o.outcome, o.totalInclVat, o.currency, typeof o.orderDate])).toEqual([
      ["RC-2", "invoice", "361.90", "SEK", "string"],
      ["RC-1", "invoice", "361.90", "SEK", "string"],
    ]);

    expectProblem(await send(member, recheckRoute, "POST", "/api/auto-invoice/recheck", { days: 3 }), 403, "forbidden");
    const tooFar = await send(admin, recheckRoute, "POST", "/api/auto-invoice/recheck", { days: 11 });
    expectProblem(tooFar, 422, "validation_failed");
    expect(tooFar.body.errors).toEqual([{ path: "days", message: "At most 10 days (the cut-off)." }]);
    const recheck = await send(admin, recheckRoute, "POST", "/api/auto-invoice/recheck", { days: 1 });
    status(recheck, 202);
    matchesDocument("AutoInvoiceRecheck", recheck.body);
    expect(recheck.body.orders).toBe(2);
    expect(await processTenant(db, admin.tenantId)).toMatchObject({ orders: 2, invoiced: 2 });
    // Again: nothing is invoiced twice.
    status(await send(admin, recheckRoute, "POST", "/api/auto-invoice/recheck", { days: 1 }), 202);
    expect(await processTenant(db, admin.tenantId)).toMatchObject({ orders: 2, invoiced: 0 });
    expect(await invoiceCount(admin.tenantId)).toBe(2);
  });
});
