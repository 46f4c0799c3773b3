import { tenantTemplates } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { requireResellerPermission, type ResellerCtx } from "@/lib/auth/guard";
import { newId } from "@/lib/ids";
import { templateSchema } from "@/lib/schemas/tenants";
import { parseInput } from "@/lib/validation";
import { nameTaken } from "./internal";

export async function createTemplate({ ctx, input }: { ctx: ResellerCtx; input: unknown }) {
  requireResellerPermission(ctx, "templates.create");
  const data = parseInput(templateSchema, input);
  return ctx.db
    .transaction(async (tx) => {
      const [row] = await tx.insert(tenantTemplates).values({ id: newId("template"), resellerId: ctx.reseller.id, ...data }).returning();
      await recordAudit(tx, ctx.actor, { action: "template.create", target: { type: "template", id: row.id, label: row.name }, after: row, resellerId: ctx.reseller.id });
      return row;
    })
    .catch((e) => nameTaken(e, data.name));
}
