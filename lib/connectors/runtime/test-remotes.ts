import type { TenantCtx } from "@/lib/auth/guard";
import { createConnection } from "@/lib/services/connections/create-connection";
import { makeWorld } from "@/test/factories";
import { startQuickBooksSimulator } from "../quickbooks/simulator";
import { startShopifySimulator, type ShopifySimulatorOptions } from "../shopify/simulator";

/** For pipeline tests: a new tenant with a Shopify connection ("Webshop") and a QuickBooks one ("Books"), each to its own simulator. */
export async function shopAndBooks(shopOptions: ShopifySimulatorOptions) {
  const {
    owner: { ctx },
  } = (await makeWorld()) as { owner: { ctx: TenantCtx } };
  const shop = await startShopifySimulator(shopOptions);
  const qbo = await startQuickBooksSimulator({ throttle: false });
  const shopConnection = (await createConnection({ ctx, input: { connector: "shopify", name: "Webshop", settings: { shopUrl: shop.url, accessToken: shop.accessToken } } })).connectionId;
  const qboConnection = (
    await createConnection({
      ctx,
      input: { connector: "quickbooks", name: "Books", settings: { realmId: qbo.realmId, clientId: qbo.clientId, clientSecret: qbo.clientSecret, refreshToken: qbo.refreshToken, environment: "sandbox", apiBaseUrl: qbo.url, tokenUrl: qbo.tokenUrl } },
    })
  ).connectionId;
  return { ctx, shop, qbo, shopConnection, qboConnection, stop: () => Promise.all([shop.stop(), qbo.stop()]) };
}
