import { resellers } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import type { AdminCtx } from "@/lib/auth/guard";
import { ConflictError, uniqueViolation } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { createResellerSchema } from "@/lib/schemas/resellers";
import { parseInput } from "@/lib/validation";

export async function createReseller({ ctx, input }: { ctx: AdminCtx; input: unknown }) {
  const data = parseInput(createResellerSchema, input);
  try {
    return await ctx.db.transaction(async (tx) => {
      const [row] = await tx.insert(resellers).values({ id: newId("reseller"), ...data }).returning();
      await recordAudit(tx, ctx.actor, { action: "reseller.create", target: { type: "reseller", id: row.id, label: row.codeName }, after: row, resellerId: row.id });
      return row;
    });
  } catch (e) {
    if (uniqueViolation(e) !== undefined) throw new ConflictError(`The code name "${data.codeName}" is already taken.`, { codeName: ["Already taken."] });
    throw e;
  }
}
