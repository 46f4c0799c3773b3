import { withTenantTx } from "@/db/tenant-tx";
import { recordAudit } from "@/lib/audit";
import { resetTenantUserPasswordSchema } from "@/lib/schemas/tenants";
import { parseInput } from "@/lib/validation";
import { setUserPassword } from "../users/internal";
import type { TenantUserAdmin } from "./access";
import { assertCanManage, getMember } from "./internal";

/** Sets a new password chosen by the partner or tenant admin; the user's open sessions end. */
export async function resetTenantUserPassword({ admin, input }: { admin: TenantUserAdmin; input: unknown }) {
  const { userId, password } = parseInput(resetTenantUserPasswordSchema, input);
  return withTenantTx(admin.db, admin.tenant.id, async (tx) => {
    const member = await getMember(tx, admin.tenant.id, userId);
    assertCanManage(admin, member);
    await setUserPassword(tx, userId, password);
    await recordAudit(tx, admin.actor, { action: "tenant_user.reset_password", target: { type: "user", id: userId, label: member.email }, tenantId: admin.tenant.id });
    return { id: userId };
  });
}
