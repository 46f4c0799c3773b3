import { and, eq } from "drizzle-orm";
import { withTenantTx } from "@/db/tenant-tx";
import { tenantUsers } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { updateTenantUserRoleSchema } from "@/lib/schemas/tenants";
import { parseInput } from "@/lib/validation";
import type { TenantUserAdmin } from "./access";
import { assertCanManage, assertGrantableRole, assertOtherActiveOwner, getMember } from "./internal";

export async function updateTenantUserRole({ admin, input }: { admin: TenantUserAdmin; input: unknown }) {
  const { userId, role } = parseInput(updateTenantUserRoleSchema, input);
  assertGrantableRole(admin, role);
  return withTenantTx(admin.db, admin.tenant.id, async (tx) => {
    const before = await getMember(tx, admin.tenant.id, userId);
    assertCanManage(admin, before);
    if (before.role === "owner" && role !== "owner") await assertOtherActiveOwner(tx, admin.tenant.id, userId);
    await tx.update(tenantUsers).set({ role, updatedAt: new Date() }).where(and(eq(tenantUsers.tenantId, admin.tenant.id), eq(tenantUsers.userId, userId)));
    const after = await getMember(tx, admin.tenant.id, userId);
    await recordAudit(tx, admin.actor, { action: "tenant_user.update_role", target: { type: "user", id: userId, label: before.email }, before, after, tenantId: admin.tenant.id });
    return after;
  });
}
