import { and, asc, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { plugs } from "@/db/schema";
import { withTenantTx } from "@/db/tenant-tx";
import { requireTenantPermission, type TenantCtx } from "@/lib/auth/guard";
import { plugOf } from "@/lib/connectors/registry";
import { describeSchedule, plugScheduleSchema, type PlugSchedule } from "@/lib/connectors/runtime/schedule";
import { secretsSet } from "@/lib/connectors/runtime/settings";
import { latestTransfers } from "@/lib/services/transfers/latest";
import { nativeConnection } from "./access";
import { presentConnection } from "./internal";

/** Plugs of connections with their state and latest transfers (connection page, GET /api/connection). */
export async function plugsOf(tx: Tx, tenantId: string, connectionIds: string[]) {
  if (!connectionIds.length) return [];
  const rows = await tx.select().from(plugs).where(eq(plugs.tenantId, tenantId)).orderBy(asc(plugs.connectionId), asc(plugs.key));
  const wanted = rows.filter((r) => connectionIds.includes(r.connectionId));
  const transfers = await latestTransfers(tx, tenantId, connectionIds);
  return wanted.map((r) => {
    const schedule = plugScheduleSchema.safeParse(r.schedule);
    const t = transfers.get(`${r.connectionId}/${r.key}`);
    return {
      connectionId: r.connectionId,
      key: r.key,
      enabled: r.enabled,
      schedule: (schedule.success ? schedule.data : { kind: "interval", minutes: 60 }) as PlugSchedule,
      scheduleText: schedule.success ? describeSchedule(schedule.data) : "not scheduled",
      settings: r.settings as Record<string, unknown>,
      watermark: ((r.state ?? {}) as { watermark?: string }).watermark ?? null,
      nextRunAt: r.nextRunAt?.toISOString() ?? null,
      queued: r.runRequestedAt !== null,
      latestTransfer: t?.latest ?? null,
      latestSuccessfulTransfer: t?.latestSuccessful ?? null,
    };
  });
}

/** A native connection for its page: plain settings, which secrets are set (never their values), plugs. */
export async function getConnection({ ctx, connectionId }: { ctx: TenantCtx; connectionId: string }) {
  requireTenantPermission(ctx, "tenant.read");
  const tenantId = ctx.tenant.id;
  return withTenantTx(ctx.db, tenantId, async (tx) => {
    const { row, connector } = await nativeConnection(tx, tenantId, connectionId);
    const plugRows = await plugsOf(tx, tenantId, [row.id]);
    return {
      ...presentConnection(row),
      connectorInfo: { key: connector.key, name: connector.name, category: connector.category, logo: connector.logo, description: connector.description },
      settings: row.settings as Record<string, unknown>,
      secretsSet: secretsSet(connector, tenantId, row.id, row),
      plugs: plugRows.map((p) => {
        const def = plugOf(connector, p.key);
        return { ...p, name: def?.name ?? p.key, description: def?.description ?? "", direction: def?.direction ?? "import", recordType: def?.recordType ?? "order" };
      }),
    };
  });
}
export type ConnectionDetail = Awaited<ReturnType<typeof getConnection>>;
