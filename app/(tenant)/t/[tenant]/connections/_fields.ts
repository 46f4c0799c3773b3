import { connectorByKey, plugOf } from "@/lib/connectors/registry";
import { settingsFields } from "@/lib/connectors/settings-form";
import type { Connector } from "@/lib/connectors/types";
import { NotFoundError } from "@/lib/errors";

/** A native connector by key, or 404 (also for "api", which has no settings form). */
export function nativeConnector(key: string): Connector {
  const connector = connectorByKey(key);
  if (!connector) throw new NotFoundError("Connector");
  return connector;
}

export function connectionFields(connector: Connector, saved?: { settings: Record<string, unknown>; secretsSet: string[] }) {
  return settingsFields(connector.settings, { secretFields: connector.secretFields, secretsSet: saved?.secretsSet, values: saved?.settings });
}

export function plugFields(connector: Connector, plugKey: string, values?: Record<string, unknown>) {
  const plug = plugOf(connector, plugKey);
  if (!plug) throw new NotFoundError("Plug");
  return settingsFields(plug.settings, { values });
}
