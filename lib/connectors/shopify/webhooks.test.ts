import { createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordRemoteIds, transferReports } from "@/db/schema";
import { withTenantTx } from "@/db/tenant-tx";
import type { TenantCtx } from "@/lib/auth/guard";
import { runPlug } from "@/lib/connectors/runtime/run";
import { closeQueue, getQueue, PLUG_RUN, type PlugRunJob } from "@/lib/jobs/queue";
import { createConnection } from "@/lib/services/connections/create-connection";
import { updatePlug } from "@/lib/services/plugs/update-plug";
import { makeWorld } from "@/test/factories";
import { POST } from "@/app/api/webhooks/[connector]/[tenantId]/[connectionId]/route";
import { startShopifySimulator, type ShopifySimulator } from "./simulator";

/**
 * Webhooks end to end: a run subscribes the connection, the simulator POSTs signed order webhooks to
 * the real route handler (behind a local HTTP server, as AUTH_URL), Shopify's own verifier accepts
 * them, and the queued run imports the new order. Forged or misaddressed calls change nothing.
 */

let ctx: TenantCtx;
let shop: ShopifySimulator;
let app: http.Server;
let connectionId: string;
let stopWork: () => Promise<void>;
const savedAuthUrl = process.env.AUTH_URL;
const tenantId = () => ctx.tenant.id;

beforeAll(async () => {
  ({ owner: { ctx } } = await makeWorld());
  shop = await startShopifySimulator({ orders: 5, rateLimit: false });
  // The app's webhook route behind a plain HTTP server, as Next would serve it.
  app = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const [, , , connector, tenant, connection] = (req.url ?? "").split("/");
    const request = new Request(`http://127.0.0.1${req.url}`, { method: "POST", headers: req.headers as Record<string, string>, body: Buffer.concat(chunks) });
    const answer = await POST(request, { params: Promise.resolve({ connector, tenantId: tenant, connectionId: connection }) });
    res.writeHead(answer.status, { "content-type": "application/json" }).end(await answer.text());
  });
  await new Promise<void>((r) => app.listen(0, "127.0.0.1", r));
  process.env.AUTH_URL = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  connectionId = (
    await createConnection({ ctx, input: { connector: "shopify", name: "Webshop", settings: { shopUrl: shop.url, accessToken: shop.accessToken, webhookSecret: shop.apiSecretKey } } })
  ).connectionId;
  // Only this file's runs: earlier files in this worker may have left jobs for their own tenants.
  const boss = await getQueue();
  await boss.work<PlugRunJob>(PLUG_RUN, { pollingIntervalSeconds: 0.5 }, async ([job]) => (job.data.tenantId === tenantId() ? runPlug(ctx.db, job.data) : undefined));
  stopWork = () => boss.offWork(PLUG_RUN, { wait: true });
});

afterAll(async () => {
  await stopWork?.();
  await closeQueue();
  await shop?.stop();
  await new Promise((r) => app?.close(r));
  if (savedAuthUrl === undefined) delete process.env.AUTH_URL;
  else process.env.AUTH_URL = savedAuthUrl;
});

const importedIds = async () =>
  (await withTenantTx(ctx.db, tenantId(), (tx) => tx.select().from(recordRemoteIds).where(and(eq(recordRemoteIds.tenantId, tenantId()), eq(recordRemoteIds.connectionId, connectionId))))).map((r) => r.remoteId);
const reports = () => withTenantTx(ctx.db, tenantId(), (tx) => tx.select().from(transferReports).where(and(eq(transferReports.tenantId, tenantId()), eq(transferReports.connectionId, connectionId))));

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function send(path: string, body: string, headers: Record<string, string>) {
  return fetch(`${process.env.AUTH_URL}${path}`, { method: "POST", body, headers: { "content-type": "application/json", ...headers } });
}

describe("Shopify webhooks", () => {
  it("subscribes on the first run, and a signed orders/create webhook imports the new order within seconds", async () => {
    await updatePlug({ ctx, connectionId, plugKey: "OrderImport", input: { enabled: true, schedule: { kind: "interval", minutes: 1440 }, settings: {} } });
    const first = await runPlug(ctx.db, { tenantId: tenantId(), connectionId, plugKey: "OrderImport", trigger: "manual" });
    expect(first.skipped).toBe(false);
    const address = `${process.env.AUTH_URL}/api/webhooks/shopify/${tenantId()}/${connectionId}`;
    expect(shop.webhooks.subscriptions.map((w) => [w.topic, w.address]).sort()).toEqual([
      ["orders/create", address],
      ["orders/updated", address],
    ]);
    expect(await importedIds()).toHaveLength(5);

    const order = shop.store.orders.add();
    await until("the webhook run", async () => (await importedIds()).includes(String(order.id)));
    expect(shop.webhooks.deliveries.at(-1)).toMatchObject({ topic: "orders/create", address, status: 200 });
    expect((await reports()).some((r) => r.trigger === "webhook" && r.numSucceeded >= 1)).toBe(true);
  });

  it("refuses a forged signature, another connection's address and another connector's path with the same 401", async () => {
    const before = (await reports()).length;
    const body = JSON.stringify({ id: 1, updated_at: new Date().toISOString() });
    const sign = (secret: string) => createHmac("sha256", secret).update(body).digest("base64");
    const headers = (hmac: string) => ({ "X-Shopify-Topic": "orders/updated", "X-Shopify-Hmac-Sha256": hmac, "X-Shopify-Shop-Domain": shop.shopDomain, "X-Shopify-API-Version": "2025-01", "X-Shopify-Webhook-Id": "w-1" });
    const path = `/api/webhooks/shopify/${tenantId()}/${connectionId}`;

    const forged = await send(path, body, headers(sign("not-the-secret")));
    expect(forged.status).toBe(401);
    const problem = await forged.json();
    expect(problem).toMatchObject({ status: 401, detail: expect.stringMatching(/signature/) });
    const tampered = await send(path, body.replace('"id":1', '"id":2'), headers(sign(shop.apiSecretKey)));
    expect(tampered.status).toBe(401);
    const unknown = await send(`/api/webhooks/shopify/${tenantId()}/con_doesnotexist`, body, headers(sign(shop.apiSecretKey)));
    expect(unknown.status).toBe(401);
    expect((await unknown.json()).detail).toBe(problem.detail);
    const otherConnector = await send(`/api/webhooks/woocommerce/${tenantId()}/${connectionId}`, body, headers(sign(shop.apiSecretKey)));
    expect(otherConnector.status).toBe(401);

    // The genuine one is accepted.
    const genuine = await send(path, body, headers(sign(shop.apiSecretKey)));
    expect(genuine.status).toBe(200);
    expect(await genuine.json()).toMatchObject({ received: true, topic: "orders/updated" });
    await until("the genuine webhook's run", async () => (await reports()).length > before);
  });
});
