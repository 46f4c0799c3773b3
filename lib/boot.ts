import { databaseKind, getDb } from "@/db/client";
import { demoApiConnectionId, demoLogins, demoResellerApi, demoTenantApi, seedDemo } from "@/lib/seed/demo";

/**
 * Server start: migrate (inside getDb), seed the demo when running embedded (or when asked), and
 * print where to go and how to sign in.
 */
export async function boot(): Promise<void> {
  const started = Date.now();
  const db = await getDb();
  const kind = databaseKind();
  // The embedded demo's simulators listen on 127.0.0.1 over http; a server with a real database
  // refuses such addresses unless told otherwise (lib/connectors/remote-url.ts).
  if (kind === "pglite") process.env.CROSSDOCK_ALLOW_LOCAL_REMOTES ??= "1";
  const wantsDemo = kind === "pglite" ? process.env.CROSSDOCK_DEMO !== "0" : process.env.CROSSDOCK_DEMO === "1";
  const seeded = wantsDemo ? await seedDemo(db) : false;
  const remotes = wantsDemo && process.env.CROSSDOCK_DEMO_REMOTES !== "0" ? await startDemo(db) : undefined;
  const host = process.env.HOST ?? "127.0.0.1";
  const url = process.env.AUTH_URL ?? `http://${host === "0.0.0.0" ? "localhost" : host}:${process.env.PORT ?? 3000}`;
  const lines = [
    "",
    `  Crossdock is ready at ${url}   (database: ${kind === "pglite" ? "embedded PGlite" : "PostgreSQL"}, ${Date.now() - started} ms)`,
  ];
  if (wantsDemo) {
    lines.push(seeded ? "  Demo data created. Sign in with:" : "  Demo logins:");
    for (const l of demoLogins) lines.push(`    ${l.who.padEnd(26)} ${l.email.padEnd(24)} ${l.password}`);
    lines.push(`    ${"Reseller API (Basic)".padEnd(26)} ${demoResellerApi.login.padEnd(24)} ${demoResellerApi.password}`);
    lines.push(`    ${"Tenant API (Basic)".padEnd(26)} ${demoTenantApi.login.padEnd(24)} ${demoTenantApi.password}`);
    const connectionId = await demoApiConnectionId(db);
    if (connectionId) {
      lines.push("", "  Try the Tenant API:", `    curl -u ${demoTenantApi.login}:${demoTenantApi.password} -H 'X-Tenant: ${demoTenantApi.tenant}' -H 'X-ConnectionId: ${connectionId}' ${url}/api/order`);
    }
    if (remotes) lines.push("", `  Demo remote systems (simulators): Shopify ${remotes.shopify.url}, WooCommerce ${remotes.woocommerce.url}, QuickBooks ${remotes.quickbooks.url}`);
    lines.push(`  API reference: ${url}/docs/api`);
  }
  console.log(lines.join("\n") + "\n");
  startInAppWorkers(db);
}

/** The demo's simulated shops and books, and the demo tenant's connections to them. */
async function startDemo(db: Awaited<ReturnType<typeof getDb>>) {
  process.env.CROSSDOCK_ALLOW_LOCAL_REMOTES ??= "1";
  const { connectDemoRemotes, startDemoRemotes } = await import("@/lib/seed/demo-remotes");
  const remotes = await startDemoRemotes();
  await connectDemoRemotes(db, remotes);
  return remotes;
}

/** Plug runs and schedules run inside the app unless CROSSDOCK_WORKERS=0 (then `npm run worker` runs them). */
function startInAppWorkers(db: Awaited<ReturnType<typeof getDb>>): void {
  if (process.env.CROSSDOCK_WORKERS === "0") return;
  // In the background: the queue's first start takes a few seconds and must not hold up requests.
  void import("@/lib/jobs/worker")
    .then(({ startWorkers }) => startWorkers(db))
    .then(() => console.log("  Workers: plug runs and schedules run in this process (CROSSDOCK_WORKERS=0 to run them with `npm run worker`)."))
    .catch((e) => console.error("[workers] could not start:", e));
}
