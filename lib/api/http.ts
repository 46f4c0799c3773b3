import { clientIp } from "@/lib/auth/request";
import { AppError, isAppError, RateLimitedError } from "@/lib/errors";
import { problemResponse } from "./problem";
import { apiLimiter, authFailureLimiter, rateLimitHeaders } from "./rate-limit";

/** What the envelope adds to every response: the request id and the rate-limit headers. */
export type Envelope = { requestId: string; headers: Record<string, string> };

/**
 * The envelope both public APIs share: a request id on every response, rate-limit headers once the
 * caller is known, and any throw mapped to problem+json.
 */
export function apiHandler<P extends Record<string, string>>(run: (req: Request, params: P, env: Envelope) => Promise<Response>) {
  return async (req: Request, context: { params: Promise<P> }): Promise<Response> => {
    const env: Envelope = { requestId: crypto.randomUUID(), headers: {} };
    let res: Response;
    try {
      res = await run(req, await context.params, env);
    } catch (e) {
      res = problemResponse(e, env.requestId);
    }
    res.headers.set("x-request-id", env.requestId);
    for (const [k, v] of Object.entries(env.headers)) res.headers.set(k, v);
    return res;
  };
}

/** Runs an authentication; failures count per client IP, and an IP over its allowance gets 429 before any hash is computed. */
export async function authenticateLimited<T>(req: Request, authenticate: () => Promise<T>): Promise<T> {
  const ip = clientIp(req.headers) ?? "unknown";
  const gate = authFailureLimiter.peek(ip);
  if (!gate.ok) throw new RateLimitedError("Too many failed authentications from this address.", gate.resetSeconds);
  try {
    return await authenticate();
  } catch (e) {
    if (isAppError(e) && e.status === 401) authFailureLimiter.take(ip);
    throw e;
  }
}

/** The per-credential allowance; sets the RateLimit-* headers and refuses with 429 + Retry-After when spent. */
export function applyRateLimit(env: Envelope, principal: string): void {
  const decision = apiLimiter.take(principal);
  env.headers = { ...env.headers, ...rateLimitHeaders(decision) };
  if (!decision.ok) throw new RateLimitedError(`Rate limit exceeded: ${apiLimiter.perSecond} requests per second per credential.`, decision.resetSeconds);
}

/** The request body as JSON, or a 400/413 that says what is wrong with it. */
/** The body as text, refused above maxBytes (413). */
export async function readText(req: Request, maxBytes = 20 * 1024 * 1024): Promise<string> {
  const tooLarge = () => new AppError(413, "payload_too_large", "Payload Too Large", `The body is larger than ${Math.round(maxBytes / 1024 / 1024)} MB.`);
  if (Number(req.headers.get("content-length") ?? 0) > maxBytes) throw tooLarge();
  const text = await req.text();
  if (Buffer.byteLength(text) > maxBytes) throw tooLarge();
  return text;
}

export async function readJson(req: Request, maxBytes = 20 * 1024 * 1024): Promise<unknown> {
  const text = await readText(req, maxBytes);
  if (!text.trim()) throw new AppError(400, "bad_request", "Bad Request", "Send a JSON body.");
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError(400, "malformed_json", "Bad Request", "The body is not valid JSON.");
  }
}

export function json(body: unknown, init?: ResponseInit): Response {
  return Response.json(body, init);
}

/** A page of a delta list as JSON, with `Link: <…>; rel="next"` (same path, the cursor, the caller's limit) when there is more. */
export function pagedJson(req: Request, items: unknown[] | { json: string }, nextCursor: string | null): Response {
  const headers = new Headers({ "content-type": "application/json" });
  if (nextCursor) {
    const url = new URL(req.url);
    const next = new URLSearchParams({ cursor: nextCursor });
    const limit = url.searchParams.get("limit");
    if (limit) next.set("limit", limit);
    headers.set("link", `<${url.pathname}?${next}>; rel="next"`);
  }
  // A page PostgreSQL already serialised goes out as it is.
  return new Response(Array.isArray(items) ? JSON.stringify(items) : items.json, { headers });
}
