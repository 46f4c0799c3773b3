import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as tenantCollection from "@/app/reseller/tenant/route";
import * as tenantItem from "@/app/reseller/tenant/[codeName]/route";
import * as tenantConnection from "@/app/reseller/tenant/[codeName]/connection/route";
import * as tenantLoginUrl from "@/app/reseller/tenant/[codeName]/login-url/route";
import * as tenantUser from "@/app/reseller/tenant/[codeName]/user/route";
import { loginTokens, resellerApiCredentials, tenantAuditLog, tenants, users } from "@/db/schema";
import { sha256 } from "@/lib/auth/passwords";
import { redeemLoginToken } from "@/lib/services/auth/login-tokens";
import { peekLoginUrlToken } from "@/lib/services/auth/peek-login-token";
import { InvalidCredentials } from "@/lib/services/auth/sign-in-with-password";
import { createTemplate } from "@/lib/services/templates";
import { caught } from "@/test/db";
import { addTenantUser, makeReseller, makeResellerCredential, makeTenant, uid } from "@/test/factories";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Hdrs = Record<string, string>;

async function call(handler: Handler, opts: { method?: string; path?: string; headers?: Hdrs; body?: unknown; params?: Record<string, string> } = {}) {
  const headers: Hdrs = { ...opts.headers };
  let body: string | undefined;
  if (opts.body !== undefined) {
    body = typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body);
    headers["content-type"] = "application/json";
  }
  const req = new Request(`http://127.0.0.1${opts.path ?? "/reseller/tenant"}`, { method: opts.method ?? "GET", headers, body });
  const res = await handler(req, { params: Promise.resolve(opts.params ?? {}) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

/** A problem body without its per-request id: what two answers must share to be indistinguishable. */
const sameShape = (body: Record<string, unknown>) => {
  const { requestId, ...rest } = body;
  expect(requestId).toEqual(expect.any(String));
  return rest;
};

const tenantBody = (over: Record<string, unknown> = {}) => {
  const id = uid();
  return { customerReference: `Cust ${id}`, active: true, fullName: `Customer ${id} AB`, email: `c-${id}@test.local`, defaultLanguage: "swe", languages: ["swe", "eng"], options: ["api_access"], ...over };
};

let A: Awaited<ReturnType<typeof makeReseller>>;
let B: Awaited<ReturnType<typeof makeReseller>>;
let credA: Awaited<ReturnType<typeof makeResellerCredential>>;
let credB: Awaited<ReturnType<typeof makeResellerCredential>>;
let tenantA: Awaited<ReturnType<typeof makeTenant>>;
let tenantB: Awaited<ReturnType<typeof makeTenant>>;

beforeAll(async () => {
  A = await makeReseller();
  B = await makeReseller(A.admin);
  credA = await makeResellerCredential(A.ctx);
  credB = await makeResellerCredential(B.ctx);
  tenantA = await makeTenant(A.ctx);
  tenantB = await makeTenant(B.ctx);
});

const list = (headers: Hdrs, path = "/reseller/tenant") => call(tenantCollection.GET as Handler, { headers, path });
const basic = (login: string, secret: string) => `Basic ${Buffer.from(`${login}:${secret}`).toString("base64")}`;

describe("Reseller API authentication", () => {
  it("answers 401 problem+json without credentials, with a wrong secret and with an unknown login", async () => {
    const none = await list({ "x-reseller": A.reseller.codeName });
    expect(none.status).toBe(401);
    expect(none.headers.get("content-type")).toBe("application/problem+json");
    expect(none.headers.get("www-authenticate")).toMatch(/^Basic /);
    expect(none.body).toMatchObject({ status: 401, code: "unauthenticated" });

    const wrong = await list({ ...credA.headers, authorization: basic(credA.login, "not-the-secret") });
    const unknown = await list({ ...credA.headers, authorization: basic(`nobody-${uid()}`, credA.secret) });
    expect(wrong.status).toBe(401);
    expect(sameShape(unknown.body)).toEqual(sameShape(wrong.body));

    const garbage = await list({ ...credA.headers, authorization: "Bearer abc" });
    expect(garbage.status).toBe(401);
  });

  it("answers 400 naming X-Reseller when the header is missing or malformed", async () => {
    for (const reseller of [undefined, "", "Not A Code!", "-x-"]) {
      const headers: Hdrs = { authorization: credA.headers.authorization };
      if (reseller !== undefined) headers["x-reseller"] = reseller;
      const res = await list(headers);
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ path: "X-Reseller", message: expect.any(String) }]);
    }
  });

  it("refuses reseller B's credential on reseller A exactly like a wrong secret", async () => {
    const crossed = await list({ ...credB.headers, "x-reseller": A.reseller.codeName });
    const wrong = await list({ ...credA.headers, authorization: basic(credA.login, "not-the-secret") });
    expect(crossed.status).toBe(401);
    expect(sameShape(crossed.body)).toEqual(sameShape(wrong.body));
    // An unknown reseller code is the same answer too.
    const ghost = await list({ ...credA.headers, "x-reseller": `ghost-${uid()}` });
    expect(sameShape(ghost.body)).toEqual(sameShape(wrong.body));
  });

  it("refuses an expired or deactivated credential with 401", async () => {
    const expired = await makeResellerCredential(A.ctx, { expiresAt: new Date(Date.now() - 1000) });
    expect((await list(expired.headers)).status).toBe(401);
    const inactive = await makeResellerCredential(A.ctx, { active: false });
    expect((await list(inactive.headers)).status).toBe(401);
    const future = await makeResellerCredential(A.ctx, { expiresAt: new Date(Date.now() + 3600_000) });
    expect((await list(future.headers)).status).toBe(200);
  });

  it("records last use at most once a minute", async () => {
    const cred = await makeResellerCredential(A.ctx);
    const lastUsed = async () => (await A.ctx.db.select({ at: resellerApiCredentials.lastUsedAt }).from(resellerApiCredentials).where(eq(resellerApiCredentials.id, cred.credential.id)))[0].at;
    expect(await lastUsed()).toBeNull();
    await list(cred.headers);
    const first = await lastUsed();
    expect(first).toBeInstanceOf(Date);
    await list(cred.headers);
    expect(await lastUsed()).toEqual(first);
    // An hour-old stamp is refreshed by the next request.
    const old = new Date(Date.now() - 3600_000);
    await A.ctx.db.update(resellerApiCredentials).set({ lastUsedAt: old }).where(eq(resellerApiCredentials.id, cred.credential.id));
    await list(cred.headers);
    expect((await lastUsed())!.getTime()).toBeGreaterThan(old.getTime() + 3000_000);
  });

  it("answers 403 when the credential lacks the route's permission, before looking at the tenant", async () => {
    const viewer = await makeResellerCredential(A.ctx, { permissions: ["tenants.view"] });
    const creator = await makeResellerCredential(A.ctx, { permissions: ["tenants.create"] });
    expect((await list(creator.headers)).status).toBe(403);
    expect((await list(viewer.headers)).status).toBe(200);

    const forbidden: [Handler, string, unknown][] = [
      [tenantCollection.POST as Handler, "POST", tenantBody()],
      [tenantItem.PUT as Handler, "PUT", { fullName: "Nope" }],
      [tenantUser.POST as Handler, "POST", { login: `u-${uid()}@test.local`, password: "long-enough-1", name: "U", role: "member" }],
      [tenantConnection.POST as Handler, "POST", { connector: "api", name: "Nope" }],
      [tenantLoginUrl.POST as Handler, "POST", { login: tenantA.owner.user.email }],
    ];
    for (const [handler, method, body] of forbidden) {
      const own = await call(handler, { method, headers: viewer.headers, body, params: { codeName: tenantA.tenant.codeName } });
      const foreign = await call(handler, { method, headers: viewer.headers, body, params: { codeName: tenantB.tenant.codeName } });
      expect(own.status).toBe(403);
      expect(own.body.code).toBe("forbidden");
      expect(sameShape(foreign.body)).toEqual(sameShape(own.body));
    }
    // Nothing was created or changed by the refused calls.
    expect((await A.ctx.db.select().from(tenants).where(eq(tenants.id, tenantA.tenant.id)))[0].fullName).toBe(tenantA.tenant.fullName);
  });

  it("needs tenants.edit for connections and tenants.login_as for login URLs, not only the neighbouring permissions", async () => {
    const usersOnly = await makeResellerCredential(A.ctx, { permissions: ["tenants.view", "tenants.manage_users"] });
    const params = { codeName: tenantA.tenant.codeName };
    expect((await call(tenantConnection.POST as Handler, { method: "POST", headers: usersOnly.headers, body: { connector: "api", name: "X" }, params })).status).toBe(403);
    expect((await call(tenantLoginUrl.POST as Handler, { method: "POST", headers: usersOnly.headers, body: { login: tenantA.owner.user.email }, params })).status).toBe(403);
  });
});

describe("Reseller API isolation", () => {
  it("answers another reseller's tenant with the same 404 as a missing one, on every route", async () => {
    const routes: [Handler, string, unknown][] = [
      [tenantItem.GET as Handler, "GET", undefined],
      [tenantItem.PUT as Handler, "PUT", { fullName: "Hijacked" }],
      [tenantUser.POST as Handler, "POST", { login: `u-${uid()}@test.local`, password: "long-enough-1", name: "U", role: "member" }],
      [tenantConnection.POST as Handler, "POST", { connector: "api", name: "Hijack" }],
      [tenantLoginUrl.POST as Handler, "POST", { login: tenantB.owner.user.email }],
    ];
    for (const [handler, method, body] of routes) {
      const foreign = await call(handler, { method, headers: credA.headers, body, params: { codeName: tenantB.tenant.codeName } });
      const missing = await call(handler, { method, headers: credA.headers, body, params: { codeName: `missing-${uid()}` } });
      expect(foreign.status).toBe(404);
      expect(foreign.headers.get("content-type")).toBe("application/problem+json");
      expect(sameShape(foreign.body)).toEqual(sameShape(missing.body));
    }
    const [b] = await A.ctx.db.select().from(tenants).where(eq(tenants.id, tenantB.tenant.id));
    expect(b.fullName).toBe(tenantB.tenant.fullName);
  });

  it("lists only the reseller's own tenants", async () => {
    const res = await list(credA.headers);
    expect(res.status).toBe(200);
    const codes = res.body.map((t: { codeName: string }) => t.codeName);
    expect(codes).toContain(tenantA.tenant.codeName);
    expect(codes).not.toContain(tenantB.tenant.codeName);
    const searched = await list(credA.headers, `/reseller/tenant?q=${encodeURIComponent(tenantB.tenant.codeName)}`);
    expect(searched.body).toEqual([]);
  });
});

describe("POST /reseller/tenant", () => {
  it("honours Idempotency-Key: the same key and body replay the first answer and create one tenant; another body is refused", async () => {
    const input = tenantBody();
    const headers = { ...credA.headers, "idempotency-key": `onboard-${uid()}` };
    const first = await call(tenantCollection.POST as Handler, { method: "POST", headers, body: input });
    const again = await call(tenantCollection.POST as Handler, { method: "POST", headers, body: input });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    const rows = await A.ctx.db.select().from(tenants).where(eq(tenants.customerReference, input.customerReference));
    expect(rows).toHaveLength(1);
    const other = await call(tenantCollection.POST as Handler, { method: "POST", headers, body: tenantBody() });
    expect(other.status).toBe(422);
    // Keys belong to the reseller's credential: reseller B may use the same key for its own request.
    const b = await call(tenantCollection.POST as Handler, { method: "POST", headers: { ...credB.headers, "idempotency-key": headers["idempotency-key"] }, body: tenantBody() });
    expect(b.status).toBe(201);
  });

  it("creates a tenant: 201, codeName derived from the customer reference, audited as the API credential", async () => {
    const input = tenantBody();
    const res = await call(tenantCollection.POST as Handler, { method: "POST", headers: credA.headers, body: input });
    expect(res.status).toBe(201);
    const codeName = input.customerReference.toLowerCase().replace(/\s+/g, "-");
    expect(res.body).toEqual({
      codeName,
      customerReference: input.customerReference,
      fullName: input.fullName,
      email: input.email,
      active: true,
      defaultLanguage: "swe",
      languages: ["swe", "eng"],
      options: ["api_access"],
      template: null,
      created: expect.any(String),
      lastModified: expect.any(String),
    });
    expect(res.headers.get("location")).toBe(`/reseller/tenant/${codeName}`);
    expect(res.headers.get("x-request-id")).toEqual(expect.any(String));

    const read = await call(tenantItem.GET as Handler, { headers: credA.headers, params: { codeName } });
    expect(read.body).toEqual(res.body);

    const [t] = await A.ctx.db.select().from(tenants).where(eq(tenants.codeName, codeName));
    expect(t.resellerId).toBe(A.reseller.id);
    const [audit] = await A.ctx.db.select().from(tenantAuditLog).where(and(eq(tenantAuditLog.tenantId, t.id), eq(tenantAuditLog.action, "tenant.create")));
    expect({ actorType: audit.actorType, actorId: audit.actorId, actorLabel: audit.actorLabel }).toEqual({ actorType: "api", actorId: credA.credential.id, actorLabel: credA.login });
  });

  it("refuses a duplicate customer reference with 409 naming customerReference", async () => {
    const input = tenantBody();
    expect((await call(tenantCollection.POST as Handler, { method: "POST", headers: credA.headers, body: input })).status).toBe(201);
    const dup = await call(tenantCollection.POST as Handler, { method: "POST", headers: credA.headers, body: { ...tenantBody(), customerReference: input.customerReference.toUpperCase() } });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe("conflict");
    expect(dup.body.errors).toEqual([{ path: "customerReference", message: expect.any(String) }]);
  });

  it("refuses a bad email with 422 and creates nothing", async () => {
    const input = tenantBody({ email: "not an email" });
    const res = await call(tenantCollection.POST as Handler, { method: "POST", headers: credA.headers, body: input });
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.body.errors).toEqual([{ path: "email", message: "Enter a valid email address." }]);
    const rows = await A.ctx.db.select().from(tenants).where(sql`lower(${tenants.customerReference}) = ${input.customerReference.toLowerCase()}`);
    expect(rows).toEqual([]);
  });

  it("names every bad field, with paths into arrays", async () => {
    const res = await call(tenantCollection.POST as Handler, { method: "POST", headers: credA.headers, body: { active: "yes", fullName: "", languages: ["swe", "xxx"], options: ["teleport"] } });
    expect(res.status).toBe(422);
    const paths = res.body.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(["active", "customerReference", "email", "fullName", "languages.1", "options.0"]);
  });

  it("answers 400 to a body that is not JSON", async () => {
    const res = await call(tenantCollection.POST as Handler, { method: "POST", headers: credA.headers, body: "{ customerReference: " });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("malformed_json");
  });

  it("creates from a template named by name or id, and can create it paused", async () => {
    const tpl = await createTemplate({ ctx: A.ctx, input: { name: `Nordic ${uid()}`, defaultLanguage: "nor", languages: ["nor", "eng"], options: ["auto_invoice"] } });
    const { defaultLanguage, languages, options, ...bare } = tenantBody();
    const byName = await call(tenantCollection.POST as Handler, { method: "POST", headers: credA.headers, body: { ...bare, template: tpl.name.toUpperCase() } });
    expect(byName.status).toBe(201);
    expect(byName.body).toMatchObject({ defaultLanguage: "nor", languages: ["nor", "eng"], options: ["auto_invoice"], template: { id: tpl.id, name: tpl.name } });

    const byId = await call(tenantCollection.POST as Handler, { method: "POST", headers: credA.headers, body: { ...tenantBody({ options: [] }), active: false, template: tpl.id } });
    expect(byId.status).toBe(201);
    expect(byId.body).toMatchObject({ active: false, defaultLanguage: "swe", options: [], template: { id: tpl.id } });
  });

  it("refuses an unknown template or another reseller's with 422 naming template", async () => {
    const foreign = await createTemplate({ ctx: B.ctx, input: { name: `Foreign ${uid()}`, defaultLanguage: "eng", languages: ["eng"] } });
    for (const template of [`nope-${uid()}`, foreign.id, foreign.name]) {
      const input = tenantBody({ template });
      const res = await call(tenantCollection.POST as Handler, { method: "POST", headers: credA.headers, body: input });
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([{ path: "template", message: expect.any(String) }]);
      expect(await A.ctx.db.select().from(tenants).where(eq(tenants.customerReference, input.customerReference))).toEqual([]);
    }
  });
});

describe("GET /reseller/tenant", () => {
  it("searches and filters by status", async () => {
    const paused = await call(tenantCollection.POST as Handler, { method: "POST", headers: credA.headers, body: tenantBody({ active: false }) });
    const inactive = await list(credA.headers, "/reseller/tenant?status=inactive");
    expect(inactive.body.map((t: { codeName: string }) => t.codeName)).toContain(paused.body.codeName);
    expect(inactive.body.every((t: { active: boolean }) => !t.active)).toBe(true);

    const found = await list(credA.headers, `/reseller/tenant?q=${encodeURIComponent(tenantA.tenant.codeName)}&status=`);
    expect(found.body).toEqual([
      expect.objectContaining({ codeName: tenantA.tenant.codeName, fullName: tenantA.tenant.fullName, active: true, userCount: 1, created: expect.any(String) }),
    ]);
    expect(found.body[0]).not.toHaveProperty("id");
    expect(found.body[0]).not.toHaveProperty("resellerId");

    const bad = await list(credA.headers, "/reseller/tenant?status=sleeping");
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].path).toBe("status");
  });
});

describe("PUT /reseller/tenant/{codeName}", () => {
  it("changes only the fields sent", async () => {
    const created = (await call(tenantCollection.POST as Handler, { method: "POST", headers: credA.headers, body: tenantBody() })).body;
    const params = { codeName: created.codeName };

    const renamed = await call(tenantItem.PUT as Handler, { method: "PUT", headers: credA.headers, body: { fullName: "Renamed AB" }, params });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toEqual({ ...created, fullName: "Renamed AB", lastModified: expect.any(String) });

    const paused = await call(tenantItem.PUT as Handler, { method: "PUT", headers: credA.headers, body: { active: false, options: [] }, params });
    expect(paused.body).toEqual({ ...created, fullName: "Renamed AB", active: false, options: [], lastModified: expect.any(String) });

    // The default language must stay one of the languages: refused, and nothing changes.
    const bad = await call(tenantItem.PUT as Handler, { method: "PUT", headers: credA.headers, body: { languages: ["deu"], active: true }, params });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(["defaultLanguage"]);
    const after = await call(tenantItem.GET as Handler, { headers: credA.headers, params });
    expect(after.body).toEqual(paused.body);

    const nullName = await call(tenantItem.PUT as Handler, { method: "PUT", headers: credA.headers, body: { fullName: null }, params });
    expect(nullName.status).toBe(422);
    expect(nullName.body.errors[0].path).toBe("fullName");

    const both = await call(tenantItem.PUT as Handler, { method: "PUT", headers: credA.headers, body: { languages: ["deu", "eng"], defaultLanguage: "deu", active: true, email: "NEW@Example.test" }, params });
    expect(both.body).toMatchObject({ languages: ["deu", "eng"], defaultLanguage: "deu", active: true, email: "new@example.test", fullName: "Renamed AB", customerReference: created.customerReference });
  });
});

describe("POST /reseller/tenant/{codeName}/user", () => {
  it("creates a tenant user and never returns a hash", async () => {
    const login = `New.User-${uid()}@Test.local`;
    const res = await call(tenantUser.POST as Handler, {
      method: "POST",
      headers: credA.headers,
      body: { login, password: "a-long-password-1", name: "New User", role: "admin", api: true },
      params: { codeName: tenantA.tenant.codeName },
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ userId: expect.stringMatching(/^usr_/), login: login.toLowerCase(), name: "New User", role: "admin", api: true, active: true });
    const raw = JSON.stringify(res.body);
    expect(raw).not.toMatch(/hash|password|\$2[aby]\$/i);
    const [u] = await A.ctx.db.select().from(users).where(eq(users.id, res.body.userId));
    expect(u.kind).toBe("tenant");
  });

  it("names the login on a taken email and the role on a bad one", async () => {
    const params = { codeName: tenantA.tenant.codeName };
    const taken = await call(tenantUser.POST as Handler, { method: "POST", headers: credA.headers, body: { login: tenantB.owner.user.email, password: "a-long-password-1", name: "Dup", role: "member" }, params });
    expect(taken.status).toBe(409);
    expect(taken.body.errors).toEqual([{ path: "login", message: expect.any(String) }]);

    const bad = await call(tenantUser.POST as Handler, { method: "POST", headers: credA.headers, body: { login: `x-${uid()}@test.local`, password: "short", name: "X", role: "god" }, params });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(["password", "role"]);
  });
});

describe("POST /reseller/tenant/{codeName}/connection", () => {
  it("creates an active API connection", async () => {
    const res = await call(tenantConnection.POST as Handler, { method: "POST", headers: credA.headers, body: { connector: "api", name: "ERP sync" }, params: { codeName: tenantA.tenant.codeName } });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ connectionId: expect.stringMatching(/^con_[0-9a-f]{24}$/), connector: "api", name: "ERP sync", active: true, created: expect.any(String), lastModified: expect.any(String) });
  });

  it("accepts only the api connector, naming the field", async () => {
    for (const body of [{ connector: "shopify", name: "Shop" }, { name: "No connector" }]) {
      const res = await call(tenantConnection.POST as Handler, { method: "POST", headers: credA.headers, body, params: { codeName: tenantA.tenant.codeName } });
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([{ path: "connector", message: expect.any(String) }]);
    }
  });
});

describe("POST /reseller/tenant/{codeName}/login-url", () => {
  const issue = (login: string, codeName = tenantA.tenant.codeName) =>
    call(tenantLoginUrl.POST as Handler, { method: "POST", headers: credA.headers, body: { login }, params: { codeName } });
  const tokenOf = (url: string) => new URL(url).searchParams.get("token")!;

  it("gives a single-use URL of this app that expires in 5 minutes", async () => {
    const before = Date.now();
    const res = await issue(tenantA.owner.user.email.toUpperCase());
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const url = new URL(res.body.url);
    expect(`${url.origin}${url.pathname}`).toBe("http://127.0.0.1/login/token");
    const expiresAt = new Date(res.body.expiresAt).getTime();
    expect(expiresAt).toBeGreaterThanOrEqual(before + 5 * 60_000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 5 * 60_000);

    const token = tokenOf(res.body.url);
    // The stored expiry is never earlier than the one promised.
    const [row] = await A.ctx.db.select().from(loginTokens).where(eq(loginTokens.tokenHash, sha256(token)));
    expect(row).toMatchObject({ purpose: "login_url", userId: tenantA.owner.user.id, tenantId: tenantA.tenant.id });
    expect(row.expiresAt.getTime()).toBeGreaterThanOrEqual(expiresAt);
    // Looking at the link (what the page does on GET) does not use it up.
    expect(await peekLoginUrlToken(A.ctx.db, token)).toEqual({ tenantCode: tenantA.tenant.codeName, tenantName: tenantA.tenant.fullName, email: tenantA.owner.user.email });
    expect(await peekLoginUrlToken(A.ctx.db, token)).toBeDefined();

    const first = await redeemLoginToken({ db: A.ctx.db, input: { token } });
    expect(first).toMatchObject({ id: tenantA.owner.user.id, landing: `/t/${tenantA.tenant.codeName}` });
    expect(first.impersonator).toBeUndefined();
    expect(await caught(redeemLoginToken({ db: A.ctx.db, input: { token } }))).toBeInstanceOf(InvalidCredentials);
    expect(await peekLoginUrlToken(A.ctx.db, token)).toBeUndefined();

    const [audit] = await A.ctx.db
      .select()
      .from(tenantAuditLog)
      .where(and(eq(tenantAuditLog.tenantId, tenantA.tenant.id), eq(tenantAuditLog.action, "tenant_user.login_url")));
    expect(audit).toMatchObject({ actorType: "api", actorId: credA.credential.id, targetId: tenantA.owner.user.id });
  });

  it("stops working once expired", async () => {
    const res = await issue(tenantA.owner.user.email);
    const token = tokenOf(res.body.url);
    await A.ctx.db.update(loginTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(loginTokens.tokenHash, sha256(token)));
    expect(await peekLoginUrlToken(A.ctx.db, token)).toBeUndefined();
    expect(await caught(redeemLoginToken({ db: A.ctx.db, input: { token } }))).toBeInstanceOf(InvalidCredentials);
  });

  it("uses AUTH_URL as the origin when it is set", async () => {
    const saved = process.env.AUTH_URL;
    process.env.AUTH_URL = "https://crossdock.example.com/api/auth";
    try {
      const res = await issue(tenantA.owner.user.email);
      expect(res.body.url).toMatch(/^https:\/\/crossdock\.example\.com\/login\/token\?token=[A-Za-z0-9_-]{40,}$/);
    } finally {
      if (saved === undefined) delete process.env.AUTH_URL;
      else process.env.AUTH_URL = saved;
    }
  });

  it("refuses a login outside the tenant or a deactivated user, naming login", async () => {
    for (const login of [tenantB.owner.user.email, `nobody-${uid()}@test.local`]) {
      const res = await issue(login);
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([{ path: "login", message: "Not a user of this tenant." }]);
    }
    const member = await addTenantUser(A.ctx, tenantA.tenant, "member");
    await A.ctx.db.update(users).set({ active: false }).where(eq(users.id, member.user.id));
    const res = await issue(member.user.email);
    expect(res.status).toBe(422);
    expect(res.body.errors[0].path).toBe("login");
  });
});
