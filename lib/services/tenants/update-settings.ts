import { eq } from "drizzle-orm";
import { tenants } from "@/db/schema";
import { withTenantTx } from "@/db/tenant-tx";
import { recordAudit } from "@/lib/audit";
import { requireTenantPermission, type TenantCtx } from "@/lib/auth/guard";
import { tenantSettingsSchema } from "@/lib/schemas/tenants";
import { parseInput } from "@/lib/validation";

/** Tenant-side settings: languages and default language. */
export async function updateTenantSettings({ ctx, input }: { ctx: TenantCtx; input: unknown }) {
  requireTenantPermission(ctx, "settings.edit");
  const data = parseInput(tenantSettingsSchema, input);
  return withTenantTx(ctx.db, ctx.tenant.id, async (tx) => {
    const [before] = await tx.select({ defaultLanguage: tenants.defaultLanguage, languages: tenants.languages }).from(tenants).where(eq(tenants.id, ctx.tenant.id));
    const [after] = await tx
      .update(tenants)
      .set({ ...data, updatedAt: new Date() })
      .where(eq(tenants.id, ctx.tenant.id))
      .returning({ defaultLanguage: tenants.defaultLanguage, languages: tenants.languages });
    await recordAudit(tx, ctx.actor, { action: "tenant.update_settings", target: { type: "tenant", id: ctx.tenant.id, label: ctx.tenant.codeName }, before, after, tenantId: ctx.tenant.id });
    return after;
  });
}
