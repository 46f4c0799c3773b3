"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formToObject } from "@/lib/actions/form";
import { runAction } from "@/lib/actions/result";
import { resellerScope } from "@/lib/auth/scopes";
import { listResellerAudit } from "@/lib/services/audit/list";
import { createResellerUser, setResellerUserActive, updateResellerUser } from "@/lib/services/reseller-users";
import { createTemplate, deleteTemplate, updateTemplate } from "@/lib/services/templates";
import { tenantUserAdminForPartner } from "@/lib/services/tenant-users/access";
import { createTenantUser } from "@/lib/services/tenant-users/create";
import { resetTenantUserPassword } from "@/lib/services/tenant-users/reset-password";
import { setTenantUserActive } from "@/lib/services/tenant-users/set-active";
import { setTenantUserApiAccess } from "@/lib/services/tenant-users/set-api-access";
import { updateTenantUserRole } from "@/lib/services/tenant-users/update-role";
import { createTenant } from "@/lib/services/tenants/create";
import { setTenantActive, updateTenant } from "@/lib/services/tenants/update";

/**
 * Server actions of the partner console. Each is bound to the reseller code from the URL, resolves
 * the scope through the guard and calls one service verb; the service checks the permission.
 */
const base = (code: string) => `/partner/${code}`;
const settingsArrays = ["languages", "options"];

// ---- tenants ----

/** The owner section is optional: only a filled one becomes the service's `owner`. */
function tenantInput(form: FormData) {
  const { "owner.name": name, "owner.email": email, "owner.password": password, ...rest } = formToObject(form, settingsArrays) as Record<string, string | string[] | undefined>;
  const filled = [name, email, password].some((v) => typeof v === "string" && v.trim() !== "");
  return { ...rest, owner: filled ? { name: name ?? "", email: email ?? "", password: password ?? "" } : undefined };
}

export async function createTenantAction(code: string, _prev: unknown, form: FormData) {
  const input = tenantInput(form);
  const result = await runAction(async () => createTenant({ ctx: await resellerScope(code), input }));
  if (!result.ok) return result;
  revalidatePath(base(code), "layout");
  redirect(`${base(code)}/tenants/${result.data.codeName}`);
}

export async function updateTenantAction(code: string, tenantId: string, _prev: unknown, form: FormData) {
  return runAction(async () => {
    await updateTenant({ ctx: await resellerScope(code), input: { ...formToObject(form, settingsArrays), tenantId } });
    revalidatePath(base(code), "layout");
  }, "Tenant saved.");
}

export async function setTenantActiveAction(code: string, tenantId: string, active: boolean) {
  return runAction(async () => {
    await setTenantActive({ ctx: await resellerScope(code), input: { id: tenantId, active } });
    revalidatePath(base(code), "layout");
  });
}

// ---- tenant users ----

async function tenantUserAdmin(code: string, tenantId: string) {
  return tenantUserAdminForPartner(await resellerScope(code), tenantId);
}

export async function createTenantUserAction(code: string, tenantId: string, _prev: unknown, form: FormData) {
  return runAction(async () => {
    await createTenantUser({ admin: await tenantUserAdmin(code, tenantId), input: formToObject(form) });
    revalidatePath(base(code), "layout");
  }, "User added. Share the password with them through a safe channel.");
}

export async function updateTenantUserRoleAction(code: string, tenantId: string, userId: string, _prev: unknown, form: FormData) {
  return runAction(async () => {
    await updateTenantUserRole({ admin: await tenantUserAdmin(code, tenantId), input: { userId, role: form.get("role") } });
    revalidatePath(base(code), "layout");
  }, "Role changed.");
}

export async function resetTenantUserPasswordAction(code: string, tenantId: string, userId: string, _prev: unknown, form: FormData) {
  return runAction(async () => {
    await resetTenantUserPassword({ admin: await tenantUserAdmin(code, tenantId), input: { userId, password: form.get("password") } });
  }, "Password changed. Their open sessions have ended.");
}

export async function setTenantUserApiAccessAction(code: string, tenantId: string, userId: string, apiAccess: boolean) {
  return runAction(async () => {
    await setTenantUserApiAccess({ admin: await tenantUserAdmin(code, tenantId), input: { userId, apiAccess } });
    revalidatePath(base(code), "layout");
  });
}

export async function setTenantUserActiveAction(code: string, tenantId: string, userId: string, active: boolean) {
  return runAction(async () => {
    await setTenantUserActive({ admin: await tenantUserAdmin(code, tenantId), input: { userId, active } });
    revalidatePath(base(code), "layout");
  });
}

// ---- templates ----

export async function createTemplateAction(code: string, _prev: unknown, form: FormData) {
  const result = await runAction(async () => createTemplate({ ctx: await resellerScope(code), input: formToObject(form, settingsArrays) }));
  if (!result.ok) return result;
  revalidatePath(base(code), "layout");
  redirect(`${base(code)}/templates`);
}

export async function updateTemplateAction(code: string, id: string, _prev: unknown, form: FormData) {
  return runAction(async () => {
    await updateTemplate({ ctx: await resellerScope(code), id, input: formToObject(form, settingsArrays) });
    revalidatePath(base(code), "layout");
  }, "Template saved. Tenants created from now on get these settings.");
}

export async function deleteTemplateAction(code: string, id: string) {
  const result = await runAction(async () => deleteTemplate({ ctx: await resellerScope(code), id }));
  if (!result.ok) return result;
  revalidatePath(base(code), "layout");
  redirect(`${base(code)}/templates`);
}

// ---- reseller users ----

export async function createResellerUserAction(code: string, _prev: unknown, form: FormData) {
  const result = await runAction(async () => createResellerUser({ ctx: await resellerScope(code), input: formToObject(form, ["permissions"]) }));
  if (!result.ok) return result;
  revalidatePath(base(code), "layout");
  redirect(`${base(code)}/users`);
}

export async function updateResellerUserAction(code: string, userId: string, _prev: unknown, form: FormData) {
  return runAction(async () => {
    await updateResellerUser({ ctx: await resellerScope(code), input: { ...formToObject(form, ["permissions"]), userId } });
    revalidatePath(base(code), "layout");
  }, "User saved.");
}

export async function setResellerUserActiveAction(code: string, userId: string, active: boolean) {
  return runAction(async () => {
    await setResellerUserActive({ ctx: await resellerScope(code), input: { id: userId, active } });
    revalidatePath(base(code), "layout");
  });
}

// ---- audit ----

export async function loadResellerAudit(code: string, input: { cursor?: string; action?: string }) {
  return listResellerAudit({ ctx: await resellerScope(code), input });
}
