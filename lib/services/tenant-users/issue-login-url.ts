import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { tenantUsers, users } from "@/db/schema";
import { withTenantTx } from "@/db/tenant-tx";
import { recordAudit } from "@/lib/audit";
import { requireResellerPermission, type ResellerCtx } from "@/lib/auth/guard";
import { ValidationError } from "@/lib/errors";
import { emailSchema } from "@/lib/schemas/common";
import { parseInput } from "@/lib/validation";
import { issueLoginToken } from "../auth/login-tokens";
import { getTenantInReseller } from "../tenants/internal";
import { tenantUserColumns } from "./internal";

/** How long a Reseller API login URL stays valid. */
export const LOGIN_URL_TTL_MS = 5 * 60_000;

/**
 * A single-use sign-in token for one tenant user, handed out by the partner (Reseller API login URL).
 * Unlike "log in as", the session is the user's own, not an impersonation. Audited in the tenant log.
 */
export async function issueLoginUrlToken({ ctx, input }: { ctx: ResellerCtx; input: unknown }) {
  requireResellerPermission(ctx, "tenants.login_as");
  const { tenantId, login } = parseInput(z.object({ tenantId: z.string().min(1), login: emailSchema }), input);
  const tenant = await getTenantInReseller(ctx.db, ctx, tenantId);
  return withTenantTx(ctx.db, tenant.id, async (tx) => {
    const [member] = await tx
      .select(tenantUserColumns)
      .from(tenantUsers)
      .innerJoin(users, eq(users.id, tenantUsers.userId))
      .where(and(eq(tenantUsers.tenantId, tenant.id), sql`lower(${users.email}) = ${login}`));
    if (!member) throw new ValidationError("No user with this login belongs to the tenant.", { login: ["Not a user of this tenant."] });
    if (!member.active || !member.memberActive) throw new ValidationError("This user is deactivated. Reactivate them first.", { login: ["This user is deactivated."] });
    // Reported expiry is taken before the token's own, so the link never dies earlier than promised.
    const expiresAt = new Date(Date.now() + LOGIN_URL_TTL_MS);
    const token = await issueLoginToken(tx, { purpose: "login_url", userId: member.id, tenantId: tenant.id, ttlMs: LOGIN_URL_TTL_MS });
    await recordAudit(tx, ctx.actor, { action: "tenant_user.login_url", target: { type: "user", id: member.id, label: member.email }, after: { expiresAt }, tenantId: tenant.id });
    return { token, expiresAt, tenantCode: tenant.codeName };
  });
}
