import { eq } from "drizzle-orm";
import { tenantTemplates } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { requireResellerPermission, type ResellerCtx } from "@/lib/auth/guard";
import { templateSchema } from "@/lib/schemas/tenants";
import { parseInput } from "@/lib/validation";
import { getTemplateIn, nameTaken } from "./internal";

export async function updateTemplate({ ctx, id, input }: { ctx: ResellerCtx; id: string; input: unknown }) {
  requireResellerPermission(ctx, "templates.edit");
  const data = parseInput(templateSchema, input);
  return ctx.db
    .transaction(async (tx) => {
      const before = await getTemplateIn(tx, ctx, id);
      const [after] = await tx.update(tenantTemplates).set({ ...data, updatedAt: new Date() }).where(eq(tenantTemplates.id, id)).returning();
      await recordAudit(tx, ctx.actor, { action: "template.update", target: { type: "template", id, label: after.name }, before, after, resellerId: ctx.reseller.id });
      return after;
    })
    .catch((e) => nameTaken(e, data.name));
}
