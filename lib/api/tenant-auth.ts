import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { connections, tenants, tenantUsers, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { burnPasswordCheck } from "@/lib/auth/passwords";
import type { TenantRole } from "@/lib/auth/permissions";
import { BadRequestError, ForbiddenError, UnauthenticatedError } from "@/lib/errors";
import type { RecordCtx } from "@/lib/services/records/context";
import { checkPasswordCached, parseBasicAuth } from "./basic-auth";

export type TenantApiCtx = {
  actor: Actor;
  tenant: { id: string; codeName: string; defaultLanguage: string };
  role: TenantRole;
  connection: { id: string; name: string; connector: string };
  records: RecordCtx;
};

const invalid = () => new UnauthenticatedError("The credentials are not valid for this tenant and connection.");

/**
 * Tenant API authentication: HTTP Basic with a tenant user that has API access, `X-Tenant` and
 * `X-ConnectionId` (an active API connection of that tenant). Every failure of the credential, the
 * membership or the connection is the same 401, so nothing tells whether a tenant exists.
 */
export async function authenticateTenantApi(db: Db, headers: Headers): Promise<TenantApiCtx> {
  const tenantCode = headers.get("x-tenant")?.trim();
  const connectionId = headers.get("x-connectionid")?.trim();
  if (!tenantCode || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(tenantCode)) throw new BadRequestError("Send the tenant's code name in the X-Tenant header.", "X-Tenant");
  if (!connectionId || !/^con_[0-9a-f]{24}$/.test(connectionId)) throw new BadRequestError("Send the id of an API connection (con_…) in the X-ConnectionId header.", "X-ConnectionId");
  const basic = parseBasicAuth(headers.get("authorization"));
  if (!basic) throw new UnauthenticatedError("Send HTTP Basic credentials (login:password) of a tenant user with API access.");

  const [row] = await db
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      passwordHash: users.passwordHash,
      userActive: users.active,
      tenantId: tenants.id,
      codeName: tenants.codeName,
      defaultLanguage: tenants.defaultLanguage,
      tenantActive: tenants.active,
      role: tenantUsers.role,
      memberActive: tenantUsers.active,
      apiAccess: tenantUsers.apiAccess,
      connection: { id: connections.id, name: connections.name, connector: connections.connector, active: connections.active },
    })
    .from(users)
    .innerJoin(tenants, eq(tenants.codeName, tenantCode))
    .innerJoin(tenantUsers, and(eq(tenantUsers.tenantId, tenants.id), eq(tenantUsers.userId, users.id)))
    // One round trip per request: the connection comes with the credential (null when not this tenant's).
    .leftJoin(connections, and(eq(connections.tenantId, tenants.id), eq(connections.id, connectionId)))
    .where(sql`lower(${users.email}) = ${basic.login.toLowerCase()}`);
  if (!row) {
    await burnPasswordCheck(basic.password); // same cost as a real check: no timing hint
    throw invalid();
  }
  if (!(await checkPasswordCached(basic.login.toLowerCase(), basic.password, row.passwordHash))) throw invalid();
  if (!row.userActive || !row.memberActive || !row.apiAccess) throw invalid();

  const { connection } = row;
  if (!connection || !connection.active || connection.connector !== "api") throw invalid();
  if (!row.tenantActive) throw new ForbiddenError("This tenant is paused; its API answers again when the partner reactivates it.");

  const actor: Actor = { type: "user", userId: row.userId, email: row.email, name: row.name, kind: "tenant" };
  return {
    actor,
    tenant: { id: row.tenantId, codeName: row.codeName, defaultLanguage: row.defaultLanguage },
    role: row.role,
    connection,
    records: { db, tenantId: row.tenantId, connectionId: connection.id, writer: { kind: "connection", connection } },
  };
}
