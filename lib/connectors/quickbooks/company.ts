/**
 * What invoices need to know about the company: home currency, multicurrency, and each tax code's
 * rate. It changes rarely, so it is read once per connection and kept for a few minutes instead of
 * costing three calls per invoice.
 */
import type { QuickBooksClient } from "./client";

export type TaxCodeInfo = { rateId: string; percent: string };
export type CompanyContext = { homeCurrency: string; multiCurrency: boolean; taxCodes: Map<string, TaxCodeInfo> };

const TTL_MS = 10 * 60_000;
const cache = new Map<string, { at: number; value: Promise<CompanyContext> }>();

export function companyContext(client: QuickBooksClient): Promise<CompanyContext> {
  const key = `${client.apiBaseUrl}|${client.realmId}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
  const value = load(client);
  cache.set(key, { at: Date.now(), value });
  value.catch(() => cache.delete(key));
  return value;
}

async function load(client: QuickBooksClient): Promise<CompanyContext> {
  const prefs = await client.preferences();
  const rates = await client.query("TaxRate", "maxresults 1000");
  const codes = await client.query("TaxCode", "maxresults 1000");
  const percentByRate = new Map(rates.map((r) => [String(r.Id), String(r.RateValue ?? "0")]));
  const taxCodes = new Map<string, TaxCodeInfo>();
  for (const code of codes) {
    // Non-US sales codes carry one rate; codes without a sales rate (purchase-only) are not for invoices.
    const rateId = code.SalesTaxRateList?.TaxRateDetail?.[0]?.TaxRateRef?.value;
    if (rateId !== undefined) taxCodes.set(String(code.Id), { rateId: String(rateId), percent: percentByRate.get(String(rateId)) ?? "0" });
  }
  return {
    homeCurrency: prefs.CurrencyPrefs?.HomeCurrency?.value ?? "USD",
    multiCurrency: prefs.CurrencyPrefs?.MultiCurrencyEnabled === true,
    taxCodes,
  };
}

/** For tests that change the simulated company between cases. */
export function forgetCompanyContexts(): void {
  cache.clear();
}
