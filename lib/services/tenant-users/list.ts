import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { tenantUsers, users } from "@/db/schema";
import { withTenantTx } from "@/db/tenant-tx";
import { tenantUserColumns } from "./internal";

export async function listTenantUsers({ db, tenantId }: { db: Db; tenantId: string }) {
  return withTenantTx(db, tenantId, (tx) =>
    tx.select(tenantUserColumns).from(tenantUsers).innerJoin(users, eq(users.id, tenantUsers.userId)).where(eq(tenantUsers.tenantId, tenantId)).orderBy(asc(users.email)),
  );
}
