/**
 * Pure mapping from Crossdock records to QuickBooks Online entities.
 *
 * Money: all arithmetic is Dec on the records' decimal strings. QBO's JSON wants numbers, so each
 * value becomes a number only at the edge (jsonNumber): a decimal with at most 15 significant
 * digits converts to the double whose shortest text is that same decimal, and JSON.stringify
 * writes exactly that text, so "66.96" goes over the wire as 66.96. jsonNumber checks the round
 * trip and refuses anything that would not survive it.
 *
 * VAT: lines are sent net (Amount = the row's net total as Crossdock validated it) with a TaxCode
 * per line, and TxnTaxDetail carries our VAT per rate, so QuickBooks books exactly our VAT and
 * total instead of recomputing them with its own rounding.
 */
import { minorUnits } from "@/lib/money/currencies";
import { Dec, formatFixed, roundTo } from "@/lib/money/decimal";
import { RecordError } from "../errors";
import type { ExportedRecord } from "../types";
import type { QboObject } from "./client";
import type { CompanyContext } from "./company";
import type { InvoiceExportSettings } from "./settings";

type Obj = Record<string, any>;

/** The customer fields both plugs book: from a customer record or from an invoice's customer block. */
export type Party = {
  customerNumber?: string;
  name?: string;
  company?: string;
  email?: string;
  phone?: string;
  vatNumber?: string;
  billingAddress?: Obj;
  shippingAddress?: Obj;
};

export const EXCHANGE_RATE_KEY = "quickbooks|exchangeRate";
const UNIT_PRICE_DECIMALS = 6;
const DOC_NUMBER_MAX = 21;
const DISPLAY_NAME_MAX = 500;

export function partyFromCustomer(record: Obj): Party {
  return pick(record, record.name ?? record.billingAddress?.name, record.company ?? record.billingAddress?.company);
}

export function partyFromDocument(customer: Obj | undefined): Party {
  const c = customer ?? {};
  return pick(c, c.billingAddress?.name ?? c.shippingAddress?.name, c.billingAddress?.company);
}

function pick(c: Obj, name: string | undefined, company: string | undefined): Party {
  return {
    customerNumber: c.customerNumber,
    name,
    company,
    email: c.email ?? c.billingAddress?.email,
    phone: c.phone ?? c.billingAddress?.phone,
    vatNumber: c.vatNumber,
    billingAddress: c.billingAddress,
    shippingAddress: c.shippingAddress,
  };
}

/**
 * QBO's DisplayName is unique per company and is how a re-run finds a customer it created. Both
 * plugs derive it the same way: company or name, then the customer number, then (for a customer
 * in another currency, which QBO needs as a separate customer) the currency.
 */
export function displayName(party: Party, foreignCurrency?: string): string {
  const base = party.company || party.name || party.email || party.customerNumber;
  if (!base) throw new RecordError("The customer has no company, name, e-mail or customer number to name it by in QuickBooks", "customer");
  const parts = [base, party.customerNumber && party.customerNumber !== base ? `(${party.customerNumber})` : "", foreignCurrency ? `[${foreignCurrency}]` : ""];
  // QBO refuses colons (its sub-customer separator), tabs and newlines in names.
  return parts.filter(Boolean).join(" ").replace(/[:\t\r\n]+/g, " ").replace(/ {2,}/g, " ").slice(0, DISPLAY_NAME_MAX);
}

export function toQboAddress(a: Obj | undefined): QboObject | undefined {
  if (!a) return undefined;
  const lines = [a.name, a.company, a.street, a.street2].filter((l) => typeof l === "string" && l.trim() !== "");
  const address: QboObject = { City: a.city, PostalCode: a.postalCode, CountrySubDivisionCode: a.region, Country: a.countryCode };
  lines.slice(0, 5).forEach((line, i) => (address[`Line${i + 1}`] = line));
  return withoutUndefined(address);
}

/** A QBO Customer body; `currency` only when creating (QBO never changes a customer's currency). */
export function toQboCustomer(party: Party, opts: { displayName: string; currency?: string }): QboObject {
  return withoutUndefined({
    DisplayName: opts.displayName,
    CompanyName: party.company,
    PrintOnCheckName: party.company ?? party.name,
    PrimaryEmailAddr: party.email ? { Address: party.email } : undefined,
    PrimaryPhone: party.phone ? { FreeFormNumber: party.phone } : undefined,
    PrimaryTaxIdentifier: party.vatNumber,
    BillAddr: toQboAddress(party.billingAddress),
    ShipAddr: toQboAddress(party.shippingAddress ?? party.billingAddress),
    CurrencyRef: opts.currency ? { value: opts.currency } : undefined,
  });
}

/** CustomerRef is the plug's to add: the customer is looked up only once the record maps. */
export type InvoiceMapContext = {
  company: CompanyContext;
  settings: InvoiceExportSettings;
  /** QBO item id per SKU, for rows whose SKU matched an item. */
  itemIdBySku: Map<string, string>;
};

export type MappedInvoice = { entity: "Invoice" | "CreditMemo"; body: QboObject; expectedTotal: string };

/** An invoice record as a QBO Invoice, or a credit note (creditOf set) as a CreditMemo with positive amounts. */
export function toQboInvoice(record: ExportedRecord, ctx: InvoiceMapContext): MappedInvoice {
  const r = record as Obj;
  const credit = Boolean(r.creditOf);
  const sign = new Dec(credit ? -1 : 1);
  const minor = minorUnits(r.currency) ?? 2;
  const taxCodeFor = taxCodeResolver(ctx);
  const kinds = [
    ["rows", (row: Obj) => (row.sku && ctx.itemIdBySku.get(row.sku)) || ctx.settings.salesItemId],
    ["shippingRows", () => ctx.settings.shippingItemId],
    ["feeRows", (row: Obj, amount: Dec) => (amount.isNegative() ? ctx.settings.discountItemId : ctx.settings.feeItemId)],
  ] as const;
  const lines: QboObject[] = [];
  const taxes = new Map<string, { rateId: string; percent: string; net: Dec; vat: Dec }>();
  for (const [kind, itemFor] of kinds) {
    (r[kind] ?? []).forEach((row: Obj, i: number) => {
      const line = lineFor(row, sign, minor);
      const tax = taxCodeFor(row.vatRatePercent, `${kind}.${i}.vatRatePercent`);
      lines.push(toQboLine(row, line, itemFor(row, line.amount), tax.taxCodeId, ctx.settings));
      const sum = taxes.get(tax.taxCodeId) ?? { rateId: tax.rateId, percent: tax.percent, net: new Dec(0), vat: new Dec(0) };
      taxes.set(tax.taxCodeId, { ...sum, net: sum.net.plus(line.amount), vat: sum.vat.plus(line.vat) });
    });
  }
  const taxLines = [...taxes.values()];
  const totalTax = taxLines.reduce((s, t) => s.plus(t.vat), new Dec(0));
  const net = lines.reduce((s, l) => s.plus(new Dec(l.Amount)), new Dec(0));
  const body = withoutUndefined({
    ...header(r, ctx, credit),
    Line: lines,
    TxnTaxDetail: {
      TotalTax: jsonNumber(totalTax, "totals.totalVat"),
      TaxLine: taxLines.map((t) => ({
        Amount: jsonNumber(t.vat, "totals.totalVat"),
        DetailType: "TaxLineDetail",
        TaxLineDetail: {
          TaxRateRef: { value: t.rateId },
          PercentBased: true,
          TaxPercent: jsonNumber(new Dec(t.percent), "vatRatePercent"),
          NetAmountTaxable: jsonNumber(t.net, "totals.totalExclVat"),
        },
      })),
    },
  });
  return { entity: credit ? "CreditMemo" : "Invoice", body, expectedTotal: formatFixed(net.plus(totalTax), minor) };
}

function header(r: Obj, ctx: InvoiceMapContext, credit: boolean): QboObject {
  const docNumber = r.invoiceNumber as string | undefined;
  if (docNumber && docNumber.length > DOC_NUMBER_MAX) {
    throw new RecordError(`invoiceNumber "${docNumber}" is longer than QuickBooks allows (${DOC_NUMBER_MAX} characters)`, "invoiceNumber");
  }
  return {
    DocNumber: docNumber,
    TxnDate: String(r.invoiceDate).slice(0, 10),
    DueDate: credit || !r.dueDate ? undefined : String(r.dueDate).slice(0, 10),
    ...currencyFields(r, ctx.company),
    GlobalTaxCalculation: ctx.settings.globalTaxCalculation,
    BillAddr: toQboAddress(r.customer?.billingAddress),
    ShipAddr: credit ? undefined : toQboAddress(r.customer?.shippingAddress),
    BillEmail: r.customer?.email ? { Address: r.customer.email } : undefined,
    CustomerMemo: r.note ? { value: String(r.note).slice(0, 1000) } : undefined,
    PrivateNote: r.paymentReference ? `Payment reference: ${r.paymentReference}` : undefined,
  };
}

/** CurrencyRef always; ExchangeRate only for a foreign currency and only when the record says (else QBO uses its rate for the date). */
function currencyFields(r: Obj, company: CompanyContext): QboObject {
  const currency = r.currency as string;
  if (currency === company.homeCurrency) return { CurrencyRef: { value: currency } };
  if (!company.multiCurrency) {
    throw new RecordError(`The invoice is in ${currency} but the QuickBooks company (home currency ${company.homeCurrency}) has multicurrency turned off`, "currency");
  }
  const rate = r.customData?.[EXCHANGE_RATE_KEY];
  return { CurrencyRef: { value: currency }, ExchangeRate: rate === undefined ? undefined : jsonNumber(new Dec(String(rate)), `customData.${EXCHANGE_RATE_KEY}`) };
}

/** VAT rate → the TaxCode the plug settings name for it, checked against the code's rate in QBO. */
function taxCodeResolver(ctx: InvoiceMapContext) {
  const table = new Map(ctx.settings.taxCodes.map((t) => [new Dec(t.vatRatePercent).toString(), t.taxCodeId]));
  return (rate: string, field: string) => {
    const taxCodeId = table.get(new Dec(rate).toString());
    if (!taxCodeId) throw new RecordError(`No QuickBooks tax code is set for VAT rate ${rate} %: add it to the plug's VAT rate table`, field);
    const info = ctx.company.taxCodes.get(taxCodeId);
    if (!info) throw new RecordError(`QuickBooks has no sales tax code ${taxCodeId} (set for VAT rate ${rate} %)`, field);
    if (!new Dec(info.percent).equals(new Dec(rate))) {
      throw new RecordError(`VAT rate ${rate} % is set to QuickBooks tax code ${taxCodeId}, whose rate is ${info.percent} %`, field);
    }
    return { taxCodeId, ...info };
  };
}

type LineAmounts = { qty: Dec; amount: Dec; vat: Dec; unitPrice?: Dec };

/** A row's net amount exactly as Crossdock's checks compute it, signed for the QBO document. */
function lineFor(row: Obj, sign: Dec, minor: number): LineAmounts {
  const q = new Dec(row.quantity);
  const vat = new Dec(row.vatAmount);
  let net: Dec;
  if (row.totalExclVat != null) net = new Dec(row.totalExclVat);
  else if (row.pricePerUnitExclVat != null) net = roundTo(q.times(row.pricePerUnitExclVat), minor);
  else net = roundTo(q.times(row.pricePerUnitInclVat), minor).minus(vat);
  const qty = q.times(sign);
  const amount = net.times(sign);
  return { qty, amount, vat: vat.times(sign), unitPrice: unitPrice(row.pricePerUnitExclVat, qty, amount, minor) };
}

/**
 * QBO checks Amount = Qty × UnitPrice (to the cent). The row's own excl. price when it reproduces
 * the amount, else amount / qty to 6 decimals when that does; otherwise no unit price (QBO then
 * keeps the amount as sent).
 */
function unitPrice(excl: string | null | undefined, qty: Dec, amount: Dec, minor: number): Dec | undefined {
  if (qty.isZero()) return undefined;
  const candidates = [excl == null ? undefined : new Dec(excl), amount.dividedBy(qty).toDecimalPlaces(UNIT_PRICE_DECIMALS)];
  return candidates.find((p) => p !== undefined && p.decimalPlaces() <= UNIT_PRICE_DECIMALS && roundTo(qty.times(p), minor).equals(amount));
}

function toQboLine(row: Obj, line: LineAmounts, itemId: string, taxCodeId: string, settings: InvoiceExportSettings): QboObject {
  const description = [row.name ?? row.sku, row.discountExclVat ? `(discount ${row.discountExclVat} included)` : ""].filter(Boolean).join(" ");
  const withPrice = line.unitPrice !== undefined;
  return withoutUndefined({
    DetailType: "SalesItemLineDetail",
    Amount: jsonNumber(line.amount, "rows"),
    Description: description ? description.slice(0, 4000) : undefined,
    SalesItemLineDetail: withoutUndefined({
      ItemRef: { value: itemId },
      Qty: withPrice ? jsonNumber(line.qty, "rows.quantity") : undefined,
      UnitPrice: withPrice ? jsonNumber(line.unitPrice!, "rows.pricePerUnitExclVat") : undefined,
      TaxCodeRef: { value: taxCodeId },
      TaxInclusiveAmt: settings.globalTaxCalculation === "TaxInclusive" ? jsonNumber(line.amount.plus(line.vat), "rows") : undefined,
    }),
  });
}

/** An exact decimal as a JSON number, only when the number prints back as the same decimal (see the file comment). */
export function jsonNumber(value: Dec, field: string): number {
  const n = Number(value.toString());
  if (!Number.isFinite(n) || !new Dec(String(n)).equals(value)) {
    throw new RecordError(`${value.toString()} has more digits than QuickBooks can take exactly`, field);
  }
  return n;
}

function withoutUndefined<T extends Obj>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}
