import { z } from "zod";
import { connections, plugs } from "@/db/schema";
import { withTenantTx } from "@/db/tenant-tx";
import { recordAudit } from "@/lib/audit";
import { requireTenantPermission, type TenantCtx } from "@/lib/auth/guard";
import { connectorByKey } from "@/lib/connectors/registry";
import { sealSettings } from "@/lib/connectors/runtime/settings";
import { ValidationError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { nameSchema } from "@/lib/schemas/common";
import { parseInput } from "@/lib/validation";
import { presentConnection } from "./internal";

export const createConnectionSchema = z.object({
  connector: z.string().trim().min(1, "Pick a connector."),
  name: nameSchema,
  settings: z.record(z.string(), z.unknown()).default({}),
});

/**
 * A connection of a native connector, with its plugs (all disabled until the user enables them).
 * Settings are validated by the connector's own schema; secret fields are sealed before they are stored.
 */
export async function createConnection({ ctx, input }: { ctx: TenantCtx; input: unknown }) {
  requireTenantPermission(ctx, "tenant.write");
  const { connector: key, name, settings } = parseInput(createConnectionSchema, input);
  const connector = connectorByKey(key);
  if (!connector) throw new ValidationError("Some fields are not valid.", { connector: ["Pick a connector from the catalogue."] });
  const parsed = parseInput(connector.settings, settings) as Record<string, unknown>;
  const tenantId = ctx.tenant.id;
  const id = newId("connection");
  const sealed = sealSettings(connector, tenantId, id, parsed);
  return withTenantTx(ctx.db, tenantId, async (tx) => {
    const [row] = await tx.insert(connections).values({ tenantId, id, connector: connector.key, name, settings: sealed.settings, secrets: sealed.secrets }).returning();
    await tx.insert(plugs).values(
      connector.plugs.map((p) => {
        const defaults = p.settings.safeParse({});
        return { tenantId, connectionId: id, key: p.key, enabled: false, schedule: { kind: "interval", minutes: p.defaultIntervalMinutes }, settings: defaults.success ? defaults.data : {} };
      }),
    );
    await recordAudit(tx, ctx.actor, { action: "connection.create", target: { type: "connection", id, label: name }, after: { ...presentConnection(row), settings: sealed.settings }, tenantId });
    return presentConnection(row);
  });
}
