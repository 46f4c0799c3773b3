import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { connections } from "@/db/schema";
import { withTenantTx } from "@/db/tenant-tx";
import { recordAudit } from "@/lib/audit";
import { requireTenantPermission, type TenantCtx } from "@/lib/auth/guard";
import { openSettings, sealSettings } from "@/lib/connectors/runtime/settings";
import { nameSchema } from "@/lib/schemas/common";
import { parseInput } from "@/lib/validation";
import { nativeConnection } from "./access";
import { presentConnection } from "./internal";

export const updateConnectionSchema = z.object({ name: nameSchema, settings: z.record(z.string(), z.unknown()).default({}) });

/**
 * Renames and re-configures a native connection. A secret field left empty keeps its saved value
 * (forms never receive secrets back); a plain field left empty is cleared.
 */
export async function updateConnection({ ctx, connectionId, input }: { ctx: TenantCtx; connectionId: string; input: unknown }) {
  requireTenantPermission(ctx, "tenant.write");
  const { name, settings } = parseInput(updateConnectionSchema, input);
  const tenantId = ctx.tenant.id;
  return withTenantTx(ctx.db, tenantId, async (tx) => {
    const { row, connector } = await nativeConnection(tx, tenantId, connectionId, true);
    const current = openSettings(tenantId, row.id, row);
    const next: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(settings)) {
      const blank = v === undefined || v === null || v === "";
      if (connector.secretFields.includes(k)) next[k] = blank ? current[k] : v;
      else if (!blank) next[k] = v;
    }
    // Secrets the form does not show (e.g. tokens a connector maintains) are kept as they are.
    for (const k of connector.secretFields) if (!(k in settings) && current[k] !== undefined) next[k] = current[k];
    const parsed = parseInput(connector.settings, next) as Record<string, unknown>;
    const sealed = sealSettings(connector, tenantId, row.id, parsed);
    const secretsChanged = connector.secretFields.filter((k) => JSON.stringify(parsed[k]) !== JSON.stringify(current[k]));
    const [updated] = await tx
      .update(connections)
      .set({ name, settings: sealed.settings, secrets: sealed.secrets, updatedAt: sql`now()` })
      .where(and(eq(connections.tenantId, tenantId), eq(connections.id, row.id)))
      .returning();
    await recordAudit(tx, ctx.actor, {
      action: "connection.update",
      target: { type: "connection", id: row.id, label: name },
      before: { name: row.name, settings: row.settings },
      after: { name, settings: sealed.settings, ...(secretsChanged.length ? { changedSecretFields: secretsChanged } : {}) },
      tenantId,
    });
    return presentConnection(updated);
  });
}
