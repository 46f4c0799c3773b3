import { getDb } from "@/db/client";
import { apiHandler, authenticateLimited, json, readText } from "@/lib/api/http";
import { receiveWebhook } from "@/lib/services/webhooks/receive";

export const dynamic = "force-dynamic";

/** Webhooks from a connection's remote system (e.g. Shopify's orders/updated): verified by signature, then its plugs are queued. */
export const POST = apiHandler<{ connector: string; tenantId: string; connectionId: string }>(async (req, params) => {
  // The signature covers the exact bytes, so the body is read as text, never re-serialised.
  const rawBody = await readText(req, 5 * 1024 * 1024);
  const headers = Object.fromEntries(req.headers);
  const db = await getDb();
  // Failed signatures count against the sender's address like failed logins.
  const result = await authenticateLimited(req, () => receiveWebhook({ db, connectorKey: params.connector, ...params, headers, rawBody }));
  return json({ received: true, ...result });
});
