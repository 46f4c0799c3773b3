"use server";

import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/actions/result";
import { adminScope, resellerScope } from "@/lib/auth/scopes";
import { createResellerUser, setResellerUserActive } from "@/lib/services/reseller-users";
import { createReseller } from "@/lib/services/resellers/create";
import { setResellerActive } from "@/lib/services/resellers/set-active";
import { formToObject } from "@/lib/actions/form";
import { listPlatformAudit } from "@/lib/services/audit/list";

export async function createResellerAction(_prev: unknown, form: FormData) {
  return runAction(async () => {
    const row = await createReseller({ ctx: await adminScope(), input: formToObject(form) });
    revalidatePath("/admin");
    return { codeName: row.codeName };
  }, "Reseller created.");
}

export async function setResellerActiveAction(id: string, active: boolean) {
  return runAction(async () => {
    await setResellerActive({ ctx: await adminScope(), input: { id, active } });
    revalidatePath("/admin", "layout");
  });
}

export async function createResellerUserAction(resellerCode: string, _prev: unknown, form: FormData) {
  return runAction(async () => {
    await adminScope();
    const user = await createResellerUser({ ctx: await resellerScope(resellerCode), input: formToObject(form, ["permissions"]) });
    revalidatePath(`/admin/resellers/${resellerCode}`);
    return user.id;
  }, "User created. Share the password with them through a safe channel.");
}

export async function setResellerUserActiveAction(resellerCode: string, id: string, active: boolean) {
  return runAction(async () => {
    await adminScope();
    await setResellerUserActive({ ctx: await resellerScope(resellerCode), input: { id, active } });
    revalidatePath(`/admin/resellers/${resellerCode}`);
  });
}

export async function loadPlatformAudit(input: { cursor?: string; action?: string }) {
  return listPlatformAudit({ ctx: await adminScope(), input });
}
