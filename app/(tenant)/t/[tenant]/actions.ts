"use server";

import { revalidatePath } from "next/cache";
import { formToObject } from "@/lib/actions/form";
import { runAction } from "@/lib/actions/result";
import { tenantScope } from "@/lib/auth/scopes";
import { listTenantAudit } from "@/lib/services/audit/list";
import { tenantUserAdminForTenant } from "@/lib/services/tenant-users/access";
import { createTenantUser } from "@/lib/services/tenant-users/create";
import { resetTenantUserPassword } from "@/lib/services/tenant-users/reset-password";
import { createApiConnection } from "@/lib/services/connections/create-api-connection";
import { setTenantUserActive } from "@/lib/services/tenant-users/set-active";
import { setTenantUserApiAccess } from "@/lib/services/tenant-users/set-api-access";
import { updateTenantUserRole } from "@/lib/services/tenant-users/update-role";
import { updateTenantSettings } from "@/lib/services/tenants/update-settings";

/**
 * Tenant console server actions. The tenant code is bound by the page, but it arrives from the
 * browser like any other argument: tenantScope re-checks membership on every call.
 */

const usersPath = (code: string) => `/t/${code}/users`;

async function userAdmin(code: string) {
  return tenantUserAdminForTenant(await tenantScope(code));
}

export async function createTenantUserAction(code: string, _prev: unknown, form: FormData) {
  return runAction(async () => {
    const user = await createTenantUser({ admin: await userAdmin(code), input: formToObject(form) });
    revalidatePath(`/t/${code}`, "layout");
    return { id: user.id };
  }, "User added. Share the password with them through a safe channel.");
}

export async function updateTenantUserRoleAction(code: string, userId: string, _prev: unknown, form: FormData) {
  return runAction(async () => {
    await updateTenantUserRole({ admin: await userAdmin(code), input: { userId, role: form.get("role") } });
    revalidatePath(usersPath(code));
  }, "Role changed.");
}

export async function resetTenantUserPasswordAction(code: string, userId: string, _prev: unknown, form: FormData) {
  return runAction(async () => {
    await resetTenantUserPassword({ admin: await userAdmin(code), input: { userId, password: form.get("password") } });
    revalidatePath(usersPath(code));
  }, "Password changed. Their open sessions have ended.");
}

export async function setTenantUserApiAccessAction(code: string, userId: string, apiAccess: boolean) {
  return runAction(async () => {
    await setTenantUserApiAccess({ admin: await userAdmin(code), input: { userId, apiAccess } });
    revalidatePath(`/t/${code}`, "layout");
  });
}

export async function setTenantUserActiveAction(code: string, userId: string, active: boolean) {
  return runAction(async () => {
    await setTenantUserActive({ admin: await userAdmin(code), input: { userId, active } });
    revalidatePath(`/t/${code}`, "layout");
  });
}

export async function updateTenantSettingsAction(code: string, _prev: unknown, form: FormData) {
  return runAction(async () => {
    await updateTenantSettings({ ctx: await tenantScope(code), input: formToObject(form, ["languages"]) });
    revalidatePath(`/t/${code}`, "layout");
  }, "Settings saved.");
}

export async function loadTenantAudit(code: string, input: { cursor?: string; action?: string }) {
  return listTenantAudit({ ctx: await tenantScope(code), input });
}

export async function createApiConnectionAction(code: string, _prev: unknown, form: FormData) {
  return runAction(async () => {
    const ctx = await tenantScope(code, "settings.edit");
    const connection = await createApiConnection({ db: ctx.db, actor: ctx.actor, tenantId: ctx.tenant.id, input: formToObject(form) });
    revalidatePath(`/t/${code}`, "layout");
    return connection;
  }, "Connection created. Give its id to the integration as X-ConnectionId.");
}
