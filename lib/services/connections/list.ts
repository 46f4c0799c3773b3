import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { connections } from "@/db/schema";
import { withTenantTx } from "@/db/tenant-tx";
import { presentConnection } from "./internal";

export async function listConnections({ db, tenantId }: { db: Db; tenantId: string }) {
  return withTenantTx(db, tenantId, async (tx) => (await tx.select().from(connections).where(eq(connections.tenantId, tenantId)).orderBy(asc(connections.createdAt))).map(presentConnection));
}
