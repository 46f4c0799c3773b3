import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connections, manipulatorChains, plugs, tenantAuditLog } from "@/db/schema";
import { withTenantTx } from "@/db/tenant-tx";
import type { TenantCtx } from "@/lib/auth/guard";
import { startShopifySimulator } from "@/lib/connectors/shopify/simulator";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { putChain } from "@/lib/services/manipulators/put-chain";
import { updatePlug } from "@/lib/services/plugs/update-plug";
import { caught } from "@/test/db";
import { addTenantUser, makeWorld } from "@/test/factories";
import { createConnection } from "./create-connection";
import { deleteConnection } from "./delete-connection";
import { getConnection } from "./get-connection";
import { setConnectionActive } from "./set-connection-active";
import { testConnection } from "./test-connection";
import { updateConnection } from "./update-connection";

/** Native connections through the services: settings and secrets, test, plugs, delete vs archive, roles, isolation. */

let ctx: TenantCtx;
let reader: TenantCtx;
let stranger: TenantCtx;
let shop: Awaited<ReturnType<typeof startShopifySimulator>>;

beforeAll(async () => {
  const w = await makeWorld();
  ctx = w.owner.ctx;
  reader = (await addTenantUser(w.resellerCtx, w.tenant, "read-only")).ctx;
  stranger = (await makeWorld()).owner.ctx;
  shop = await startShopifySimulator({ orders: 5, rateLimit: false });
});
afterAll(() => shop?.stop());

const shopify = (over: Record<string, unknown> = {}) => ({ connector: "shopify", name: "Webshop", settings: { shopUrl: shop.url, accessToken: shop.accessToken, ...over } });
const stored = (id: string) => withTenantTx(ctx.db, ctx.tenant.id, async (tx) => (await tx.select().from(connections).where(and(eq(connections.tenantId, ctx.tenant.id), eq(connections.id, id))))[0]);

describe("native connections", () => {
  it("create: settings validated by the connector, the secret sealed, plugs made disabled, nothing secret in pages or the audit log", async () => {
    const bad = await caught(createConnection({ ctx, input: shopify({ shopUrl: "http://example.com" }) }));
    expect(bad).toBeInstanceOf(ValidationError);
    expect((bad as ValidationError).fieldErrors?.shopUrl?.[0]).toMatch(/https/);
    expect(await caught(createConnection({ ctx, input: { connector: "nope", name: "X" } }))).toBeInstanceOf(ValidationError);

    const c = await createConnection({ ctx, input: shopify() });
    const row = await stored(c.connectionId);
    expect(row.settings).toEqual({ shopUrl: shop.url, apiVersion: "2025-01" });
    expect(row.secrets).toMatch(/^v1\./);
    expect(row.secrets).not.toContain(shop.accessToken);
    const detail = await getConnection({ ctx, connectionId: c.connectionId });
    expect(detail.secretsSet).toEqual(["accessToken"]);
    expect(detail.plugs.map((p) => [p.key, p.enabled])).toEqual([["OrderImport", false], ["ProductExport", false], ["StockUpdate", false]]);
    expect(JSON.stringify(detail)).not.toContain(shop.accessToken);
    const audit = await withTenantTx(ctx.db, ctx.tenant.id, (tx) => tx.select().from(tenantAuditLog).where(eq(tenantAuditLog.tenantId, ctx.tenant.id)));
    expect(JSON.stringify(audit)).not.toContain(shop.accessToken);
  });

  it("update: an empty secret keeps the saved one; Test connection answers with the shop, or with the refusal", async () => {
    const c = await createConnection({ ctx, input: shopify() });
    await updateConnection({ ctx, connectionId: c.connectionId, input: { name: "Renamed", settings: { shopUrl: shop.url, accessToken: "" } } });
    expect(await testConnection({ ctx, connectionId: c.connectionId })).toEqual({ ok: true, message: expect.stringMatching(/^Shop: /) });
    await updateConnection({ ctx, connectionId: c.connectionId, input: { name: "Renamed", settings: { shopUrl: shop.url, accessToken: "shpat_wrong" } } });
    const refused = await testConnection({ ctx, connectionId: c.connectionId });
    expect(refused.ok).toBe(false);
    expect(refused.message).toMatch(/401/);
  });

  it("plugs: enabling schedules a run now, settings are checked by the plug's schema, a cron must be valid", async () => {
    const c = await createConnection({ ctx, input: shopify() });
    const on = await updatePlug({ ctx, connectionId: c.connectionId, plugKey: "OrderImport", input: { enabled: true, schedule: { kind: "interval", minutes: 5 }, settings: {} } });
    expect(Date.parse(on.nextRunAt ?? "")).toBeLessThanOrEqual(Date.now());
    const cron = await caught(updatePlug({ ctx, connectionId: c.connectionId, plugKey: "OrderImport", input: { enabled: true, schedule: { kind: "cron", expression: "every day" }, settings: {} } }));
    expect((cron as ValidationError).fieldErrors?.["schedule.expression"]?.[0]).toMatch(/5-field/);
    const [row] = await withTenantTx(ctx.db, ctx.tenant.id, (tx) => tx.select().from(plugs).where(and(eq(plugs.tenantId, ctx.tenant.id), eq(plugs.connectionId, c.connectionId), eq(plugs.key, "OrderImport"))));
    expect(row.schedule).toEqual({ kind: "interval", minutes: 5 }); // the refused change changed nothing
    expect(await caught(updatePlug({ ctx, connectionId: c.connectionId, plugKey: "NoSuchPlug", input: { enabled: true, schedule: { kind: "interval", minutes: 5 } } }))).toBeInstanceOf(NotFoundError);
  });

  it("delete: a connection without history is deleted; deactivation stops it; read-only users and other tenants cannot touch it", async () => {
    const c = await createConnection({ ctx, input: shopify() });
    expect(await caught(setConnectionActive({ ctx: reader, connectionId: c.connectionId, input: { active: false } }))).toBeInstanceOf(ForbiddenError);
    expect(await caught(getConnection({ ctx: stranger, connectionId: c.connectionId }))).toBeInstanceOf(NotFoundError);
    expect(await caught(deleteConnection({ ctx: stranger, connectionId: c.connectionId }))).toBeInstanceOf(NotFoundError);
    expect((await setConnectionActive({ ctx, connectionId: c.connectionId, input: { active: false } })).active).toBe(false);
    const chain = { connectionId: c.connectionId, direction: "import" as const, recordType: "order" as const };
    await putChain({ ctx, target: chain, input: [{ key: "set-field", enabled: true, settings: { field: "note", value: "x" }, conditions: [], match: "all" }] });
    expect(await deleteConnection({ ctx, connectionId: c.connectionId })).toEqual({ outcome: "deleted" });
    expect(await stored(c.connectionId)).toBeUndefined();
    // Its manipulator chains go with it.
    const left = await withTenantTx(ctx.db, ctx.tenant.id, (tx) => tx.select().from(manipulatorChains).where(and(eq(manipulatorChains.tenantId, ctx.tenant.id), eq(manipulatorChains.connectionId, c.connectionId))));
    expect(left).toEqual([]);
  });
});
