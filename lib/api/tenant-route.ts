import { getDb } from "@/db/client";
import { tenantRoleCan } from "@/lib/auth/permissions";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { isRecordType, type RecordType } from "@/lib/records";
import { apiHandler, applyRateLimit, authenticateLimited } from "./http";
import { withIdempotency } from "./idempotency";
import { problemResponse } from "./problem";
import { authenticateTenantApi, type TenantApiCtx } from "./tenant-auth";

export { json, readJson } from "./http";

/**
 * The one wrapper every Tenant API route handler goes through: authenticate, apply the
 * per-credential rate limit, check the role for writes, honour Idempotency-Key on POST, run the handler.
 */
export function tenantRoute<P extends Record<string, string>>(opts: { write?: boolean }, handler: (ctx: TenantApiCtx, req: Request, params: P) => Promise<Response>) {
  return apiHandler<P>(async (req, params, env) => {
    const db = await getDb();
    const ctx = await authenticateLimited(req, () => authenticateTenantApi(db, req.headers));
    const principal = `${ctx.actor.userId}:${ctx.connection.id}`;
    applyRateLimit(env, principal);
    if (opts.write && !tenantRoleCan(ctx.role, "tenant.write")) throw new ForbiddenError("This API user is read-only.");
    return withIdempotency(db, { tenantId: ctx.tenant.id }, principal, req, (r) => handler(ctx, r, params).catch((e) => problemResponse(e, env.requestId)));
  });
}

export function recordTypeParam(value: string): RecordType {
  if (!isRecordType(value)) throw new NotFoundError("Resource");
  return value;
}
