/**
 * In-memory company for the QuickBooks Online simulator: a VAT company from a profile (a UK one by
 * default, a Swedish one for the demo), multicurrency on, seeded deterministically. Entities keep QBO's JSON shape; money is computed with Dec from the JSON
 * numbers' shortest decimal text, so 66.96 stays 66.96.
 */
import { Dec, formatFixed } from "@/lib/money/decimal";
import { matches, parseQuery, QuerySyntaxError } from "./simulator-query";

type Entity = Record<string, any>;

/** A QBO Fault answer; `type` is ValidationFault, SystemFault, AUTHENTICATION, SERVICE … */
export class Fault extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly detail: string,
    readonly type = "ValidationFault",
    readonly element?: string,
  ) {
    super(message);
  }
}

const notFound = (entity: string, id: string) =>
  new Fault(400, "610", "Object Not Found", `Object Not Found : Something you're trying to use has been made inactive. ${entity} Id=${id}`);
const required = (element: string) =>
  new Fault(400, "2020", "Required param missing, need to supply the required value for the API", `Required parameter ${element} is missing in the request`, "ValidationFault", element);
const business = (detail: string, element?: string) =>
  new Fault(400, "6000", "A business validation error has occurred while processing your request", `Business Validation Error: ${detail}`, "ValidationFault", element);

/** Exchange rates (home currency per unit) QBO would use when a transaction does not say. */
/** The simulated company: where it is, its home currency, its VAT rates and its exchange rates to the home currency. */
export type CompanyProfile = {
  name: string;
  country: string;
  address: { Line1: string; City: string; PostalCode: string };
  homeCurrency: string;
  /** [TaxRate id, name, percent]; each rate gets a TaxCode with id = rate id + 1. */
  rates: [string, string, number][];
  exchangeRates: Record<string, string>;
};

export const companyProfiles = {
  /** A UK VAT company: 20 % standard, 5 % reduced, 0 % zero-rated (TaxCodes 2, 3, 4), exempt (5). */
  GB: {
    name: "Crossdock Demo Ltd",
    country: "GB",
    address: { Line1: "1 Dock Street", City: "London", PostalCode: "E1 8AA" },
    homeCurrency: "GBP",
    rates: [["1", "20.0% S", 20], ["2", "5.0% R", 5], ["3", "0.0% Z", 0], ["4", "Exempt", 0]],
    exchangeRates: { GBP: "1", EUR: "0.85", USD: "0.79", SEK: "0.074" },
  },
  /** A Swedish company: moms 25 %, 12 %, 6 %, 0 % (TaxCodes 2, 3, 4, 5) — the embedded demo's books. */
  SE: {
    name: "Acme Outdoor AB",
    country: "SE",
    address: { Line1: "Hamngatan 1", City: "Stockholm", PostalCode: "111 47" },
    homeCurrency: "SEK",
    rates: [["1", "Moms 25%", 25], ["2", "Moms 12%", 12], ["3", "Moms 6%", 6], ["4", "Momsfri 0%", 0]],
    exchangeRates: { SEK: "1", EUR: "11.50", USD: "10.60", GBP: "13.40", NOK: "0.98", DKK: "1.54" },
  },
} satisfies Record<string, CompanyProfile>;
/** Entities the query endpoint knows, with their queryable fields (others are a QueryValidationError). */
const QUERYABLE: Record<string, string[]> = {
  Customer: ["Id", "DisplayName", "CompanyName", "GivenName", "FamilyName", "PrimaryEmailAddr", "Active"],
  Item: ["Id", "Name", "Sku", "Type", "Active"],
  TaxCode: ["Id", "Name", "Active"],
  TaxRate: ["Id", "Name", "Active"],
  Invoice: ["Id", "DocNumber", "TxnDate", "CustomerRef"],
  CreditMemo: ["Id", "DocNumber", "TxnDate", "CustomerRef"],
};
const SHIPPING_ITEM_ID = "SHIPPING_ITEM_ID";

const num = (v: unknown): Dec => new Dec(typeof v === "number" ? String(v) : String(v ?? "0"));
const money = (d: Dec) => Number(formatFixed(d, 2));

export class QuickBooksStore {
  readonly entities: Record<string, Map<string, Entity>> = {};
  companyInfo: Entity;
  preferences: Entity;
  private nextId = 100;

  constructor(
    readonly realmId: string,
    readonly profile: CompanyProfile = companyProfiles.GB,
  ) {
    for (const name of Object.keys(QUERYABLE)) this.entities[name] = new Map();
    this.companyInfo = {
      Id: realmId,
      SyncToken: "0",
      CompanyName: profile.name,
      LegalName: profile.name,
      Country: profile.country,
      CompanyAddr: { ...profile.address, Country: profile.country },
    };
    this.preferences = {
      Id: "1",
      SyncToken: "0",
      CurrencyPrefs: { MultiCurrencyEnabled: true, HomeCurrency: { value: profile.homeCurrency } },
      TaxPrefs: { UsingSalesTax: true, PartnerTaxEnabled: true },
      SalesFormsPrefs: { AllowShipping: true, CustomTxnNumbers: true },
    };
    this.seed();
  }

  private seed(): void {
    for (const [id, name, rate] of this.profile.rates) {
      this.put("TaxRate", { Id: id, Name: name, RateValue: rate, Active: true, AgencyRef: { value: "1" } });
      this.put("TaxCode", {
        Id: String(Number(id) + 1),
        Name: name,
        Active: true,
        Taxable: rate > 0,
        SalesTaxRateList: { TaxRateDetail: [{ TaxRateRef: { value: id, name }, TaxTypeApplicable: "TaxOnAmount", TaxOrder: 0 }] },
      });
    }
    const items: [string, string, string | undefined][] = [
      ["1", "Sales", undefined],
      ["2", "Fees", "FEE"],
      ["3", "Discount", "DISCOUNT"],
      ["10", "T-shirt, medium", "SHIRT-M"],
      ["11", "Book", "BOOK-1"],
    ];
    for (const [id, name, sku] of items) {
      this.put("Item", { Id: id, Name: name, Sku: sku, Type: "Service", Active: true, IncomeAccountRef: { value: "79" } });
    }
    this.put("Customer", {
      Id: "1",
      DisplayName: "Amy's Bird Sanctuary",
      CompanyName: "Amy's Bird Sanctuary",
      PrimaryEmailAddr: { Address: "birds@intuit.com" },
      CurrencyRef: { value: this.profile.homeCurrency },
      Active: true,
    });
  }

  private put(entity: string, body: Entity): Entity {
    const now = new Date().toISOString();
    const stored: Entity = { SyncToken: "0", ...body, MetaData: { CreateTime: now, LastUpdatedTime: now } };
    this.entities[entity].set(stored.Id, stored);
    return stored;
  }

  get(entity: string, id: string): Entity {
    const found = this.entities[entity]?.get(id);
    if (!found) throw notFound(entity, id);
    return found;
  }

  all(entity: string): Entity[] {
    return [...(this.entities[entity]?.values() ?? [])];
  }

  create(entity: string, body: Entity): Entity {
    if (body.Id) throw business("Id must not be set on create", "Id");
    const prepared = this.prepare(entity, body, undefined);
    return this.put(entity, { ...prepared, Id: String(this.nextId++) });
  }

  /** Full or sparse update: SyncToken must be the current one (else 5010), as in QBO. */
  update(entity: string, body: Entity): Entity {
    if (!body.Id) throw required(`${entity}.Id`);
    const current = this.get(entity, String(body.Id));
    if (String(body.SyncToken) !== current.SyncToken) {
      throw new Fault(
        400,
        "5010",
        "Stale Object Error",
        `Stale Object Error : You and another user were working on the same thing. Please refresh and try again. SyncToken ${body.SyncToken} is not ${current.SyncToken}`,
      );
    }
    const { sparse, ...fields } = body;
    const merged = sparse === true || sparse === "true" ? { ...current, ...fields } : { Id: current.Id, ...fields };
    const prepared = this.prepare(entity, merged, current);
    const updated = {
      ...prepared,
      SyncToken: String(Number(current.SyncToken) + 1),
      MetaData: { ...current.MetaData, LastUpdatedTime: new Date().toISOString() },
    };
    this.entities[entity].set(current.Id, updated);
    return updated;
  }

  private prepare(entity: string, body: Entity, current: Entity | undefined): Entity {
    if (entity === "Customer") return this.prepareCustomer(body, current);
    if (entity === "Invoice" || entity === "CreditMemo") return this.prepareTransaction(entity, body);
    throw new Fault(400, "2010", "Request has invalid or unsupported property", `Writing ${entity} is not simulated`);
  }

  private prepareCustomer(body: Entity, current: Entity | undefined): Entity {
    const personName = [body.GivenName, body.FamilyName].filter(Boolean).join(" ");
    const displayName = String(body.DisplayName ?? (personName || body.CompanyName) ?? "").trim();
    if (!displayName) throw required("DisplayName");
    if (/[:\t\n]/.test(displayName)) throw business("The name cannot contain a colon (:), tab or newline.", "DisplayName");
    const clash = this.all("Customer").find((c) => c.Id !== current?.Id && c.DisplayName.toLowerCase() === displayName.toLowerCase());
    if (clash) {
      throw new Fault(400, "6240", "Duplicate Name Exists Error", `The name supplied already exists. : Id=${clash.Id}`, "ValidationFault", "DisplayName");
    }
    const home = this.homeCurrency();
    const currency = body.CurrencyRef?.value ?? current?.CurrencyRef?.value ?? home;
    if (current && current.CurrencyRef?.value !== currency) throw business("You can't change the currency of a customer.", "CurrencyRef");
    this.checkCurrency(currency);
    return { Active: true, ...body, DisplayName: displayName, CurrencyRef: { value: currency } };
  }

  homeCurrency(): string {
    return this.preferences.CurrencyPrefs.HomeCurrency.value;
  }

  private checkCurrency(currency: string): void {
    if (!this.profile.exchangeRates[currency]) throw business(`The currency ${currency} is not in the currency list.`, "CurrencyRef");
  }

  /** Invoices and credit memos: references, line arithmetic and VAT per rate, like QBO's non-US tax engine. */
  private prepareTransaction(entity: string, body: Entity): Entity {
    const customerId = body.CustomerRef?.value;
    if (!customerId) throw required("CustomerRef");
    const customer = this.entities.Customer.get(String(customerId));
    if (!customer) throw new Fault(400, "2500", "Invalid Reference Id", `Invalid Reference Id : Customer ${customerId} does not exist`, "ValidationFault", "CustomerRef");
    const currency = body.CurrencyRef?.value ?? this.homeCurrency();
    this.checkCurrency(currency);
    if (customer.CurrencyRef.value !== currency) {
      throw business(`The currency of the transaction (${currency}) is not the currency of the customer (${customer.CurrencyRef.value}).`, "CurrencyRef");
    }
    this.checkDocNumber(entity, body);
    const lines = (body.Line ?? []).filter((l: Entity) => l.DetailType !== "SubTotalLineDetail");
    if (!lines.length) throw required("Line");
    const perRate = new Map<string, { net: Dec; rate: Dec }>();
    lines.forEach((line: Entity, i: number) => this.checkLine(line, i, perRate));
    const taxLines = this.taxLines(perRate, body.TxnTaxDetail?.TaxLine ?? []);
    const totalTax = taxLines.reduce((s: Dec, l: Entity) => s.plus(num(l.Amount)), new Dec(0));
    const subtotal = lines.reduce((s: Dec, l: Entity) => s.plus(num(l.Amount)), new Dec(0));
    const total = subtotal.plus(totalTax);
    const rate = num(body.ExchangeRate ?? this.profile.exchangeRates[currency]);
    return {
      ...body,
      Line: [...lines, { Amount: money(subtotal), DetailType: "SubTotalLineDetail", SubTotalLineDetail: {} }],
      TxnTaxDetail: { TotalTax: money(totalTax), TaxLine: taxLines },
      CurrencyRef: { value: currency },
      ExchangeRate: Number(rate.toString()),
      GlobalTaxCalculation: body.GlobalTaxCalculation ?? "TaxExcluded",
      TotalAmt: money(total),
      HomeTotalAmt: money(total.times(rate)),
      Balance: money(total),
    };
  }

  private checkDocNumber(entity: string, body: Entity): void {
    if (!body.DocNumber) return;
    if (String(body.DocNumber).length > 21) throw business("DocNumber is longer than 21 characters.", "DocNumber");
    const clash = this.all(entity).find((t) => t.Id !== body.Id && t.DocNumber === body.DocNumber);
    if (clash) throw new Fault(400, "6140", "Duplicate Document Number Error", `Duplicate Document Number Error : You must specify a different number. This number has already been used. DocNumber=${body.DocNumber} is assigned to TxnType=${entity} with TxnId=${clash.Id}`);
  }

  private checkLine(line: Entity, i: number, perRate: Map<string, { net: Dec; rate: Dec }>): void {
    const at = `Line[${i}]`;
    if (line.DetailType !== "SalesItemLineDetail") throw business(`Line DetailType ${line.DetailType} is not simulated`, `${at}.DetailType`);
    const detail = line.SalesItemLineDetail ?? {};
    const itemId = detail.ItemRef?.value;
    if (!itemId) throw required(`${at}.SalesItemLineDetail.ItemRef`);
    if (itemId !== SHIPPING_ITEM_ID || !this.preferences.SalesFormsPrefs.AllowShipping) this.get("Item", String(itemId));
    const taxCodeId = detail.TaxCodeRef?.value;
    if (!taxCodeId) throw business("Make sure all your transactions have a VAT rate before you save.", `${at}.SalesItemLineDetail.TaxCodeRef`);
    const taxCode = this.get("TaxCode", String(taxCodeId));
    const amount = num(line.Amount);
    if (detail.Qty !== undefined && detail.UnitPrice !== undefined) {
      const expected = num(detail.Qty).times(num(detail.UnitPrice));
      if (!new Dec(formatFixed(expected, 2)).equals(amount)) {
        throw new Fault(400, "6070", "Amount calculation incorrect", `Amount is not equal to UnitPrice * Qty. Supplied value:${line.Amount}`, "ValidationFault", `${at}.Amount`);
      }
    }
    const rateId = taxCode.SalesTaxRateList.TaxRateDetail[0].TaxRateRef.value;
    const rate = num(this.get("TaxRate", rateId).RateValue);
    const sum = perRate.get(rateId) ?? { net: new Dec(0), rate };
    perRate.set(rateId, { net: sum.net.plus(amount), rate });
  }

  /**
   * VAT per rate on the rate's net sum, rounded half away from zero. A TaxLine sent for a rate
   * overrides the amount (QBO lets non-US companies adjust VAT), but its net must match the lines.
   */
  private taxLines(perRate: Map<string, { net: Dec; rate: Dec }>, sent: Entity[]): Entity[] {
    const overrides = new Map<string, Entity>();
    for (const line of sent) {
      const rateId = String(line.TaxLineDetail?.TaxRateRef?.value ?? "");
      const computed = perRate.get(rateId);
      if (!computed) throw business(`TaxLine for tax rate ${rateId} has no line with that rate.`, "TxnTaxDetail.TaxLine");
      if (line.TaxLineDetail.NetAmountTaxable !== undefined && !num(line.TaxLineDetail.NetAmountTaxable).equals(computed.net)) {
        throw business(`NetAmountTaxable ${line.TaxLineDetail.NetAmountTaxable} for tax rate ${rateId} is not the lines' net ${computed.net}.`, "TxnTaxDetail.TaxLine");
      }
      overrides.set(rateId, line);
    }
    return [...perRate].map(([rateId, { net, rate }]) => ({
      Amount: overrides.has(rateId) ? money(num(overrides.get(rateId)!.Amount)) : money(net.times(rate).dividedBy(100)),
      DetailType: "TaxLineDetail",
      TaxLineDetail: { TaxRateRef: { value: rateId }, PercentBased: true, TaxPercent: rate.toNumber(), NetAmountTaxable: money(net) },
    }));
  }

  /** Runs a query; answers QBO's QueryResponse object. */
  query(text: string): Entity {
    let parsed;
    try {
      parsed = parseQuery(text);
    } catch (e) {
      if (e instanceof QuerySyntaxError) throw new Fault(400, "4000", "Error parsing query", `QueryParserError: ${e.message}`);
      throw e;
    }
    const entity = Object.keys(QUERYABLE).find((k) => k.toLowerCase() === parsed.entity.toLowerCase());
    if (!entity) throw new Fault(400, "4001", "Invalid query", `QueryValidationError: Entity ${parsed.entity} is not supported`);
    for (const cond of parsed.where) {
      if (!QUERYABLE[entity].includes(cond.field)) {
        throw new Fault(400, "4001", "Invalid query", `QueryValidationError: property '${cond.field}' is not queryable`);
      }
    }
    let rows = this.all(entity).filter((e) => parsed.where.every((c) => matches(fieldValue(e, c.field), c)));
    if (parsed.count) return { totalCount: rows.length };
    if (parsed.orderBy) {
      const { field, desc } = parsed.orderBy;
      rows = rows.sort((a, b) => String(fieldValue(a, field)).localeCompare(String(fieldValue(b, field))) * (desc ? -1 : 1));
    }
    const page = rows.slice(parsed.startPosition - 1, parsed.startPosition - 1 + parsed.maxResults);
    return page.length ? { [entity]: page, startPosition: parsed.startPosition, maxResults: page.length } : {};
  }
}

/** A queryable field's value: references and e-mail objects compare by their inner value. */
function fieldValue(entity: Entity, field: string): unknown {
  const v = entity[field];
  if (v && typeof v === "object") return v.value ?? v.Address;
  return v;
}
