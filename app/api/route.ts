import { tenantRoute, json } from "@/lib/api/tenant-route";
import { languages } from "@/lib/catalog";

export const dynamic = "force-dynamic";

/** API root: which tenant the credentials reach and its default language. */
export const GET = tenantRoute({}, async (ctx) => {
  const lang = languages.find((l) => l.iso3 === ctx.tenant.defaultLanguage);
  return json({
    tenant: ctx.tenant.codeName,
    connectionId: ctx.connection.id,
    defaultLanguage: ctx.tenant.defaultLanguage,
    defaultLanguage_iso: { "iso639-1": lang?.iso1 ?? null, "iso639-3": ctx.tenant.defaultLanguage },
  });
});
