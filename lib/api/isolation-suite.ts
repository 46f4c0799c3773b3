import { beforeAll, describe, expect, it } from "vitest";
import { type ApiCaller, apiHeaders, makeApiCaller, makeReseller, makeTenant, pauseTenant, uid } from "@/test/factories";

/**
 * The shared tenant-isolation suite every Tenant API route runs (after unkey's test_route_roles):
 * authentication failures, header validation, roles, another tenant's objects and paused tenants.
 * Test-only: import it from a `*.test.ts` file and call `describeTenantIsolation(routes)`.
 */

// Route handlers take different params; the suite only passes them through.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type RouteHandler = (req: Request, context: { params: Promise<any> }) => Promise<Response>;

export type BuiltRequest = { path: string; params?: Record<string, string>; body?: unknown };

export type IsolationRoute = {
  /** For test names, e.g. "PUT /api/{type}/{localId}". */
  name: string;
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  handler: RouteHandler;
  /** Needs the tenant.write permission: a read-only user gets 403 and nothing changes. */
  write: boolean;
  /** One valid request for this caller; object routes address `objectId`. Called afresh per request. */
  request: (target: { caller: ApiCaller; objectId?: string }) => BuiltRequest;
  /**
   * Routes that address one object: make one in the caller's tenant (returns the id the route takes),
   * a well-formed id that exists nowhere, and a read-back used to prove a refused write changed nothing.
   */
  object?: {
    create: (caller: ApiCaller) => Promise<string>;
    missingIds: () => string[];
    read: (caller: ApiCaller, id: string) => Promise<unknown>;
  };
  /** Collection routes: makes something in tenant A and returns a string that B's answers must never contain. */
  foreignMarker?: (a: ApiCaller) => Promise<string>;
};

/** Tenant A (a writer and a read-only user on one API connection), tenant B, and a paused tenant. */
export type IsolationWorld = { a: ApiCaller; aReader: ApiCaller; b: ApiCaller; paused: ApiCaller };

export async function makeIsolationWorld(): Promise<IsolationWorld> {
  const { ctx: resellerCtx } = await makeReseller();
  const [{ tenant: ta }, { tenant: tb }, { tenant: tc }] = await Promise.all([makeTenant(resellerCtx), makeTenant(resellerCtx), makeTenant(resellerCtx)]);
  const a = await makeApiCaller(resellerCtx, ta, { role: "member" });
  const aReader = await makeApiCaller(resellerCtx, ta, { role: "read-only", connection: { connectionId: a.connectionId, name: a.connectionName } });
  const b = await makeApiCaller(resellerCtx, tb, { role: "admin" });
  const paused = await makeApiCaller(resellerCtx, tc, { role: "owner" });
  await pauseTenant(resellerCtx, tc);
  return { a, aReader, b, paused };
}

export type Sent = { res: Response; body: Record<string, unknown> & { requestId?: string; errors?: { path: string; message: string }[] }; text: string };

/**
 * A client address from the benchmarking range 198.18.0.0/15. Failed authentications are limited per
 * address, so the suite's many deliberate 401s come from many clients unless a test sets one.
 */
export function testClientIp(): string {
  const n = Math.floor(Math.random() * 2 ** 17);
  return `198.${18 + (n >> 16)}.${(n >> 8) & 255}.${n & 255}`;
}

/** Calls a route handler directly, as Next would, with the caller's headers (overridable). */
export async function sendRequest(
  handler: RouteHandler,
  method: string,
  built: BuiltRequest,
  headers: Headers,
): Promise<Sent> {
  if (!headers.has("x-forwarded-for")) headers.set("x-forwarded-for", testClientIp());
  const init: RequestInit = { method, headers };
  if (built.body !== undefined) {
    init.body = typeof built.body === "string" ? built.body : JSON.stringify(built.body);
    headers.set("content-type", "application/json");
  }
  const res = await handler(new Request(new URL(built.path, "http://127.0.0.1"), init), { params: Promise.resolve(built.params ?? {}) });
  const text = await res.text();
  let body: Sent["body"] = {};
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    body = {};
  }
  return { res, body, text };
}

/** A problem+json body without its per-request id: what two answers must share to be indistinguishable. */
export function withoutRequestId(body: Record<string, unknown>): Record<string, unknown> {
  const { requestId: _ignored, ...rest } = body;
  return rest;
}

export function expectProblem(sent: Sent, status: number, code?: string) {
  expect(sent.res.status, `${status} expected, got ${sent.res.status}: ${sent.text}`).toBe(status);
  expect(sent.res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  expect(sent.body.status).toBe(status);
  if (code) expect(sent.body.code).toBe(code);
  expect(typeof sent.body.requestId).toBe("string");
  expect(sent.res.headers.get("x-request-id")).toBe(sent.body.requestId);
}

/** Registers the suite for each route; one world (three tenants) is shared by all of them. */
export function describeTenantIsolation(routes: IsolationRoute[]) {
  describe("tenant isolation (shared suite)", () => {
    let w: IsolationWorld;
    beforeAll(async () => {
      w = await makeIsolationWorld();
    });
    for (const route of routes) describeRouteIsolation(route, () => w);
  });
}

export function describeRouteIsolation(route: IsolationRoute, world: () => IsolationWorld) {
  const send = (caller: ApiCaller, over: Parameters<typeof apiHeaders>[1] = {}, objectId?: string) =>
    sendRequest(route.handler, route.method, route.request({ caller, objectId }), apiHeaders(caller, over));

  describe(route.name, () => {
    /** The object the checks address (object routes), made in tenant A. */
    let target: string | undefined;
    beforeAll(async () => {
      if (route.object) target = await route.object.create(world().a);
    });
    const snapshot = async () => (route.object && target ? route.object.read(world().a, target) : undefined);

    it("answers 401 problem+json without credentials", async () => {
      const { a } = world();
      const before = await snapshot();
      const sent = await send(a, { authorization: null }, target);
      expectProblem(sent, 401, "unauthenticated");
      expect(sent.res.headers.get("www-authenticate")).toMatch(/^Basic realm=/);
      const garbled = await send(a, { authorization: "Basic !!!not-base64" }, target);
      expectProblem(garbled, 401, "unauthenticated");
      const bearer = await send(a, { authorization: "Bearer abc" }, target);
      expectProblem(bearer, 401, "unauthenticated");
      expect(await snapshot()).toEqual(before);
    });

    it("answers the same 401 for a wrong secret, an unknown login, and another tenant's user or connection", async () => {
      const { a, b } = world();
      const before = await snapshot();
      const basic = (login: string, password: string) => `Basic ${Buffer.from(`${login}:${password}`).toString("base64")}`;
      const attempts = {
        wrongSecret: await send(a, { authorization: basic(a.login, `${a.password}-wrong`) }, target),
        unknownLogin: await send(a, { authorization: basic(`nobody-${uid()}@test.local`, a.password) }, target),
        otherTenantsUser: await send(a, { authorization: basic(b.login, b.password) }, target),
        otherTenantsConnection: await send(a, { connectionId: b.connectionId }, target),
        unknownConnection: await send(a, { connectionId: `con_${"0".repeat(24)}` }, target),
        unknownTenant: await send(a, { tenant: `no-such-tenant-${uid()}` }, target),
        userOfAnotherTenantHeader: await send(a, { tenant: b.tenantCode, connectionId: b.connectionId }, target),
      };
      const reference = withoutRequestId(attempts.wrongSecret.body);
      for (const [name, sent] of Object.entries(attempts)) {
        expectProblem(sent, 401, "unauthenticated");
        expect(withoutRequestId(sent.body), name).toEqual(reference);
      }
      expect(new Set(Object.values(attempts).map((s) => s.body.requestId)).size).toBe(Object.keys(attempts).length);
      expect(await snapshot()).toEqual(before);
    });

    it("answers 400 naming the header when X-Tenant or X-ConnectionId is missing or malformed", async () => {
      const { a } = world();
      const cases: [Parameters<typeof apiHeaders>[1], string][] = [
        [{ tenant: null }, "X-Tenant"],
        [{ tenant: "" }, "X-Tenant"],
        [{ tenant: "Not A Code!" }, "X-Tenant"],
        [{ tenant: `${a.tenantCode}/../x` }, "X-Tenant"],
        [{ connectionId: null }, "X-ConnectionId"],
        [{ connectionId: "12345" }, "X-ConnectionId"],
        [{ connectionId: "con_XYZ" }, "X-ConnectionId"],
        [{ connectionId: `${a.connectionId}0` }, "X-ConnectionId"],
      ];
      for (const [over, header] of cases) {
        const sent = await send(a, over, target);
        expectProblem(sent, 400);
        expect(sent.body.errors?.map((e) => e.path), JSON.stringify(over)).toEqual([header]);
      }
    });

    if (route.write) {
      it("answers 403 to a read-only user and changes nothing", async () => {
        const { aReader } = world();
        const before = await snapshot();
        const sent = await send(aReader, {}, target);
        expectProblem(sent, 403, "forbidden");
        expect(await snapshot()).toEqual(before);
      });
    } else {
      it("lets a read-only user read", async () => {
        const { aReader } = world();
        const sent = await send(aReader, {}, target);
        expect(sent.res.status, sent.text).toBeGreaterThanOrEqual(200);
        expect(sent.res.status, sent.text).toBeLessThan(300);
      });
    }

    if (route.object) {
      const object = route.object;
      it("answers tenant B's credential on tenant A's object with the 404 of a missing object, and changes nothing", async () => {
        const { a, b } = world();
        const before = await snapshot();
        const foreign = await send(b, {}, target);
        expectProblem(foreign, 404, "not_found");
        const reference = withoutRequestId(foreign.body);
        for (const missing of object.missingIds()) {
          for (const caller of [b, a]) {
            const sent = await send(caller, {}, missing);
            expectProblem(sent, 404, "not_found");
            expect(withoutRequestId(sent.body), `${missing} as ${caller === a ? "A" : "B"}`).toEqual(reference);
            expect(sent.res.headers.get("content-type")).toBe(foreign.res.headers.get("content-type"));
          }
        }
        expect(await snapshot()).toEqual(before);
        // and A itself reaches it
        const own = await send(a, {}, target);
        expect(own.res.status, own.text).toBeLessThan(300);
      });
    }

    if (route.foreignMarker) {
      const marker = route.foreignMarker;
      it("never shows tenant A's data to tenant B", async () => {
        const { a, b } = world();
        const secret = await marker(a);
        const sent = await send(b);
        expect(sent.res.status, sent.text).toBeLessThan(300);
        expect(sent.text).not.toContain(secret);
      });
    }

    it("answers 403 for a paused tenant with valid credentials", async () => {
      const { paused } = world();
      const sent = await send(paused, {}, route.object?.missingIds()[0]);
      expectProblem(sent, 403, "forbidden");
    });
  });
}
