import OAuthClient from "intuit-oauth";
import { z } from "zod";
import { remoteUrl } from "../remote-url";

/** Intuit's hosts, read from the vendor clients so there is one source for them. */
export const INTUIT_API_URLS = {
  production: OAuthClient.environment.production.replace(/\/+$/, ""),
  sandbox: OAuthClient.environment.sandbox.replace(/\/+$/, ""),
} as const;

export const settingsSchema = z.object({
  realmId: z
    .string()
    .trim()
    .regex(/^\d+$/, "The realm ID is a number, e.g. 9130350000000001")
    .describe("Company ID (realm ID) of the QuickBooks Online company, shown after connecting the app."),
  clientId: z.string().trim().min(1).describe("Client ID of your Intuit developer app (Keys & credentials)."),
  clientSecret: z.string().min(1).describe("Client secret of your Intuit developer app."),
  refreshToken: z
    .string()
    .min(1)
    .describe("OAuth 2.0 refresh token for the company. Intuit rotates it; Crossdock stores each new one automatically."),
  // managed: the connector keeps these up to date itself; settings forms neither show nor change them.
  accessToken: z.string().optional().meta({ managed: true, description: "Maintained by Crossdock: the current OAuth access token." }),
  accessTokenExpiresAt: z.string().optional().meta({ managed: true, description: "Maintained by Crossdock: when the access token expires (ISO 8601)." }),
  environment: z
    .enum(["production", "sandbox"])
    .default("production")
    .describe("production for real companies, sandbox for Intuit developer sandbox companies."),
  apiBaseUrl: remoteUrl("Override of the QuickBooks API host (leave empty for Intuit's host for the environment).").optional(),
  tokenUrl: remoteUrl("Override of Intuit's OAuth 2.0 token endpoint (leave empty for Intuit's).").optional(),
});

export type Settings = z.output<typeof settingsSchema>;

export const secretFields = ["clientSecret", "refreshToken", "accessToken", "accessTokenExpiresAt"] as const;

const taxCodeRow = z.object({
  vatRatePercent: z.string().trim().regex(/^\d+(\.\d+)?$/, 'A rate such as "20" or "5.5"').describe("VAT rate in percent."),
  taxCodeId: z.string().trim().min(1).describe("Id of the QuickBooks TaxCode for this rate."),
});

/** Defaults match a UK company's standard codes as the simulator seeds them. */
export const DEFAULT_TAX_CODES = [
  { vatRatePercent: "20", taxCodeId: "2" },
  { vatRatePercent: "5", taxCodeId: "3" },
  { vatRatePercent: "0", taxCodeId: "4" },
];

export const invoiceExportSettingsSchema = z.object({
  taxCodes: z
    .array(taxCodeRow)
    .default(DEFAULT_TAX_CODES)
    .describe("Which QuickBooks TaxCode each VAT rate is booked with. A row with a rate not listed fails with the rate named."),
  matchItemsBySku: z
    .boolean()
    .default(true)
    .describe("Book rows on the QuickBooks item whose SKU equals the row's SKU; rows without a match use the default item."),
  salesItemId: z.string().trim().min(1).default("1").describe("QuickBooks item for product rows without a matching item."),
  shippingItemId: z
    .string()
    .trim()
    .min(1)
    .default("SHIPPING_ITEM_ID")
    .describe('Item for shipping rows; "SHIPPING_ITEM_ID" is QuickBooks\' built-in shipping line (needs shipping turned on in sales form settings).'),
  feeItemId: z.string().trim().min(1).default("2").describe("Item for fee rows (invoice fee, handling)."),
  discountItemId: z.string().trim().min(1).default("3").describe("Item for negative fee rows (order discounts, vouchers)."),
  globalTaxCalculation: z
    .enum(["TaxExcluded", "TaxInclusive"])
    .default("TaxExcluded")
    .describe("How QuickBooks shows amounts on the form. Line amounts are always sent net with the VAT per rate, so the totals are the same."),
});
export type InvoiceExportSettings = z.output<typeof invoiceExportSettingsSchema>;

export const customerExportSettingsSchema = z.object({});
export type CustomerExportSettings = z.output<typeof customerExportSettingsSchema>;
