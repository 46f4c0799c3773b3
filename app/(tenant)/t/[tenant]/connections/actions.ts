"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runAction } from "@/lib/actions/result";
import { tenantScope } from "@/lib/auth/scopes";
import { readSettings, withSettingsErrors } from "@/lib/connectors/settings-form";
import { createConnection } from "@/lib/services/connections/create-connection";
import { deleteConnection } from "@/lib/services/connections/delete-connection";
import { getConnection } from "@/lib/services/connections/get-connection";
import { setConnectionActive } from "@/lib/services/connections/set-connection-active";
import { testConnection } from "@/lib/services/connections/test-connection";
import { updateConnection } from "@/lib/services/connections/update-connection";
import { resolveErrors, retryErrors } from "@/lib/services/error-queue/act";
import { runPlugNow } from "@/lib/services/plugs/run-plug-now";
import { updatePlug } from "@/lib/services/plugs/update-plug";
import { listTransfers } from "@/lib/services/transfers/list";
import { connectionFields, nativeConnector, plugFields } from "./_fields";

/**
 * Connections, plugs and the error queue. The tenant code and ids are bound by the pages but arrive
 * from the browser like any argument: tenantScope and the services re-check everything per call.
 */

const base = (code: string) => `/t/${code}/connections`;
const connectionPath = (code: string, id: string) => `${base(code)}/${id}`;

export async function createConnectionAction(code: string, connectorKey: string, _prev: unknown, form: FormData) {
  return runAction(async () => {
    const ctx = await tenantScope(code);
    const fields = connectionFields(nativeConnector(connectorKey));
    const created = await withSettingsErrors(fields, async () => createConnection({ ctx, input: { connector: connectorKey, name: form.get("name"), settings: readSettings(fields, form) } }));
    revalidatePath(`/t/${code}`, "layout");
    redirect(connectionPath(code, created.connectionId));
  });
}

export async function updateConnectionAction(code: string, connectionId: string, _prev: unknown, form: FormData) {
  return runAction(async () => {
    const ctx = await tenantScope(code);
    const current = await getConnection({ ctx, connectionId });
    const fields = connectionFields(nativeConnector(current.connector));
    await withSettingsErrors(fields, async () => updateConnection({ ctx, connectionId, input: { name: form.get("name"), settings: readSettings(fields, form) } }));
    revalidatePath(connectionPath(code, connectionId));
  }, "Settings saved.");
}

export async function testConnectionAction(code: string, connectionId: string) {
  return runAction(async () => testConnection({ ctx: await tenantScope(code), connectionId }));
}

export async function setConnectionActiveAction(code: string, connectionId: string, active: boolean) {
  return runAction(async () => {
    await setConnectionActive({ ctx: await tenantScope(code), connectionId, input: { active } });
    revalidatePath(`/t/${code}`, "layout");
  });
}

/** A connection that never moved data is gone (back to the list); one with history stays, archived. */
export async function deleteConnectionAction(code: string, connectionId: string) {
  return runAction(async () => {
    const { outcome } = await deleteConnection({ ctx: await tenantScope(code), connectionId });
    revalidatePath(`/t/${code}`, "layout");
    if (outcome === "deleted") redirect(`${base(code)}?deleted=1`);
    return { outcome };
  });
}

/** Schedule, plug settings and (only when the user changed it) the watermark; `enabled` stays as it is. */
export async function savePlugAction(code: string, connectionId: string, plugKey: string, _prev: unknown, form: FormData) {
  return runAction(async () => {
    const ctx = await tenantScope(code);
    const current = await getConnection({ ctx, connectionId });
    const enabled = current.plugs.find((p) => p.key === plugKey)?.enabled ?? false;
    const fields = plugFields(nativeConnector(current.connector), plugKey);
    const kind = form.get("schedule.kind");
    const schedule = kind === "cron" ? { kind, expression: form.get("schedule.expression") } : { kind: "interval", minutes: form.get("schedule.minutes") };
    // Only an edit of the field moves the watermark; compared with what the form showed, since a
    // run may have advanced it meanwhile and saving the schedule must not set it back.
    const typed = String(form.get("watermark") ?? "").trim();
    const watermark = typed === String(form.get("watermarkShown") ?? "").trim() ? undefined : typed || null;
    await withSettingsErrors(fields, async () => updatePlug({ ctx, connectionId, plugKey, input: { enabled, schedule, settings: readSettings(fields, form), watermark } }));
    revalidatePath(connectionPath(code, connectionId));
  }, "Plug saved.");
}

/** Enables or disables a plug, keeping its schedule and settings. */
export async function setPlugEnabledAction(code: string, connectionId: string, plugKey: string, enabled: boolean) {
  return runAction(async () => {
    const ctx = await tenantScope(code);
    const plug = (await getConnection({ ctx, connectionId })).plugs.find((p) => p.key === plugKey);
    await updatePlug({ ctx, connectionId, plugKey, input: { enabled, schedule: plug?.schedule, settings: plug?.settings ?? {} } });
    revalidatePath(connectionPath(code, connectionId));
  });
}

export async function runPlugNowAction(code: string, connectionId: string, plugKey: string) {
  return runAction(async () => runPlugNow({ ctx: await tenantScope(code), connectionId, plugKey }));
}

export async function loadTransfersAction(code: string, input: { connectionId: string; cursor?: string }) {
  return listTransfers({ ctx: await tenantScope(code), input });
}

export async function retryErrorsAction(code: string, ids: string[]) {
  return runAction(async () => {
    const done = await retryErrors({ ctx: await tenantScope(code), input: { ids } });
    revalidatePath(`/t/${code}/errors`);
    return done;
  });
}

export async function resolveErrorsAction(code: string, ids: string[]) {
  return runAction(async () => {
    const done = await resolveErrors({ ctx: await tenantScope(code), input: { ids } });
    revalidatePath(`/t/${code}/errors`);
    return done;
  });
}
