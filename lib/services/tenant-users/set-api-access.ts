import { and, eq } from "drizzle-orm";
import { withTenantTx } from "@/db/tenant-tx";
import { tenantUsers } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { setTenantUserApiAccessSchema } from "@/lib/schemas/tenants";
import { parseInput } from "@/lib/validation";
import type { TenantUserAdmin } from "./access";
import { assertCanManage, getMember } from "./internal";

/** Lets a user authenticate to the Tenant API with their login and password, or stops it. */
export async function setTenantUserApiAccess({ admin, input }: { admin: TenantUserAdmin; input: unknown }) {
  const { userId, apiAccess } = parseInput(setTenantUserApiAccessSchema, input);
  return withTenantTx(admin.db, admin.tenant.id, async (tx) => {
    const before = await getMember(tx, admin.tenant.id, userId);
    assertCanManage(admin, before);
    await tx.update(tenantUsers).set({ apiAccess, updatedAt: new Date() }).where(and(eq(tenantUsers.tenantId, admin.tenant.id), eq(tenantUsers.userId, userId)));
    const after = await getMember(tx, admin.tenant.id, userId);
    await recordAudit(tx, admin.actor, { action: apiAccess ? "tenant_user.grant_api" : "tenant_user.revoke_api", target: { type: "user", id: userId, label: before.email }, before, after, tenantId: admin.tenant.id });
    return after;
  });
}
