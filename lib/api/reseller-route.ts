import { getDb } from "@/db/client";
import { requireResellerPermission } from "@/lib/auth/guard";
import type { ResellerPermission } from "@/lib/auth/permissions";
import { AppError, type FieldErrors } from "@/lib/errors";
import { getTenantByCodeInReseller } from "@/lib/services/tenants/internal";
import { apiHandler, applyRateLimit, authenticateLimited, readJson as readJsonBody } from "./http";
import { withIdempotency } from "./idempotency";
import { problemResponse } from "./problem";
import { authenticateResellerApi, type ResellerApiCtx } from "./reseller-auth";

/**
 * The one wrapper every Reseller API route handler goes through: authenticate the credential and
 * X-Reseller, apply the per-credential rate limit, check the route's permission before anything else
 * is looked at (so a 403 says nothing about which tenants exist), honour Idempotency-Key on POST,
 * then run the handler.
 */
export function resellerRoute<P extends Record<string, string>>(
  opts: { permission: ResellerPermission },
  handler: (ctx: ResellerApiCtx, req: Request, params: P) => Promise<Response>,
) {
  return apiHandler<P>(async (req, params, env) => {
    const db = await getDb();
    const ctx = await authenticateLimited(req, () => authenticateResellerApi(db, req.headers));
    applyRateLimit(env, `reseller:${ctx.credential.id}`);
    requireResellerPermission(ctx, opts.permission);
    return withIdempotency(db, { resellerId: ctx.reseller.id }, ctx.credential.id, req, (r) => handler(ctx, r, params).catch((e) => problemResponse(e, env.requestId)));
  });
}

/** A tenant of the calling reseller by code name, or the same 404 whether missing or someone else's. */
export function tenantOfReseller(ctx: ResellerApiCtx, codeName: string) {
  return getTenantByCodeInReseller(ctx.db, ctx, codeName);
}

/** Reseller API bodies are small: at most 1 MB. */
export function readJson(req: Request): Promise<unknown> {
  return readJsonBody(req, 1024 * 1024);
}

/**
 * Services name fields after their own inputs (templateId, email, apiAccess); the API names them after
 * its request body (template, login, api). Renames errors[].path accordingly.
 */
export async function withApiFieldNames<T>(names: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof AppError && e.fieldErrors) {
      const renamed: FieldErrors = {};
      for (const [path, messages] of Object.entries(e.fieldErrors)) (renamed[names[path] ?? path] ??= []).push(...messages);
      throw new AppError(e.status, e.code, e.title, e.message, renamed);
    }
    throw e;
  }
}

/** Where links to this app point: AUTH_URL when configured (the public address), else the request's own origin. */
export function appOrigin(req: Request): string {
  const configured = process.env.AUTH_URL;
  if (configured) {
    try {
      return new URL(configured).origin;
    } catch {}
  }
  return new URL(req.url).origin;
}

export { json } from "./http";
