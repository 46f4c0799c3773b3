import { and, eq, lt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { idempotencyKeys } from "@/db/schema";
import { withTenantTx } from "@/db/tenant-tx";
import { sha256 } from "@/lib/auth/passwords";
import { ConflictError, ValidationError } from "@/lib/errors";

const TTL_MS = 24 * 60 * 60 * 1000;
const KEPT_HEADERS = ["content-type", "location", "link"];

export type Claim = { kind: "new" } | { kind: "replay"; response: Response };

/**
 * Whose keys: a tenant (Tenant API) or a reseller (Reseller API). Both live in idempotency_keys under
 * its row-level isolation; a reseller's rows carry "reseller:<id>" in the tenant_id column.
 */
export type IdempotencyScope = { tenantId: string } | { resellerId: string };
const scopeId = (scope: IdempotencyScope) => ("tenantId" in scope ? scope.tenantId : `reseller:${scope.resellerId}`);

/**
 * Runs a POST under its Idempotency-Key, if it sent one: the first response is stored and replayed
 * for the same key and body. Used by both APIs' route wrappers.
 */
export async function withIdempotency(db: Db, scope: IdempotencyScope, principal: string, req: Request, run: (req: Request) => Promise<Response>): Promise<Response> {
  const key = req.method === "POST" ? req.headers.get("idempotency-key") : null;
  if (key === null) return run(req);
  const id = scopeId(scope);
  const body = await req.text();
  const claim = await claimIdempotencyKey(db, id, principal, key, `${req.method} ${new URL(req.url).pathname}\n${body}`);
  if (claim.kind === "replay") return claim.response;
  const res = await run(new Request(req.url, { method: req.method, headers: req.headers, body }));
  return completeIdempotencyKey(db, id, principal, key, res);
}

/**
 * Claims an Idempotency-Key for a POST. Same key + same body → the first response is replayed; same
 * key + another body → 422; same key while the first request still runs → 409. Keys live 24 h.
 */
async function claimIdempotencyKey(db: Db, tenantId: string, principal: string, key: string, fingerprint: string): Promise<Claim> {
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) throw new ValidationError("The Idempotency-Key must be 1–255 visible ASCII characters.", { "Idempotency-Key": ["Invalid key."] });
  const requestHash = sha256(fingerprint);
  return withTenantTx(db, tenantId, async (tx) => {
    const where = and(eq(idempotencyKeys.tenantId, tenantId), eq(idempotencyKeys.principal, principal), eq(idempotencyKeys.key, key));
    await tx.delete(idempotencyKeys).where(and(where, lt(idempotencyKeys.createdAt, new Date(Date.now() - TTL_MS))));
    const inserted = await tx.insert(idempotencyKeys).values({ tenantId, principal, key, requestHash, status: 0 }).onConflictDoNothing().returning({ key: idempotencyKeys.key });
    if (inserted.length) return { kind: "new" } as const;
    const [row] = await tx.select().from(idempotencyKeys).where(where);
    if (!row) return { kind: "new" } as const;
    if (row.requestHash !== requestHash) throw new ValidationError("This Idempotency-Key was already used with a different request body.", { "Idempotency-Key": ["Reused with another body."] });
    if (row.status === 0) throw new ConflictError("A request with this Idempotency-Key is still being processed; retry shortly.");
    const headers = new Headers((row.responseHeaders as Record<string, string>) ?? {});
    headers.set("idempotent-replayed", "true");
    return { kind: "replay", response: new Response(row.responseBody, { status: row.status, headers }) } as const;
  });
}

/** Stores the outcome; a 5xx releases the key so the client may retry the same request. */
async function completeIdempotencyKey(db: Db, tenantId: string, principal: string, key: string, response: Response): Promise<Response> {
  const where = and(eq(idempotencyKeys.tenantId, tenantId), eq(idempotencyKeys.principal, principal), eq(idempotencyKeys.key, key));
  if (response.status >= 500) {
    await withTenantTx(db, tenantId, (tx) => tx.delete(idempotencyKeys).where(where));
    return response;
  }
  const body = await response.clone().text();
  const headers = Object.fromEntries(KEPT_HEADERS.flatMap((h) => (response.headers.get(h) ? [[h, response.headers.get(h)!]] : [])));
  await withTenantTx(db, tenantId, (tx) => tx.update(idempotencyKeys).set({ status: response.status, responseBody: body, responseHeaders: headers }).where(where));
  return response;
}

