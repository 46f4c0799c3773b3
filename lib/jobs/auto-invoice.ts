import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { autoInvoiceSettings } from "@/db/schema";
import { withTenantTx } from "@/db/tenant-tx";
import { AUTO_INVOICE, getQueue } from "./queue";

/**
 * The continuous path of Auto Invoice: after a transaction that wrote orders commits, one job per
 * tenant is queued (the queue is `stately` per tenant: at most one waiting and one running, so a
 * burst of writes costs one run plus at most one follow-up). Tenants with Auto Invoice off queue
 * nothing; the switch is cached briefly so a bulk import does not read it per page. A lost
 * notification is caught by the periodic sweep (lib/services/auto-invoice/sweep.ts).
 */
export type AutoInvoiceJob = { tenantId: string };

const SWITCH_TTL_MS = 5_000;
const switches = new Map<string, { on: boolean; at: number }>();

async function isOn(tenantId: string): Promise<boolean> {
  const cached = switches.get(tenantId);
  if (cached && Date.now() - cached.at < SWITCH_TTL_MS) return cached.on;
  const db = await getDb();
  const [row] = await withTenantTx(db, tenantId, (tx) => tx.select({ enabled: autoInvoiceSettings.enabled }).from(autoInvoiceSettings).where(eq(autoInvoiceSettings.tenantId, tenantId)));
  const on = !!row?.enabled;
  switches.set(tenantId, { on, at: Date.now() });
  return on;
}

/** Queues the tenant's Auto Invoice run when it is on. Never throws: the writes already committed. */
export async function notifyOrdersChanged(tenantId: string): Promise<void> {
  try {
    if (!(await isOn(tenantId))) return;
    await enqueueAutoInvoice(tenantId);
  } catch (e) {
    console.error("[auto-invoice] could not queue a run; the sweep will catch up:", e instanceof Error ? e.message : e);
  }
}

/** Forgets the cached switch of a tenant (after a settings change in this process). */
export function forgetSwitch(tenantId: string): void {
  switches.delete(tenantId);
}

export async function enqueueAutoInvoice(tenantId: string): Promise<string | null> {
  const boss = await getQueue();
  return boss.send(AUTO_INVOICE, { tenantId } satisfies AutoInvoiceJob, { singletonKey: tenantId });
}
