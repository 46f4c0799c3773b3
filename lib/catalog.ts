/** Languages a tenant can pick (ISO 639-3, with the ISO 639-1 code the API also reports). */
export const languages = [
  { iso3: "swe", iso1: "sv", name: "Swedish" },
  { iso3: "eng", iso1: "en", name: "English" },
  { iso3: "nor", iso1: "no", name: "Norwegian" },
  { iso3: "dan", iso1: "da", name: "Danish" },
  { iso3: "fin", iso1: "fi", name: "Finnish" },
  { iso3: "deu", iso1: "de", name: "German" },
  { iso3: "nld", iso1: "nl", name: "Dutch" },
  { iso3: "fra", iso1: "fr", name: "French" },
  { iso3: "spa", iso1: "es", name: "Spanish" },
  { iso3: "ita", iso1: "it", name: "Italian" },
  { iso3: "pol", iso1: "pl", name: "Polish" },
  { iso3: "est", iso1: "et", name: "Estonian" },
] as const;

export const languageCodes = languages.map((l) => l.iso3) as [string, ...string[]];

/** Tenant options: feature codes a reseller switches per tenant. */
export const tenantOptions = [
  { code: "auto_invoice", name: "Auto Invoice", description: "Turn orders into invoices by rules." },
  { code: "manipulators", name: "Manipulators", description: "Rule chains that reshape records per connection." },
  { code: "script_manipulators", name: "Script manipulators", description: "Sandboxed JavaScript in manipulator chains." },
  { code: "webhooks", name: "Webhooks", description: "Outgoing webhooks on record changes." },
  { code: "edi", name: "EDI", description: "X12 and EDIFACT trading partners." },
  { code: "api_access", name: "Tenant API", description: "External connectors through the Tenant API." },
  { code: "multi_currency", name: "Multi-currency", description: "Orders and invoices in several currencies." },
] as const;

export const tenantOptionCodes = tenantOptions.map((o) => o.code) as unknown as [string, ...string[]];
