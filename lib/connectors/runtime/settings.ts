import type { Connector } from "../types";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secrets";

/**
 * Connection settings are stored in two parts: the plain ones in `connections.settings`, the
 * connector's secret fields sealed together in `connections.secrets`. Only the runtime opens them.
 */
export type StoredSettings = { settings: unknown; secrets: string | null };

const owner = (tenantId: string, connectionId: string) => `${tenantId}/${connectionId}`;

export function sealSettings(connector: Connector, tenantId: string, connectionId: string, all: Record<string, unknown>): StoredSettings {
  const plain: Record<string, unknown> = {};
  const secret: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(all)) {
    if (v === undefined) continue;
    (connector.secretFields.includes(k) ? secret : plain)[k] = v;
  }
  return { settings: plain, secrets: Object.keys(secret).length ? encryptSecret(JSON.stringify(secret), owner(tenantId, connectionId)) : null };
}

export function openSettings(tenantId: string, connectionId: string, stored: StoredSettings): Record<string, unknown> {
  const secret = stored.secrets ? (JSON.parse(decryptSecret(stored.secrets, owner(tenantId, connectionId))) as Record<string, unknown>) : {};
  return { ...(stored.settings as Record<string, unknown>), ...secret };
}

/** Which secret fields have a value, for forms ("saved — leave blank to keep"); never the values. */
export function secretsSet(connector: Connector, tenantId: string, connectionId: string, stored: StoredSettings): string[] {
  if (!stored.secrets) return [];
  const all = openSettings(tenantId, connectionId, stored);
  return connector.secretFields.filter((k) => all[k] !== undefined && all[k] !== null && all[k] !== "");
}
