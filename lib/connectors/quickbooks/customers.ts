/**
 * Finding or creating QBO customers, shared by CustomerExport and InvoiceExport. A customer is
 * found by its remote id, else by the DisplayName both plugs derive (map.ts displayName), so a
 * re-run after a crash updates what the first run created instead of duplicating it.
 */
import { qboString, type QboObject, type QuickBooksClient } from "./client";
import { displayName, toQboCustomer, type Party } from "./map";

export async function findCustomerByName(client: QuickBooksClient, name: string): Promise<QboObject | undefined> {
  const [found] = await client.query("Customer", `where DisplayName = ${qboString(name)} maxresults 1`);
  return found;
}

/** CustomerExport: create, or sparse-update the one found (with its SyncToken). */
export async function upsertCustomer(client: QuickBooksClient, party: Party, remoteId: string | null): Promise<QboObject> {
  const name = displayName(party);
  const existing = (remoteId ? await client.readIfExists("Customer", remoteId) : undefined) ?? (await findCustomerByName(client, name));
  const body = toQboCustomer(party, { displayName: name });
  if (!existing) return client.create("Customer", body);
  return client.update("Customer", { ...body, Id: existing.Id, SyncToken: existing.SyncToken, Active: true });
}

/**
 * InvoiceExport: the QBO customer for an invoice in `currency`. QBO fixes a customer's currency,
 * so a customer billed in a foreign currency is a separate QBO customer named with the currency.
 * An existing customer is used as it is (CustomerExport owns its details).
 */
export async function customerForInvoice(
  client: QuickBooksClient,
  party: Party,
  opts: { remoteId?: string; currency: string; homeCurrency: string },
): Promise<string> {
  const foreign = opts.currency === opts.homeCurrency ? undefined : opts.currency;
  const byId = opts.remoteId ? await client.readIfExists("Customer", opts.remoteId) : undefined;
  if (byId && (byId.CurrencyRef?.value ?? opts.homeCurrency) === opts.currency) return byId.Id;
  const name = displayName(party, foreign);
  const byName = await findCustomerByName(client, name);
  if (byName) return byName.Id;
  const created = await client.create("Customer", toQboCustomer(party, { displayName: name, currency: opts.currency }));
  return created.Id;
}
