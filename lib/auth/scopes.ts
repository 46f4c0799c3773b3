import { getDb } from "@/db/client";
import { authorizeAdmin, authorizeReseller, authorizeTenant, type AdminCtx, type ResellerCtx, type TenantCtx } from "./guard";
import type { ResellerPermission, TenantPermission } from "./permissions";
import { currentActor } from "./session-actor";

/** Session-based entry points into the guard, shared by pages and server actions. */
export async function adminScope(): Promise<AdminCtx> {
  return authorizeAdmin(await getDb(), await currentActor());
}

export async function resellerScope(codeName: string, permission?: ResellerPermission): Promise<ResellerCtx> {
  const actor = await currentActor();
  return authorizeReseller(await getDb(), actor, codeName, permission);
}

export async function tenantScope(codeName: string, permission?: TenantPermission): Promise<TenantCtx> {
  const actor = await currentActor();
  return authorizeTenant(await getDb(), actor, codeName, permission);
}
