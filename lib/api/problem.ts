import { isAppError } from "@/lib/errors";

/** HTTP transport mapper: every error leaves a route handler as RFC 9457 problem+json. */
export function problemResponse(e: unknown, instance?: string): Response {
  if (isAppError(e)) {
    const body: Record<string, unknown> = { type: `https://crossdock.dev/problems/${e.code}`, title: e.title, status: e.status, detail: e.message, code: e.code };
    if (instance) body.instance = instance;
    if (e.fieldErrors) body.errors = Object.entries(e.fieldErrors).map(([field, messages]) => ({ field, messages }));
    const headers = new Headers({ "content-type": "application/problem+json" });
    if (e.status === 429 && "retryAfterSeconds" in e) headers.set("retry-after", String(e.retryAfterSeconds));
    return new Response(JSON.stringify(body), { status: e.status, headers });
  }
  const requestId = crypto.randomUUID();
  console.error(`request failed [${requestId}]`, e);
  return new Response(
    JSON.stringify({ type: "about:blank", title: "Internal Server Error", status: 500, detail: "An unexpected error occurred.", requestId }),
    { status: 500, headers: { "content-type": "application/problem+json" } },
  );
}
