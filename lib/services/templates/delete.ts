import { eq } from "drizzle-orm";
import { tenants, tenantTemplates } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { requireResellerPermission, type ResellerCtx } from "@/lib/auth/guard";
import { getTemplateIn } from "./internal";

/** Tenants made from a template keep their settings; they just stop pointing at it. */
export async function deleteTemplate({ ctx, id }: { ctx: ResellerCtx; id: string }) {
  requireResellerPermission(ctx, "templates.delete");
  return ctx.db.transaction(async (tx) => {
    const before = await getTemplateIn(tx, ctx, id);
    await tx.update(tenants).set({ templateId: null }).where(eq(tenants.templateId, id));
    await tx.delete(tenantTemplates).where(eq(tenantTemplates.id, id));
    await recordAudit(tx, ctx.actor, { action: "template.delete", target: { type: "template", id, label: before.name }, before, resellerId: ctx.reseller.id });
  });
}
