/** Where the tests get their databases; shared by the global setup and the per-worker setup. */
export type TestDbConfig = { kind: "postgres"; adminUrl: string; prefix: string } | { kind: "pglite"; dir: string };

/** A maintenance connection used only to create and drop the test databases. */
export function adminDatabaseUrl(): string {
  return process.env.CROSSDOCK_TEST_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
}

/** The same server, another database. */
export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export function workerId(): string {
  return process.env.VITEST_POOL_ID ?? "0";
}
