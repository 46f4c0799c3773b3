import { isAppError } from "@/lib/errors";

/**
 * HTTP transport mapper: every error leaves a route handler as RFC 9457 problem+json with `code`,
 * `requestId` and, for validation, `errors[]` of `{ path, message }`.
 */
export function problemResponse(e: unknown, requestId: string = crypto.randomUUID()): Response {
  const headers = new Headers({ "content-type": "application/problem+json", "x-request-id": requestId });
  if (isAppError(e)) {
    const body: Record<string, unknown> = { type: `https://crossdock.dev/problems/${e.code}`, title: e.title, status: e.status, detail: e.message, code: e.code, requestId };
    if (e.fieldErrors) body.errors = Object.entries(e.fieldErrors).flatMap(([path, messages]) => messages.map((message) => ({ path, message })));
    if (e.status === 401) headers.set("www-authenticate", 'Basic realm="Crossdock", charset="UTF-8"');
    if (e.status === 429 && "retryAfterSeconds" in e) headers.set("retry-after", String(e.retryAfterSeconds));
    return new Response(JSON.stringify(body), { status: e.status, headers });
  }
  console.error(`request failed [${requestId}]`, e);
  return new Response(
    JSON.stringify({ type: "about:blank", title: "Internal Server Error", status: 500, detail: "An unexpected error occurred. Nothing was changed by the failed part.", code: "internal", requestId }),
    { status: 500, headers },
  );
}
