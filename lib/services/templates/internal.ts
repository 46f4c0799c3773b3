import { and, eq } from "drizzle-orm";
import { tenantTemplates } from "@/db/schema";
import type { ResellerCtx } from "@/lib/auth/guard";
import { ConflictError, NotFoundError, uniqueViolation } from "@/lib/errors";
import type { Tx } from "@/db/client";

/** A template of this reseller, or 404. */
export async function getTemplateIn(tx: Tx | ResellerCtx["db"], ctx: ResellerCtx, id: string) {
  const [row] = await tx.select().from(tenantTemplates).where(and(eq(tenantTemplates.id, id), eq(tenantTemplates.resellerId, ctx.reseller.id)));
  if (!row) throw new NotFoundError("Template");
  return row;
}

/** Maps the unique-name index violation to a Conflict on the name field. */
export function nameTaken(e: unknown, name: string): never {
  if (uniqueViolation(e) !== undefined) throw new ConflictError(`A template named "${name}" already exists.`, { name: ["Already used by another template."] });
  throw e;
}
