import { and, asc, eq, sql } from "drizzle-orm";
import { tenants, tenantTemplates } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { requireResellerPermission, type ResellerCtx } from "@/lib/auth/guard";
import { ConflictError, NotFoundError, uniqueViolation } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { templateSchema } from "@/lib/schemas/tenants";
import { parseInput } from "@/lib/validation";
import type { Tx } from "@/db/client";

/** Tenant templates: a reseller's presets for languages and options when creating tenants. */
export async function listTemplates({ ctx }: { ctx: ResellerCtx }) {
  requireResellerPermission(ctx, "templates.view");
  return ctx.db
    .select({
      id: tenantTemplates.id,
      name: tenantTemplates.name,
      description: tenantTemplates.description,
      defaultLanguage: tenantTemplates.defaultLanguage,
      languages: tenantTemplates.languages,
      options: tenantTemplates.options,
      updatedAt: tenantTemplates.updatedAt,
      tenantCount: sql<number>`(select count(*)::int from ${tenants} where ${tenants.templateId} = ${tenantTemplates.id})`,
    })
    .from(tenantTemplates)
    .where(eq(tenantTemplates.resellerId, ctx.reseller.id))
    .orderBy(asc(tenantTemplates.name));
}

async function getTemplateIn(tx: Tx | ResellerCtx["db"], ctx: ResellerCtx, id: string) {
  const [row] = await tx.select().from(tenantTemplates).where(and(eq(tenantTemplates.id, id), eq(tenantTemplates.resellerId, ctx.reseller.id)));
  if (!row) throw new NotFoundError("Template");
  return row;
}

export async function getTemplate({ ctx, id }: { ctx: ResellerCtx; id: string }) {
  requireResellerPermission(ctx, "templates.view");
  return getTemplateIn(ctx.db, ctx, id);
}

function nameTaken(e: unknown, name: string): never {
  if (uniqueViolation(e) !== undefined) throw new ConflictError(`A template named "${name}" already exists.`, { name: ["Already used by another template."] });
  throw e;
}

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
