/** Display helpers for record data: values are shown exactly as stored (amounts stay strings). */

export type Json = Record<string, unknown>;

const words: Record<string, string> = { vat: "VAT", id: "ID", sku: "SKU", ean: "EAN", gtin: "GTIN", url: "URL", iso: "ISO", org: "Org", eori: "EORI" };

/** `pricePerUnitInclVat` → "Price per unit incl VAT"; `title_lang` → "Title (languages)". */
export function fieldLabel(key: string): string {
  const [base, suffix] = key.split("_", 2);
  const parts = base
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[\s.]+/)
    .filter(Boolean)
    .map((w) => words[w.toLowerCase()] ?? w.toLowerCase());
  let label = parts.join(" ");
  label = label.charAt(0).toUpperCase() + label.slice(1);
  if (suffix === "lang") return `${label} (languages)`;
  if (suffix === "lang2") return `${label} (language codes)`;
  if (suffix === "fallback") return `${label} (fallback)`;
  return suffix ? `${label} ${suffix}` : label;
}

export function isPlainObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A scalar as text; null and absent as an em dash. */
export function scalar(v: unknown): string {
  if (v === null || v === undefined || v === "") return "—";
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return JSON.stringify(v);
}

/** A translatable text: the plain field, else the first translation, else the fallback. */
export function text(data: Json, key: string): string | undefined {
  const plain = data[key];
  if (typeof plain === "string" && plain) return plain;
  for (const variant of [`${key}_lang`, `${key}_lang2`]) {
    const map = data[variant];
    if (isPlainObject(map)) {
      const first = Object.values(map).find((v) => typeof v === "string" && v);
      if (typeof first === "string") return first;
    }
  }
  const fallback = data[`${key}_fallback`];
  return typeof fallback === "string" && fallback ? fallback : undefined;
}

/** The first of several keys that holds a non-empty string. */
export function firstText(data: Json, ...keys: string[]): string | undefined {
  for (const k of keys) {
    const v = text(data, k);
    if (v) return v;
  }
  return undefined;
}

/** Read a dotted path such as `customer.name`. */
export function at(data: Json, path: string): unknown {
  let cur: unknown = data;
  for (const part of path.split(".")) {
    if (!isPlainObject(cur)) return undefined;
    cur = cur[part];
  }
  return cur;
}

/** An exact amount with its currency, e.g. "250.00 SEK"; never parsed into a float. */
export function money(amount: unknown, currency: unknown): string {
  if (amount === null || amount === undefined || amount === "") return "—";
  return typeof currency === "string" && currency ? `${String(amount)} ${currency}` : String(amount);
}

/** An ISO date or date-time shown as "2026-01-31" or "2026-01-31 12:00 UTC", else as given. */
export function dateText(v: unknown): string {
  if (typeof v !== "string" || !v) return "—";
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) return v;
  const iso = d.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** `connection/con_…` → the connection's name; `user/x@y` → x@y; `system/auto-invoice` → "auto-invoice (system)". */
export function writerLabel(by: string, connectionNames: Record<string, string>): string {
  const [kind, ...rest] = by.split("/");
  const id = rest.join("/");
  if (kind === "connection") return connectionNames[id] ? `${connectionNames[id]} (connection)` : `Connection ${id}`;
  if (kind === "user") return id;
  if (kind === "system") return `${id} (system)`;
  return by;
}

/** Reading order for record fields; keys not listed follow in their stored order. */
const keyOrder = [
  // identity
  "orderNumber", "invoiceNumber", "customerNumber", "sku", "code", "localId",
  "title", "title_lang", "title_lang2", "title_fallback",
  "name", "company", "reference", "orgNumber", "vatNumber",
  // dates and status
  "orderDate", "invoiceDate", "dueDate", "orderStatus", "paymentStatus", "shippingStatus", "status", "active",
  // links to other records
  "orderLocalId", "creditOf", "parentLocalId", "attributeLocalId", "variantGroupLocalId", "categoryLocalIds", "attributeLocalIds", "attributeValueLocalIds", "productLocalId",
  // money
  "currency", "vatRatePercent", "priceExclVat", "priceInclVat", "stock", "stockType", "weight", "ean", "gtin",
  "paymentMethod", "paymentReference", "language",
  // contact and addresses
  "street", "street2", "postalCode", "city", "region", "countryCode", "email", "phone",
  "customer", "billingAddress", "shippingAddress",
  // payments and shipments
  "method", "amount", "carrier", "service", "trackingNumber", "trackingUrl", "shippedAt", "paidAt",
  "payments", "shipments", "rows", "shippingRows", "feeRows", "totals",
  "description", "description_lang", "description_lang2", "description_fallback", "note",
];
const rank = new Map(keyOrder.map((k, i) => [k, i]));

export function orderedEntries(o: Json): [string, unknown][] {
  return Object.entries(o)
    .map((e, i) => ({ e, r: rank.get(e[0]) ?? keyOrder.length + i }))
    .sort((a, b) => a.r - b.r)
    .map((x) => x.e);
}

/** Deep equality for JSON values, ignoring object key order. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => sameJson(v, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && sameJson(a[k], b[k]));
  }
  return false;
}
