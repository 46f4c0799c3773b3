import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { connections, tenants, users } from "@/db/schema";
import { withTenantTx } from "@/db/tenant-tx";
import type { Actor } from "@/lib/auth/actor";
import { authorizeTenant } from "@/lib/auth/guard";
import { startQuickBooksSimulator } from "@/lib/connectors/quickbooks/simulator";
import { connectorByKey } from "@/lib/connectors/registry";
import { openSettings, sealSettings } from "@/lib/connectors/runtime/settings";
import { startShopifySimulator } from "@/lib/connectors/shopify/simulator";
import { startWooCommerceSimulator } from "@/lib/connectors/woocommerce/simulator";
import { createConnection } from "@/lib/services/connections/create-connection";
import { createRule } from "@/lib/services/auto-invoice/create-rule";
import { listRules } from "@/lib/services/auto-invoice/list-rules";
import { updateAutoInvoiceSettings } from "@/lib/services/auto-invoice/update-settings";
import { putChain } from "@/lib/services/manipulators/put-chain";
import { updatePlug } from "@/lib/services/plugs/update-plug";
import type { RecordType } from "@/lib/records";
import { demoTenantApi } from "./demo";

/**
 * The embedded demo's remote systems: a Shopify shop that keeps taking and changing orders (a few
 * of them bad on purpose), a WooCommerce store and a Swedish QuickBooks company, each a simulator on
 * 127.0.0.1 inside the app process. Their data lives in memory and their ports change per start,
 * so every start points the demo tenant's connections at them again.
 */
export type DemoRemotes = Awaited<ReturnType<typeof startDemoRemotes>>;

export async function startDemoRemotes() {
  const [shopify, woocommerce, quickbooks] = await Promise.all([
    startShopifySimulator({ orders: 40, badOrderEvery: 9, live: { everyMs: 20_000 } }),
    startWooCommerceSimulator({ orders: 25, products: 15, badOrderEvery: 8, live: { everyMs: 45_000 } }),
    startQuickBooksSimulator({ company: "SE" }),
  ]);
  return {
    shopify,
    woocommerce,
    quickbooks,
    stop: () => Promise.all([shopify.stop(), woocommerce.stop(), quickbooks.stop()]),
  };
}

type DemoConnection = {
  connector: string;
  name: string;
  settings: Record<string, unknown>;
  plugs: { key: string; minutes: number; settings?: Record<string, unknown> }[];
  chains?: { direction: "import" | "export"; recordType: RecordType; links: unknown[] }[];
};

function demoConnections(r: DemoRemotes): DemoConnection[] {
  return [
    {
      connector: "shopify",
      name: "Acme Shopify store",
      // With the webhook secret, changed orders arrive within seconds; the schedule only catches up on missed ones.
      settings: { shopUrl: r.shopify.url, accessToken: r.shopify.accessToken, webhookSecret: r.shopify.apiSecretKey },
      plugs: [{ key: "OrderImport", minutes: 15 }],
      // A sample manipulator chain: Shopify's gateway names become the payment methods the books know, and orders are tagged with their channel.
      chains: [
        {
          direction: "import",
          recordType: "order",
          links: [
            { key: "map-values", enabled: true, settings: { field: "paymentMethod", table: { shopify_payments: "card", klarna: "invoice", gift_card: "giftCard", manual: "bankTransfer" } }, conditions: [], match: "all" },
            { key: "set-custom-data", enabled: true, settings: { key: "x-acme|salesChannel", value: "webshop" }, conditions: [], match: "all" },
          ],
        },
      ],
    },
    {
      connector: "woocommerce",
      name: "Acme outlet (WooCommerce)",
      settings: { storeUrl: r.woocommerce.url, consumerKey: r.woocommerce.consumerKey, consumerSecret: r.woocommerce.consumerSecret },
      plugs: [
        { key: "OrderImport", minutes: 2 },
        { key: "ProductImport", minutes: 10, settings: { currency: "SEK", pricesIncludeVat: true } },
      ],
    },
    {
      connector: "quickbooks",
      name: "Acme books (QuickBooks)",
      // Intuit rotates refresh tokens and this company starts afresh on every start: a new grant each time.
      settings: {
        realmId: r.quickbooks.realmId,
        clientId: r.quickbooks.clientId,
        clientSecret: r.quickbooks.clientSecret,
        refreshToken: r.quickbooks.authorize(),
        environment: "sandbox",
        apiBaseUrl: r.quickbooks.url,
        tokenUrl: r.quickbooks.tokenUrl,
      },
      plugs: [
        { key: "CustomerExport", minutes: 2 },
        {
          key: "InvoiceExport",
          minutes: 1,
          settings: {
            taxCodes: [
              { vatRatePercent: "25", taxCodeId: "2" },
              { vatRatePercent: "12", taxCodeId: "3" },
              { vatRatePercent: "6", taxCodeId: "4" },
              { vatRatePercent: "0", taxCodeId: "5" },
            ],
          },
        },
      ],
    },
  ];
}

/**
 * Makes sure the demo tenant has its three native connections (created once, through the same
 * services as the console, with their plugs enabled) and that they point at this start's simulators.
 */
export async function connectDemoRemotes(db: Db, remotes: DemoRemotes): Promise<void> {
  const [acme] = await db.select().from(tenants).where(eq(tenants.codeName, demoTenantApi.tenant));
  if (!acme) return;
  const wanted = demoConnections(remotes);
  const existing = await withTenantTx(db, acme.id, (tx) => tx.select().from(connections).where(eq(connections.tenantId, acme.id)));
  for (const demo of wanted) {
    const found = existing.find((c) => c.connector === demo.connector && c.name === demo.name);
    if (found) {
      await repoint(db, acme.id, found, demo);
      continue;
    }
    const ctx = await authorizeTenant(db, await ownerActor(db), acme.codeName);
    const { connectionId } = await createConnection({ ctx, input: { connector: demo.connector, name: demo.name, settings: demo.settings } });
    // The chain first: enabling a plug starts its first run.
    for (const chain of demo.chains ?? []) {
      await putChain({ ctx, target: { connectionId, direction: chain.direction, recordType: chain.recordType }, input: chain.links });
    }
    for (const plug of demo.plugs) {
      await updatePlug({ ctx, connectionId, plugKey: plug.key, input: { enabled: true, schedule: { kind: "interval", minutes: plug.minutes }, settings: plug.settings ?? {} } });
    }
  }
  await seedAutoInvoice(db, acme.id, acme.codeName);
}

/** One enabled Auto Invoice rule (paid Shopify orders → INV- invoices exported to QuickBooks), once. */
async function seedAutoInvoice(db: Db, tenantId: string, codeName: string): Promise<void> {
  const ctx = await authorizeTenant(db, await ownerActor(db), codeName);
  if ((await listRules({ ctx })).length) return;
  const rows = await withTenantTx(db, tenantId, (tx) => tx.select().from(connections).where(eq(connections.tenantId, tenantId)));
  const shop = rows.find((c) => c.connector === "shopify");
  const books = rows.find((c) => c.connector === "quickbooks");
  if (!shop || !books) return;
  await updateAutoInvoiceSettings({ ctx, input: { enabled: true } });
  await createRule({
    ctx,
    input: {
      name: "Paid Shopify orders",
      enabled: true,
      conditions: [
        { field: "paymentStatus", operator: "equals", value: "paid" },
        { field: "source.connectionId", operator: "equals", value: shop.id },
      ],
      actions: { invoiceDate: "orderDate", dueDays: 30, numberSeries: { prefix: "INV-" }, markPaidWhenOrderPaid: true, exportConnectionId: books.id, creditNoteOnCancel: true },
    },
  });
}

/** New addresses and credentials for an existing demo connection; a system change, so no audit entry per start. */
async function repoint(db: Db, tenantId: string, row: typeof connections.$inferSelect, demo: DemoConnection): Promise<void> {
  const connector = connectorByKey(demo.connector);
  if (!connector) return;
  const current = openSettings(tenantId, row.id, row);
  const { accessToken: _spent, accessTokenExpiresAt: _expiry, ...kept } = current;
  const sealed = sealSettings(connector, tenantId, row.id, { ...(demo.connector === "quickbooks" ? kept : current), ...demo.settings });
  await withTenantTx(db, tenantId, (tx) =>
    tx.update(connections).set({ settings: sealed.settings, secrets: sealed.secrets, updatedAt: sql`now()` }).where(and(eq(connections.tenantId, tenantId), eq(connections.id, row.id))),
  );
}

async function ownerActor(db: Db): Promise<Actor> {
  const [owner] = await db.select().from(users).where(sql`lower(${users.email}) = 'owner@acme.local'`);
  return { type: "user", userId: owner.id, email: owner.email, name: owner.name, kind: "tenant" };
}
