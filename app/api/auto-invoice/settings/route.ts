import { json, readJson, tenantRoute } from "@/lib/api/tenant-route";
import { getAutoInvoiceSettings } from "@/lib/services/auto-invoice/get-settings";
import { updateAutoInvoiceSettings } from "@/lib/services/auto-invoice/update-settings";

export const dynamic = "force-dynamic";

/** The master switch and the cut-off. */
export const GET = tenantRoute({}, async (ctx) => json(await getAutoInvoiceSettings({ ctx: { ...ctx, db: ctx.records.db } })));

/** Switches Auto Invoice on or off and sets the cut-off (admins and owners, as in the console). */
export const PUT = tenantRoute({ write: true }, async (ctx, req) => json(await updateAutoInvoiceSettings({ ctx: { ...ctx, db: ctx.records.db }, input: await readJson(req) })));
