import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { dec, formatFixed, roundTo } from "@/lib/money";
import { createApiConnection } from "@/lib/services/connections/create-api-connection";
import { createLogEvents } from "@/lib/services/log-events/create";
import { batchUpsertRecords } from "@/lib/services/records/batch";
import type { RecordCtx } from "@/lib/services/records/context";

const products = [
  { sku: "TENT-2P", title: "Trail tent, 2 person", priceInclVat: "2495.00", stock: "14" },
  { sku: "BAG-30L", title: "Day pack 30 l", priceInclVat: "899.00", stock: "52" },
  { sku: "STOVE-G", title: "Gas stove", priceInclVat: "549.00", stock: "31" },
  { sku: "MUG-TI", title: "Titanium mug", priceInclVat: "249.00", stock: "120" },
  { sku: "SOCK-W", title: "Wool socks", priceInclVat: "179.00", stock: "340" },
];
const VAT = "25";

/** One order row from an incl. VAT unit price, with VAT and totals computed exactly (half away from zero). */
function row(p: (typeof products)[number], quantity: number) {
  const incl = dec(p.priceInclVat);
  const excl = incl.div(dec(1).plus(dec(VAT).div(100)));
  const totalIncl = incl.times(quantity);
  const totalExcl = roundTo(excl.times(quantity), 2);
  return {
    sku: p.sku,
    name: p.title,
    quantity: String(quantity),
    pricePerUnitInclVat: p.priceInclVat,
    pricePerUnitExclVat: formatFixed(excl, 4),
    vatRatePercent: VAT,
    vatAmount: formatFixed(totalIncl.minus(totalExcl), 2),
    totalExclVat: formatFixed(totalExcl, 2),
    totalInclVat: formatFixed(totalIncl, 2),
  };
}

function order(n: number, daysAgo: number, lines: [number, number][], status: { orderStatus: string; paymentStatus: string; shippingStatus: string }) {
  const rows = lines.map(([i, q]) => row(products[i], q));
  const shipping = row({ sku: "SHIPPING", title: "Shipping", priceInclVat: "59.00", stock: "0" }, 1);
  const all = [...rows, shipping];
  const sum = (k: "totalExclVat" | "vatAmount") => all.reduce((acc, r) => acc.plus(r[k]), dec(0));
  const date = new Date(Date.UTC(2026, 10, 22) - daysAgo * 86_400_000).toISOString();
  return {
    remoteId: String(5000 + n),
    remoteRef: `#${1000 + n}`,
    orderNumber: String(1000 + n),
    orderDate: date,
    ...status,
    currency: "SEK",
    paymentMethod: "card",
    customer: {
      customerNumber: `C-${200 + n}`,
      email: `customer${n}@example.se`,
      billingAddress: { name: ["Åsa Öberg", "Lars Nilsson", "Maja Ek", "Nils Berg"][n % 4], street: "Storgatan 1", postalCode: "111 22", city: "Stockholm", countryCode: "SE" },
    },
    rows,
    shippingRows: [{ ...shipping, sku: undefined }],
    totals: { totalExclVat: formatFixed(sum("totalExclVat"), 2), totalVat: formatFixed(sum("vatAmount"), 2), totalInclVat: formatFixed(sum("totalExclVat").plus(sum("vatAmount")), 2) },
  };
}

/**
 * Demo catalogue and orders for acme, written through the record services by an API connection, so
 * the Records pages and the Tenant API have something to show. Returns the connection id.
 */
export async function seedDemoRecords(db: Db, actor: Actor, tenantId: string): Promise<string> {
  const connection = await createApiConnection({ db, actor, tenantId, input: { name: "Demo storefront (API)" } });
  const ctx: RecordCtx = { db, tenantId, connectionId: connection.connectionId, writer: { kind: "connection", connection: { id: connection.connectionId, name: connection.name, connector: connection.connector } } };
  const priceExcl = (p: string) => formatFixed(dec(p).div(1.25), 2);
  await batchUpsertRecords({
    ctx,
    type: "product",
    body: products.map((p) => ({ remoteId: p.sku, sku: p.sku, title: p.title, vatRatePercent: VAT, priceInclVat: p.priceInclVat, priceExclVat: priceExcl(p.priceInclVat), currency: "SEK", stock: p.stock, active: true })),
  });
  const paid = { orderStatus: "processing", paymentStatus: "paid", shippingStatus: "unshipped" };
  const done = { orderStatus: "completed", paymentStatus: "paid", shippingStatus: "shipped" };
  const fresh = { orderStatus: "new", paymentStatus: "authorized", shippingStatus: "unshipped" };
  await batchUpsertRecords({
    ctx,
    type: "order",
    body: [
      order(1, 6, [[0, 1], [4, 2]], done),
      order(2, 4, [[1, 1]], done),
      order(3, 2, [[2, 1], [3, 2]], paid),
      order(4, 1, [[4, 3]], paid),
      order(5, 0, [[0, 1], [1, 1], [3, 1]], fresh),
    ],
  });
  await createLogEvents({
    db,
    tenantId,
    connectionId: connection.connectionId,
    input: [
      { severity: "info", relatedRecordType: "product", direction: "import", summary: "Imported 5 products from the storefront", time: new Date(Date.now() - 3_600_000).toISOString() },
      { severity: "info", relatedRecordType: "order", direction: "import", summary: "Imported 5 orders", body: ["Orders 1001–1005 since the last run."], time: new Date(Date.now() - 1_800_000).toISOString() },
      {
        severity: "warning",
        relatedRecordType: "order",
        direction: "import",
        summary: "1 order waited for payment confirmation",
        relatedIdMsgs: [{ id: "5005", displayId: "#1005", message: "Payment still authorized only; will be picked up on the next run." }],
        time: new Date(Date.now() - 600_000).toISOString(),
      },
    ],
  });
  return connection.connectionId;
}
