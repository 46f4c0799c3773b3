import { sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "./client";

/**
 * Runs fn in a transaction scoped to one tenant: switches to the RLS-bound role and sets
 * app.tenant_id for this transaction only, so a forgotten WHERE still cannot reach another tenant.
 */
export async function withTenantTx<T>(db: DbOrTx, tenantId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    // One round trip: set_config('role', …, true) is SET LOCAL ROLE.
    await tx.execute(sql`select set_config('role', 'crossdock_tenant', true), set_config('app.tenant_id', ${tenantId}, true)`);
    return fn(tx);
  });
}
