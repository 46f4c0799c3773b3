import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { tenants } from "@/db/schema";
import type { ResellerCtx } from "@/lib/auth/guard";
import { NotFoundError } from "@/lib/errors";

/** A tenant of the calling reseller, or 404: partners never reach another reseller's tenants. */
export async function getTenantInReseller(db: DbOrTx, ctx: ResellerCtx, tenantId: string) {
  const [row] = await db.select().from(tenants).where(and(eq(tenants.id, tenantId), eq(tenants.resellerId, ctx.reseller.id)));
  if (!row) throw new NotFoundError("Tenant");
  return row;
}

export async function getTenantByCodeInReseller(db: DbOrTx, ctx: ResellerCtx, codeName: string) {
  const [row] = await db.select().from(tenants).where(and(eq(tenants.codeName, codeName.toLowerCase()), eq(tenants.resellerId, ctx.reseller.id)));
  if (!row) throw new NotFoundError("Tenant");
  return row;
}
