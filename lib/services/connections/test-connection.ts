import { and, eq, sql } from "drizzle-orm";
import { connections } from "@/db/schema";
import { withTenantTx } from "@/db/tenant-tx";
import { requireTenantPermission, type TenantCtx } from "@/lib/auth/guard";
import { PlugSetupError, RemoteError } from "@/lib/connectors/errors";
import { assertPublicRemotes } from "@/lib/connectors/remote-url";
import { openSettings, sealSettings } from "@/lib/connectors/runtime/settings";
import { nativeConnection } from "./access";

const TIMEOUT_MS = 20_000;

/** "Test connection": one authenticated call to the remote system; says what it answered or why it failed. */
export async function testConnection({ ctx, connectionId }: { ctx: TenantCtx; connectionId: string }): Promise<{ ok: boolean; message: string }> {
  requireTenantPermission(ctx, "tenant.write");
  const tenantId = ctx.tenant.id;
  const { row, connector } = await withTenantTx(ctx.db, tenantId, (tx) => nativeConnection(tx, tenantId, connectionId));
  const parsed = connector.settings.safeParse(openSettings(tenantId, row.id, row));
  if (!parsed.success) return { ok: false, message: `The settings are not complete: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}` };
  const settings = parsed.data as Record<string, unknown>;
  const signal = AbortSignal.timeout(TIMEOUT_MS);
  const io = {
    signal,
    // A test may refresh an OAuth token; the new one must be kept or the old one is spent.
    updateSettings: async (patch: Record<string, unknown>) => {
      Object.assign(settings, patch);
      const sealed = sealSettings(connector, tenantId, row.id, settings);
      await withTenantTx(ctx.db, tenantId, (tx) => tx.update(connections).set({ settings: sealed.settings, secrets: sealed.secrets, updatedAt: sql`now()` }).where(and(eq(connections.tenantId, tenantId), eq(connections.id, row.id))));
    },
  };
  try {
    await assertPublicRemotes(settings);
    const { message } = await connector.test(settings, io);
    return { ok: true, message };
  } catch (e) {
    if (signal.aborted) return { ok: false, message: `${connector.name} did not answer within ${TIMEOUT_MS / 1000} s.` };
    if (e instanceof RemoteError || e instanceof PlugSetupError) return { ok: false, message: e.message };
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}
