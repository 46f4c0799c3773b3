import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { homePath } from "@/lib/services/auth/memberships";
import { signInWithPassword } from "@/lib/services/auth/sign-in-with-password";
import { openScratchDb, rowsOf } from "@/test/db";
import { demoLogins, seedDemo } from "./demo";

// The seed needs a database nobody else wrote to, so it gets its own.
let scratch: Awaited<ReturnType<typeof openScratchDb>>;
let db: Db;
beforeAll(async () => {
  scratch = await openScratchDb();
  db = scratch.db;
});
afterAll(async () => {
  await scratch?.close();
});

const tables = ["users", "resellers", "reseller_users", "reseller_api_credentials", "tenant_templates", "tenants", "tenant_users", "connections", "records", "audit_log", "tenant_audit_log"];

async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of tables) out[t] = rowsOf<{ n: number }>(await db.execute(sql.raw(`select count(*)::int as n from ${t}`)))[0].n;
  return out;
}

describe("seedDemo", () => {
  it("fills an empty database with the demo reseller, tenants and logins", async () => {
    expect(Object.values(await counts()).every((n) => n === 0)).toBe(true);
    expect(await seedDemo(db)).toBe(true);

    const c = await counts();
    expect(c).toMatchObject({ resellers: 1, reseller_users: 1, reseller_api_credentials: 1, tenant_templates: 2, tenants: 2, tenant_users: 5, users: 7, connections: 1, records: 10 });
    expect(c.audit_log).toBeGreaterThan(0);
    expect(c.tenant_audit_log).toBeGreaterThan(0);

    const tenants = rowsOf<{ code_name: string; languages: string[] }>(await db.execute(sql`select code_name, languages from tenants order by code_name`));
    expect(tenants.map((t) => t.code_name)).toEqual(["acme", "globex"]);
    expect(tenants[0].languages).toEqual(["swe", "eng", "nor"]); // acme comes from the Nordic template
  });

  it("every printed login works and lands where the README says", async () => {
    const extra = [
      { email: "member@acme.local", password: "crossdock-demo", lands: "/t/acme" },
      { email: "reader@acme.local", password: "crossdock-demo", lands: "/t/acme" },
    ];
    for (const l of [...demoLogins, ...extra]) {
      const u = await signInWithPassword({ db, input: { email: l.email, password: l.password } });
      expect({ email: l.email, home: homePath(u.kind, u.memberships) }).toEqual({ email: l.email, home: l.lands });
    }
  });

  it("a second call returns false and changes nothing", async () => {
    const before = await counts();
    expect(await seedDemo(db)).toBe(false);
    expect(await counts()).toEqual(before);
  });
});
