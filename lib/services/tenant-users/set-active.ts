import { and, eq } from "drizzle-orm";
import { withTenantTx } from "@/db/tenant-tx";
import { tenantUsers } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { setTenantUserActiveSchema } from "@/lib/schemas/tenants";
import { parseInput } from "@/lib/validation";
import type { TenantUserAdmin } from "./access";
import { assertCanManage, assertOtherActiveOwner, getMember } from "./internal";

/** Deactivates the membership: the user can no longer open this tenant; their history stays. */
export async function setTenantUserActive({ admin, input }: { admin: TenantUserAdmin; input: unknown }) {
  const { userId, active } = parseInput(setTenantUserActiveSchema, input);
  return withTenantTx(admin.db, admin.tenant.id, async (tx) => {
    const before = await getMember(tx, admin.tenant.id, userId);
    assertCanManage(admin, before);
    if (!active && before.role === "owner") await assertOtherActiveOwner(tx, admin.tenant.id, userId);
    await tx.update(tenantUsers).set({ active, updatedAt: new Date() }).where(and(eq(tenantUsers.tenantId, admin.tenant.id), eq(tenantUsers.userId, userId)));
    const after = await getMember(tx, admin.tenant.id, userId);
    await recordAudit(tx, admin.actor, { action: active ? "tenant_user.reactivate" : "tenant_user.deactivate", target: { type: "user", id: userId, label: before.email }, before, after, tenantId: admin.tenant.id });
    return after;
  });
}
