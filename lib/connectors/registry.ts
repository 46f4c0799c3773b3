import { quickbooksConnector } from "./quickbooks";
import { shopifyConnector } from "./shopify";
import type { Connector, ConnectorCategory, Plug } from "./types";
import { woocommerceConnector } from "./woocommerce";

/** Every native connector. A connector is code: adding one means adding it here. */
export const connectors: readonly Connector[] = [shopifyConnector, woocommerceConnector, quickbooksConnector];

/** A catalogue entry: a native connector, or the external kind (an integration on the Tenant API). */
export type CatalogueEntry = { key: string; name: string; category: ConnectorCategory; logo: string; description: string; native: boolean; plugs: { key: string; name: string; direction: string; recordType: string }[] };

export const API_CONNECTOR = "api";

const external: CatalogueEntry = {
  key: API_CONNECTOR,
  name: "External integration (Tenant API)",
  category: "Generic",
  logo: "/connectors/api.svg",
  description: "An integration built by you or a partner on the Tenant API. It sends this connection's id in X-ConnectionId; its settings live in its own app.",
  native: false,
  plugs: [],
};

export function catalogue(): CatalogueEntry[] {
  return [
    ...connectors.map((c) => ({ key: c.key, name: c.name, category: c.category, logo: c.logo, description: c.description, native: true, plugs: c.plugs.map((p) => ({ key: p.key, name: p.name, direction: p.direction, recordType: p.recordType })) })),
    external,
  ];
}

export function connectorByKey(key: string): Connector | undefined {
  return connectors.find((c) => c.key === key);
}

export function plugOf(connector: Connector, plugKey: string): Plug | undefined {
  return connector.plugs.find((p) => p.key === plugKey);
}

/** "Shopify", or the external label for api connections; the raw key for anything unknown. */
export function connectorName(key: string): string {
  return key === API_CONNECTOR ? external.name : (connectorByKey(key)?.name ?? key);
}
