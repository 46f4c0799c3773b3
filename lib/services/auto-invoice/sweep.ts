import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { autoInvoiceSettings } from "@/db/schema";
import { processTenant, type ProcessResult } from "./process-tenant";

/**
 * The periodic catch-up: every tenant with Auto Invoice on is processed from its watermark, so
 * orders written while no worker ran (or whose notification was lost) are invoiced. `run` lets the
 * worker tick queue the tenants instead of processing them inline.
 */
export async function sweepAutoInvoice(db: Db, run: (tenantId: string) => Promise<unknown> = (tenantId) => processTenant(db, tenantId)): Promise<string[]> {
  // Across tenants, like the plug scheduler: this query runs outside any tenant's transaction.
  const rows = await db.select({ tenantId: autoInvoiceSettings.tenantId }).from(autoInvoiceSettings).where(eq(autoInvoiceSettings.enabled, true));
  const tenantIds = rows.map((r) => r.tenantId);
  for (const tenantId of tenantIds) await run(tenantId);
  return tenantIds;
}

export type { ProcessResult };
