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
  const wantsDemo = kind === "pglite" ? process.env.CROSSDOCK_DEMO !== "0" : process.env.CROSSDOCK_DEMO === "1";
  const seeded = wantsDemo ? await seedDemo(db) : false;
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
    lines.push(`  API reference: ${url}/docs/api`);
  }
  console.log(lines.join("\n") + "\n");
}
