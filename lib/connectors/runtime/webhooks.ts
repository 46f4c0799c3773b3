import { noteSessionError } from "./report";
import type { RunContext } from "./run";

/** The address a connection's remote sends webhooks to; undefined when this process does not know its public address. */
export function webhookAddress(connectorKey: string, tenantId: string, connectionId: string): string | undefined {
  const origin = publicOrigin();
  return origin && `${origin}/api/webhooks/${connectorKey}/${tenantId}/${connectionId}`;
}

/** AUTH_URL's origin (the public address; set it on separate workers too), else this server's own. */
function publicOrigin(): string | undefined {
  if (process.env.AUTH_URL) return new URL(process.env.AUTH_URL).origin;
  if (!process.env.PORT) return undefined;
  const host = process.env.HOST && process.env.HOST !== "0.0.0.0" ? process.env.HOST : "127.0.0.1";
  return `http://${host}:${process.env.PORT}`;
}

/** Connections whose subscription this process has already made sure of (one remote call per connection and address, not per run). */
const subscribed = new Set<string>();

/**
 * Before a plug that webhooks can start runs, makes sure the remote sends them. A failure here only
 * notes a warning on the report: the schedule still imports everything, just later.
 */
export async function ensureWebhooks(ctx: RunContext, plugKey: string): Promise<void> {
  const hooks = ctx.connector.webhooks;
  if (!hooks?.enabled(ctx.settings)) return;
  const address = webhookAddress(ctx.connector.key, ctx.tenantId, ctx.connection.id);
  if (!address || !Object.values(hooks.topics).some((plugs) => plugs.includes(plugKey))) return;
  const key = `${ctx.connection.id}\n${address}`;
  if (subscribed.has(key)) return;
  try {
    await hooks.subscribe({ settings: ctx.settings, address, io: ctx.io });
    subscribed.add(key);
  } catch (e) {
    await noteSessionError(ctx.report, ctx.reportId, { at: new Date().toISOString(), kind: "transient", message: `Could not subscribe to webhooks (changes arrive at the next scheduled run instead): ${e instanceof Error ? e.message : String(e)}` });
  }
}
