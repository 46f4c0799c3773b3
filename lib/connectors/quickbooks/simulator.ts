/**
 * A local QuickBooks Online simulator: the v3 company API paths the connector uses
 * (/v3/company/{realmId}/companyinfo, preferences, query, customer, invoice, creditmemo, item,
 * taxcode) and Intuit's OAuth 2.0 token endpoint (/oauth2/v1/tokens/bearer, rotating refresh
 * tokens). Faults, throttling and token expiry answer as Intuit documents them:
 * - 401 `{"fault":{"error":[{message:"message=AuthenticationFailed; errorCode=003200; statusCode=401",…}],"type":"AUTHENTICATION"}}`
 * - 429 `{"Fault":{"Error":[{Message:"message=ThrottleExceeded; errorCode=003001; statusCode=429",…}],"type":"SERVICE"}}`
 *   over 500 requests per minute or 10 concurrent requests per realm (both configurable). Intuit
 *   asks clients to wait out the minute; the simulator says how long in Retry-After.
 * - 400 `{"Fault":{"Error":[{Message,Detail,code,element}],"type":"ValidationFault"}}`
 * Every answer carries an intuit_tid header, as Intuit's do.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { companyProfiles, Fault, QuickBooksStore } from "./simulator-store";

export type QuickBooksSimulatorOptions = {
  /** 0 (default) = any free port. */
  port?: number;
  realmId?: string;
  clientId?: string;
  clientSecret?: string;
  /** Intuit's limits per realm: 500 requests per minute, 10 concurrent. Lower them to exercise 429s; false turns throttling off. */
  throttle?: { requestsPerMinute?: number; maxConcurrent?: number } | false;
  /** Access-token lifetime; Intuit's is 3600 s. */
  accessTokenTtlSeconds?: number;
  /** Delay before each API answer, so concurrency limits can be hit on purpose. */
  latencyMs?: number;
  /** Entries kept in the request log (oldest dropped). */
  requestLogLimit?: number;
  /** The company: "GB" (default) or "SE". */
  company?: keyof typeof companyProfiles;
};

export type LoggedRequest = { method: string; path: string; query: Record<string, string> };
type Injected = { status: number; headers: Record<string, string> };

const TOKEN_PATH = "/oauth2/v1/tokens/bearer";
const REFRESH_TOKEN_TTL_SECONDS = 8_726_400; // 101 days, Intuit's value
const ENTITY_PATHS: Record<string, string> = {
  customer: "Customer",
  invoice: "Invoice",
  creditmemo: "CreditMemo",
  item: "Item",
  taxcode: "TaxCode",
  taxrate: "TaxRate",
};

const token = () => randomBytes(24).toString("hex");
const now = () => Date.now();

export async function startQuickBooksSimulator(options: QuickBooksSimulatorOptions = {}) {
  const realmId = options.realmId ?? "9130350000000001";
  const clientId = options.clientId ?? "ABsimClientId0001";
  const clientSecret = options.clientSecret ?? "simClientSecret0001";
  const accessTtl = options.accessTokenTtlSeconds ?? 3600;
  const limits = options.throttle === false ? undefined : { requestsPerMinute: 500, maxConcurrent: 10, ...options.throttle };
  const logLimit = options.requestLogLimit ?? 10_000;

  const store = new QuickBooksStore(realmId, companyProfiles[options.company ?? "GB"]);
  const accessTokens = new Map<string, number>(); // token → expiry (ms)
  const refreshTokens = new Set<string>([token()]);
  const requests: LoggedRequest[] = [];
  const injected: Injected[] = [];
  const window = { start: now(), count: 0 };
  let inFlight = 0;

  function log(req: IncomingMessage, url: URL): void {
    if (requests.length >= logLimit) requests.splice(0, Math.ceil(logLimit / 2));
    requests.push({ method: req.method ?? "GET", path: url.pathname, query: Object.fromEntries(url.searchParams) });
  }

  function issueTokens(): Record<string, unknown> {
    const access = token();
    const refresh = token();
    accessTokens.set(access, now() + accessTtl * 1000);
    refreshTokens.add(refresh);
    return {
      token_type: "bearer",
      access_token: access,
      expires_in: accessTtl,
      refresh_token: refresh,
      x_refresh_token_expires_in: REFRESH_TOKEN_TTL_SECONDS,
    };
  }

  /** POST /oauth2/v1/tokens/bearer, grant_type=refresh_token, client credentials in Basic auth. */
  async function handleToken(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = new URLSearchParams(await readBody(req));
    const basic = Buffer.from(`${clientId}:${clientSecret}`).toString("base64");
    if (req.headers.authorization !== `Basic ${basic}`) return send(res, 401, { error: "invalid_client" });
    if (form.get("grant_type") !== "refresh_token") return send(res, 400, { error: "unsupported_grant_type" });
    const presented = form.get("refresh_token") ?? "";
    if (!refreshTokens.has(presented)) return send(res, 400, { error: "invalid_grant" });
    refreshTokens.delete(presented); // rotated: the old refresh token is spent
    send(res, 200, issueTokens());
  }

  function authenticate(req: IncomingMessage): Fault | undefined {
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    const expiry = bearer ? accessTokens.get(bearer) : undefined;
    if (expiry !== undefined && expiry > now()) return undefined;
    const why = expiry === undefined ? "Token invalid" : "Token expired";
    return new Fault(401, "3200", "message=AuthenticationFailed; errorCode=003200; statusCode=401", `${why}: ${bearer?.slice(0, 8) ?? "none"}…`, "AUTHENTICATION");
  }

  /** Seconds until the throttle would let this request through, or 0. Counts the request when it passes. */
  function throttled(): number {
    if (!limits) return 0;
    if (now() - window.start >= 60_000) Object.assign(window, { start: now(), count: 0 });
    if (inFlight > limits.maxConcurrent) return 1;
    if (window.count >= limits.requestsPerMinute) return Math.max(1, Math.ceil((window.start + 60_000 - now()) / 1000));
    window.count++;
    return 0;
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const failure = injected.shift();
    if (failure) return sendFault(res, injectedFault(failure.status), failure.headers);
    const authFault = authenticate(req);
    if (authFault) return sendFault(res, authFault);
    const wait = throttled();
    if (wait) {
      return sendFault(res, new Fault(429, "3001", "message=ThrottleExceeded; errorCode=003001; statusCode=429", "The request limit was reached.", "SERVICE"), {
        "Retry-After": String(wait),
      });
    }
    const [realm, ...rest] = url.pathname.replace(/^\/v3\/company\//, "").split("/");
    if (realm !== realmId) {
      return sendFault(res, new Fault(403, "3100", "message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403", `Not authorized for realm ${realm}`, "AUTHORIZATION"));
    }
    const body = req.method === "POST" ? parseJson(await readBody(req)) : undefined;
    if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
    send(res, 200, { ...route(req.method ?? "GET", rest, url.searchParams, body), time: new Date().toISOString() });
  }

  function route(method: string, parts: string[], query: URLSearchParams, body: unknown): Record<string, unknown> {
    const [resource, id] = parts.map((p) => p.toLowerCase());
    if (method === "GET" && resource === "companyinfo") return { CompanyInfo: store.companyInfo };
    if (method === "GET" && resource === "preferences") return { Preferences: store.preferences };
    if (method === "GET" && resource === "query") return { QueryResponse: store.query(query.get("query") ?? "") };
    const entity = ENTITY_PATHS[resource];
    if (!entity) throw new Fault(404, "0", "Resource not found", `No resource at /${parts.join("/")}`, "SystemFault");
    if (method === "GET" && id) return { [entity]: store.get(entity, parts[1]) };
    if (method !== "POST" || !body || typeof body !== "object") {
      throw new Fault(400, "2010", "Request has invalid or unsupported property", "Send the entity as a JSON object");
    }
    const operation = query.get("operation");
    if (operation === "update") return { [entity]: store.update(entity, body as Record<string, unknown>) };
    if (operation) throw new Fault(400, "2010", "Request has invalid or unsupported property", `Operation ${operation} is not simulated`);
    return { [entity]: store.create(entity, body as Record<string, unknown>) };
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    log(req, url);
    const isApi = url.pathname.startsWith("/v3/company/");
    if (isApi) inFlight++;
    res.on("close", () => {
      if (isApi) inFlight--;
    });
    const handled = url.pathname === TOKEN_PATH && req.method === "POST" ? handleToken(req, res) : isApi ? handleApi(req, res, url) : Promise.resolve(send(res, 404, { error: "not_found" }));
    handled.catch((e) => sendFault(res, e instanceof Fault ? e : new Fault(500, "10000", "An application error has occurred while processing your request", String(e), "SystemFault")));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    tokenUrl: `${url}${TOKEN_PATH}`,
    realmId,
    clientId,
    clientSecret,
    /** A valid refresh token at start (spent once the connector refreshes; see currentRefreshTokens). */
    refreshToken: [...refreshTokens][0],
    store,
    requests,
    /** The next `times` API requests answer `status` (with a matching Fault body) and `headers`. */
    failNext(status: number, times = 1, headers: Record<string, string> = {}): void {
      for (let i = 0; i < times; i++) injected.push({ status, headers });
    },
    /** A new authorization of the app (as after the OAuth consent): another valid refresh token. */
    authorize(): string {
      const refresh = token();
      refreshTokens.add(refresh);
      return refresh;
    },
    /** Refresh tokens that would be accepted now. */
    currentRefreshTokens: (): string[] => [...refreshTokens],
    /** Every access token issued so far answers 401 "Token expired" from now on. */
    expireAccessTokens(): void {
      for (const t of accessTokens.keys()) accessTokens.set(t, 0);
    },
    /** The company disconnected the app: every refresh token is refused (invalid_grant). */
    revokeRefreshTokens(): void {
      refreshTokens.clear();
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())).finally(() => server.closeAllConnections()),
  };
}

export type QuickBooksSimulator = Awaited<ReturnType<typeof startQuickBooksSimulator>>;

function injectedFault(status: number): Fault {
  if (status === 401) return new Fault(401, "3200", "message=AuthenticationFailed; errorCode=003200; statusCode=401", "Token revoked", "AUTHENTICATION");
  if (status === 429) return new Fault(429, "3001", "message=ThrottleExceeded; errorCode=003001; statusCode=429", "The request limit was reached.", "SERVICE");
  if (status >= 500) return new Fault(status, "10000", "An application error has occurred while processing your request", "System Failure Error: injected", "SystemFault");
  return new Fault(status, "6000", "A business validation error has occurred while processing your request", "Business Validation Error: injected", "ValidationFault");
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Fault(400, "2010", "Request has invalid or unsupported property", "The request body is not JSON");
  }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  res.writeHead(status, { "Content-Type": "application/json;charset=UTF-8", intuit_tid: token().slice(0, 32), ...headers });
  res.end(JSON.stringify(body));
}

/** Authentication faults come in QBO's lower-case envelope; all others in the documented "Fault" one. */
function sendFault(res: ServerResponse, fault: Fault, headers: Record<string, string> = {}): void {
  const time = new Date().toISOString();
  if (fault.type === "AUTHENTICATION") {
    return send(res, fault.status, { fault: { error: [{ message: fault.message, detail: fault.detail, code: fault.code }], type: fault.type }, time }, headers);
  }
  const error = { Message: fault.message, Detail: fault.detail, code: fault.code, ...(fault.element ? { element: fault.element } : {}) };
  send(res, fault.status, { Fault: { Error: [error], type: fault.type }, time }, headers);
}
