import { sql } from "drizzle-orm";
import { pgPolicy } from "drizzle-orm/pg-core";

/**
 * Second wall behind the service layer: rows of a tenant-owned table are visible only when the
 * transaction has set `app.tenant_id` (see db/tenant-tx.ts). Unset setting → no rows at all.
 * The app switches to the non-superuser role `crossdock_tenant` for tenant work, since superusers
 * and table owners bypass RLS.
 */
export const tenantIsolation = (table: string) =>
  pgPolicy(`${table}_tenant_isolation`, {
    as: "permissive",
    for: "all",
    to: "public",
    using: sql`tenant_id = current_setting('app.tenant_id', true)`,
    withCheck: sql`tenant_id = current_setting('app.tenant_id', true)`,
  });
