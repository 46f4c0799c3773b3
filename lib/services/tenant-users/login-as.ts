import { eq } from "drizzle-orm";
import { z } from "zod";
import { resellers, tenants } from "@/db/schema";
import { withTenantTx } from "@/db/tenant-tx";
import { recordAudit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { requireResellerPermission, type ResellerCtx } from "@/lib/auth/guard";
import { ValidationError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { issueLoginToken } from "../auth/login-tokens";
import { getTenantInReseller } from "../tenants/internal";
import { getMember } from "./internal";

/**
 * A partner starts a "log in as" session for one tenant user: audited in the tenant's log, and
 * redeemed once through the `token` sign-in provider within a minute.
 */
export async function startLoginAs({ ctx, input }: { ctx: ResellerCtx; input: unknown }) {
  requireResellerPermission(ctx, "tenants.login_as");
  const { tenantId, userId } = parseInput(z.object({ tenantId: z.string().min(1), userId: z.string().min(1) }), input);
  const tenant = await getTenantInReseller(ctx.db, ctx, tenantId);
  return withTenantTx(ctx.db, tenant.id, async (tx) => {
    const member = await getMember(tx, tenant.id, userId);
    if (!member.memberActive || !member.active) throw new ValidationError("This user is deactivated. Reactivate them first.");
    const token = await issueLoginToken(tx, { purpose: "impersonate", userId, impersonatorUserId: ctx.actor.userId, tenantId: tenant.id });
    await recordAudit(tx, ctx.actor, { action: "tenant_user.login_as", target: { type: "user", id: userId, label: member.email }, tenantId: tenant.id });
    return { token, tenantCode: tenant.codeName };
  });
}

/** Ends a "log in as" session: audited, and a token that signs the partner back in. */
export async function endLoginAs({ db, actor }: { db: ResellerCtx["db"]; actor: Actor }) {
  if (!actor.impersonator) throw new ValidationError("You are not logged in as someone else.");
  const { tenantId, userId } = actor.impersonator;
  const [where] = await db
    .select({ tenantCode: tenants.codeName, resellerCode: resellers.codeName })
    .from(tenants)
    .innerJoin(resellers, eq(resellers.id, tenants.resellerId))
    .where(eq(tenants.id, tenantId));
  const token = await withTenantTx(db, tenantId, async (tx) => {
    await recordAudit(tx, actor, { action: "tenant_user.login_as_end", target: { type: "user", id: actor.userId, label: actor.email }, tenantId });
    return issueLoginToken(tx, { purpose: "return", userId });
  });
  return { token, returnTo: where ? `/partner/${where.resellerCode}/tenants/${where.tenantCode}` : "/" };
}
