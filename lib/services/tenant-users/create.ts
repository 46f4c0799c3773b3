import { withTenantTx } from "@/db/tenant-tx";
import { tenantUsers } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { createTenantUserSchema } from "@/lib/schemas/tenants";
import { parseInput } from "@/lib/validation";
import { insertUser } from "../users/internal";
import type { TenantUserAdmin } from "./access";
import { assertGrantableRole, getMember } from "./internal";

export async function createTenantUser({ admin, input }: { admin: TenantUserAdmin; input: unknown }) {
  const data = parseInput(createTenantUserSchema, input);
  assertGrantableRole(admin, data.role);
  return withTenantTx(admin.db, admin.tenant.id, async (tx) => {
    const user = await insertUser(tx, { email: data.email, name: data.name, password: data.password, kind: "tenant" });
    await tx.insert(tenantUsers).values({ tenantId: admin.tenant.id, userId: user.id, role: data.role, apiAccess: data.apiAccess });
    const after = await getMember(tx, admin.tenant.id, user.id);
    await recordAudit(tx, admin.actor, { action: "tenant_user.create", target: { type: "user", id: user.id, label: user.email }, after, tenantId: admin.tenant.id });
    return after;
  });
}
