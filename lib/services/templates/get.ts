import { requireResellerPermission, type ResellerCtx } from "@/lib/auth/guard";
import { getTemplateIn } from "./internal";

export async function getTemplate({ ctx, id }: { ctx: ResellerCtx; id: string }) {
  requireResellerPermission(ctx, "templates.view");
  return getTemplateIn(ctx.db, ctx, id);
}
