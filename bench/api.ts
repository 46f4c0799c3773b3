/**
 * Tenant API benchmark against a real PostgreSQL.
 *
 *   npx tsx bench/api.ts [options]          (or: npm run bench:api -- [options])
 *
 * What it does, all in one run:
 *  1. creates a database crossdock_bench_<timestamp> on 127.0.0.1:5432 and migrates it (the app's own migrate);
 *  2. creates 1 reseller and --tenants tenants, each with an API user (tenant_users.api_access) and an `api`
 *     connection, through the services; then seeds --orders orders (10 item rows each, ~4 kB of JSON) spread
 *     evenly over the tenants with set-based SQL (INSERT … SELECT from generate_series) in chunks, plus their
 *     record_remote_ids rows and one tenant_clocks row per tenant; ANALYZE;
 *  3. builds the app once into .next-bench (if missing; --rebuild after source changes) and starts `next start` on 127.0.0.1 with the rate
 *     limiter lifted; starts a bare Node `http` + postgres-js server (this file, --serve-bare) doing the same
 *     work per request minus the framework (cached Basic credential, same SQL in the same tenant transaction,
 *     same JSON);
 *  4. autocannon, --connections connections: GET /api/order?modifiedAtOrAfter=…&limit=100 (random tenant and time
 *     per request) against both, in --rounds alternating rounds, plus 1 connection each (unloaded latency); the
 *     app's 60 s Basic-credential cache is filled before every app run so no bcrypt runs inside one; POST /api/order (one order per request, unique remoteIds); bulk import through
 *     POST /api/order/batch (1,000 orders per call from --bulk-clients clients) against a raw batched INSERT of
 *     the same rows (records + record_remote_ids) with postgres-js;
 *  5. prints a summary table with PASS/FAIL against the targets (printed only, never asserted), stops both
 *     servers and drops the database (unless --keep). Servers are stopped on errors and on Ctrl-C too.
 *
 * Options:
 *   --orders N              orders to seed, 10 item rows each (default 1000000)
 *   --tenants N             tenants the orders are spread over (default 100)
 *   --duration S            seconds per autocannon run (default 15)
 *   --connections N         autocannon connections (default 32)
 *   --rounds N              rounds of the app-vs-bare GET comparison, alternating which goes first (default 2)
 *   --bulk-orders N         orders imported by each bulk method, batch API and raw INSERT (default 50000)
 *   --bulk-clients N        concurrent clients for both bulk methods (default 4)
 *   --bulk-max-seconds S    stop starting new bulk calls after S seconds; the rate counts what was done (default 300)
 *   --quiet-wait S          before each measured run, wait up to S s until other processes on the machine use
 *                           < --quiet-cores cores (default 60; 0 = don't wait). The CPU split of each run is printed.
 *   --quiet-cores X         (default 0.3)
 *   --seed-chunk N          orders per seeding statement (default 10000)
 *   --seed-parallel N       seeding statements run at once (default 2)
 *   --pool N                database pool of the app and of the bare server (default 10, the app's default)
 *   --keep                  keep the database at the end (its name is printed)
 *   --skip-seed-if-exists   reuse the newest complete crossdock_bench_* database seeded with the same
 *                           --orders/--tenants instead of creating and seeding a new one (combine with --keep
 *                           to keep it again)
 *   --rebuild               rebuild .next-bench even if a build is there
 *   --admin-url URL         server to use (default postgres://postgres@127.0.0.1:5432/postgres)
 *   --phases LIST           which measurements to run, comma-separated from get,post,bulk (default all)
 *   --profile DIR           run both servers with --cpu-prof; their CPU profiles land in DIR/app and DIR/bare
 *
 * Figures are for comparing ratios: the load generator, both servers and PostgreSQL share the machine's cores.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon, { type Options as CannonOptions } from "autocannon";
import postgres from "postgres";

const scriptPath = fileURLToPath(import.meta.url);
const repoRoot = path.resolve(path.dirname(scriptPath), "..");
const DIST_DIR = ".next-bench";

// ---------------------------------------------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------------------------------------------

export type Opts = {
  orders: number;
  tenants: number;
  duration: number;
  connections: number;
  rounds: number;
  bulkOrders: number;
  bulkClients: number;
  bulkMaxSeconds: number;
  quietWait: number;
  quietCores: number;
  seedChunk: number;
  seedParallel: number;
  pool: number;
  keep: boolean;
  skipSeedIfExists: boolean;
  rebuild: boolean;
  adminUrl: string;
  phases: Set<string>;
  profile?: string;
};

export function parseArgs(argv: string[]): Opts {
  const o: Opts = {
    orders: 1_000_000,
    tenants: 100,
    duration: 15,
    connections: 32,
    rounds: 2,
    bulkOrders: 50_000,
    bulkClients: 4,
    bulkMaxSeconds: 300,
    quietWait: 60,
    quietCores: 0.3,
    seedChunk: 10_000,
    seedParallel: 2,
    pool: 10,
    keep: false,
    skipSeedIfExists: false,
    rebuild: false,
    adminUrl: "postgres://postgres@127.0.0.1:5432/postgres",
    phases: new Set(["get", "post", "bulk"]),
  };
  const numeric: Record<string, keyof Opts> = {
    "--orders": "orders",
    "--tenants": "tenants",
    "--duration": "duration",
    "--connections": "connections",
    "--rounds": "rounds",
    "--bulk-orders": "bulkOrders",
    "--bulk-clients": "bulkClients",
    "--bulk-max-seconds": "bulkMaxSeconds",
    "--quiet-wait": "quietWait",
    "--seed-chunk": "seedChunk",
    "--seed-parallel": "seedParallel",
    "--pool": "pool",
  };
  for (let i = 0; i < argv.length; i++) {
    const eq = argv[i].indexOf("=");
    const [flag, inline] = eq > 0 ? [argv[i].slice(0, eq), argv[i].slice(eq + 1)] : [argv[i], undefined];
    const value = () => inline ?? argv[++i];
    if (flag in numeric) {
      const n = Number(value());
      if (!Number.isInteger(n) || n < (flag === "--quiet-wait" ? 0 : 1)) throw new Error(`${flag} needs a positive whole number`);
      (o as Record<string, unknown>)[numeric[flag]] = n;
    } else if (flag === "--keep") o.keep = true;
    else if (flag === "--skip-seed-if-exists") o.skipSeedIfExists = true;
    else if (flag === "--rebuild") o.rebuild = true;
    else if (flag === "--admin-url") o.adminUrl = String(value());
    else if (flag === "--quiet-cores") o.quietCores = Number(value());
    else if (flag === "--profile") o.profile = path.resolve(String(value()));
    else if (flag === "--phases") {
      o.phases = new Set(String(value()).split(",").map((x) => x.trim()));
      for (const x of o.phases) if (!["get", "post", "bulk"].includes(x)) throw new Error(`--phases: unknown phase ${x}`);
    }
    else if (flag === "--help" || flag === "-h") {
      console.log(readFileSync(scriptPath, "utf8").split("*/")[0]);
      process.exit(0);
    } else throw new Error(`Unknown option ${flag} (see --help)`);
  }
  if (o.tenants > o.orders) throw new Error("--tenants cannot exceed --orders");
  return o;
}

// ---------------------------------------------------------------------------------------------------------------
// Realistic, balanced orders: the same formulas in SQL (seeding) and in TypeScript (POST bodies)
// ---------------------------------------------------------------------------------------------------------------

const PRODUCT_NAMES = [
  "Trail tent, 2 person", "Day pack 30 l", "Gas stove with piezo ignition", "Titanium mug 450 ml", "Merino wool socks",
  "Down jacket, hooded", "Rain shell, 3-layer", "Trekking poles, carbon", "Sleeping bag -5 °C", "Sleeping pad, insulated",
  "Head torch 400 lm", "Water filter", "Hiking boots, mid", "Softshell trousers", "Base layer top, merino",
  "Camp chair, folding", "Cook set, aluminium", "Dry bag 20 l", "Fleece jacket", "First aid kit, trek",
];
const COLOURS = ["black", "forest green", "navy", "burnt orange", "stone grey"];
const SIZES = ["S", "M", "L", "XL"];
const FIRST_NAMES = ["Åsa", "Lars", "Maja", "Nils", "Ingrid", "Olof", "Sara", "Björn", "Elin", "Karl", "Freja", "Gustav"];
const LAST_NAMES = ["Öberg", "Nilsson", "Ek", "Berg", "Lindqvist", "Johansson", "Sjöström", "Holm", "Andersson", "Wikström"];
const STREETS = ["Storgatan", "Drottninggatan", "Kungsgatan", "Västra Hamngatan", "Sveavägen", "Linnégatan", "Åsögatan", "Järntorget"];
const CITIES = [
  ["Stockholm", "111 22"], ["Göteborg", "411 04"], ["Malmö", "211 20"], ["Uppsala", "753 10"], ["Lund", "222 21"],
  ["Umeå", "903 26"], ["Örebro", "702 10"], ["Västerås", "722 11"],
] as const;
const STATUSES = [
  { orderStatus: "new", paymentStatus: "authorized", shippingStatus: "unshipped", payment: "authorized" },
  { orderStatus: "processing", paymentStatus: "paid", shippingStatus: "unshipped", payment: "paid" },
  { orderStatus: "completed", paymentStatus: "paid", shippingStatus: "shipped", payment: "paid" },
  { orderStatus: "completed", paymentStatus: "paid", shippingStatus: "delivered", payment: "paid" },
];
const NOTE = "Lämna paketet hos grannen om ingen är hemma. Ring gärna innan leverans.";
const SHIPPING_ROW = {
  sku: "SHIP-PN",
  name: "PostNord MyPack Collect",
  quantity: "1",
  pricePerUnitExclVat: "39.20",
  pricePerUnitInclVat: "49.00",
  vatRatePercent: "25",
  vatAmount: "9.80",
  totalExclVat: "39.20",
  totalInclVat: "49.00",
};
const SHIPPING_EXCL_CENTS = 3920;
const SHIPPING_VAT_CENTS = 980;

/** Exact amounts from integer öre (no floats touch money). */
function cents(v: number): string {
  const sign = v < 0 ? "-" : "";
  const a = Math.abs(v);
  return `${sign}${Math.trunc(a / 100)}.${String(a % 100).padStart(2, "0")}`;
}
const md5 = (s: string) => createHash("md5").update(s).digest("hex");
const isoMs = (d: Date) => d.toISOString();

/**
 * Row i (1..10) of order g: product p, quantity q, VAT rate, unit price excl. VAT in öre. Prices are chosen so VAT
 * is exact (multiples of 4 öre at 25 %, whole kronor at 12 %), so every row, the VAT and the totals balance.
 */
function rowParams(g: number, i: number) {
  const p = (g * 7 + i * 131) % 400;
  const q = 1 + ((g + i) % 3);
  const rate = p % 7 === 0 ? 12 : 25;
  const pe = rate === 12 ? 100 * (50 + (p % 300)) : 4 * (2500 + ((p * 37) % 20000));
  return { p, q, rate, pe };
}

/** The order the SQL seed builds for (tenant, g), as the API takes it (plus remoteId/remoteRef). */
export function makeOrder(tenantSalt: string, g: number, created: Date, remoteId: string): Record<string, unknown> {
  let excl = 0;
  let vat = 0;
  const rows = [];
  for (let i = 1; i <= 10; i++) {
    const { p, q, rate, pe } = rowParams(g, i);
    const incl = (pe * (100 + rate)) / 100;
    excl += q * pe;
    vat += (q * pe * rate) / 100;
    rows.push({
      sku: `SKU-${String(p).padStart(5, "0")}`,
      name: `${PRODUCT_NAMES[p % 20]}, ${COLOURS[Math.trunc(p / 20) % 5]}, size ${SIZES[Math.trunc(p / 100) % 4]}`,
      unit: "pcs",
      quantity: String(q),
      pricePerUnitExclVat: cents(pe),
      pricePerUnitInclVat: cents(incl),
      vatRatePercent: String(rate),
      vatAmount: cents((q * pe * rate) / 100),
      totalExclVat: cents(q * pe),
      totalInclVat: cents(q * incl),
    });
  }
  const st = STATUSES[g % 4];
  const c = g % 5000;
  const name = `${FIRST_NAMES[c % 12]} ${LAST_NAMES[c % 10]}`;
  const [city, zip] = CITIES[c % 8];
  const phone = `+46 70 ${String(100 + (c % 900))} ${String(10 + (c % 90))} ${String(10 + ((c * 7) % 90))}`;
  const email = `customer${c}@example.se`;
  const address = { name, street: `${STREETS[c % 8]} ${1 + (c % 90)}`, postalCode: zip, city, countryCode: "SE", phone, email };
  const totalIncl = excl + vat + SHIPPING_EXCL_CENTS + SHIPPING_VAT_CENTS;
  const orderNumber = String(100000 + g);
  const paidAt = isoMs(new Date(created.getTime() + 90_000));
  const order: Record<string, unknown> = {
    remoteId,
    remoteRef: `#${orderNumber}`,
    orderNumber,
    orderDate: isoMs(created),
    orderStatus: st.orderStatus,
    paymentStatus: st.paymentStatus,
    shippingStatus: st.shippingStatus,
    currency: "SEK",
    language: "swe",
    customer: {
      customerNumber: `C-${c}`,
      email,
      phone,
      billingAddress: address,
      shippingAddress: g % 3 === 0 ? { ...address, street: `${STREETS[(c + 3) % 8]} ${2 + (c % 70)}`, street2: "Lgh 1102" } : address,
    },
    rows,
    shippingRows: [SHIPPING_ROW],
    totals: { totalExclVat: cents(excl + SHIPPING_EXCL_CENTS), totalVat: cents(vat + SHIPPING_VAT_CENTS), totalInclVat: cents(totalIncl) },
    paymentMethod: "card",
    payments: [{ method: "card", amount: cents(totalIncl), reference: `pi_${md5(`${tenantSalt}:${g}`).slice(0, 24)}`, status: st.payment, paidAt }],
  };
  if (st.shippingStatus === "shipped" || st.shippingStatus === "delivered") {
    const tracking = `00370733${String(g).padStart(10, "0")}`;
    order.shipments = [
      { carrier: "PostNord", service: "MyPack Collect", trackingNumber: tracking, trackingUrl: `https://tracking.postnord.com/se/?id=${tracking}`, shippedAt: isoMs(new Date(created.getTime() + 86_400_000)) },
    ];
  }
  if (g % 10 === 0) order.note = NOTE;
  return order;
}

/**
 * One seeding statement: orders g = start..end of one tenant, built in SQL with the same formulas as makeOrder,
 * inserted into records and (data-modifying CTE) record_remote_ids.
 */
function seedChunk(sql: postgres.TransactionSql, t: SeedTenant, start: number, end: number, layout: Layout) {
  const source = JSON.stringify({ type: "connection", connectionType: "api", connectionId: t.connectionId, connectionName: t.connectionName, code: null });
  return sql`
    with src as (
      select g,
             md5(${t.salt}::text || ':' || g) as local_id,
             ${layout.baseIso}::timestamptz + ((${t.index}::bigint * 1000) + g::bigint * ${layout.stepMs}::bigint) * interval '1 millisecond' as lm
      from generate_series(${start}::int, ${end}::int) g
    ),
    built as (
      select s.g, s.local_id, s.lm, s.lm - ((s.g * 7919) % 3600) * interval '1 second' as created,
             st.os, st.ss, st.pay, c.cn, c.name, r.rows, r.excl, r.vat
      from src s
      cross join lateral (
        select (${STATUSES.map((x) => x.orderStatus)}::text[])[1 + s.g % 4] as os,
               (${STATUSES.map((x) => x.shippingStatus)}::text[])[1 + s.g % 4] as ss,
               (${STATUSES.map((x) => x.payment)}::text[])[1 + s.g % 4] as pay
      ) st
      cross join lateral (
        select s.g % 5000 as cn,
               (${FIRST_NAMES}::text[])[1 + (s.g % 5000) % 12] || ' ' || (${LAST_NAMES}::text[])[1 + (s.g % 5000) % 10] as name
      ) c
      cross join lateral (
        select jsonb_agg(jsonb_build_object(
                 'sku', 'SKU-' || lpad(x.p::text, 5, '0'),
                 'name', (${PRODUCT_NAMES}::text[])[1 + x.p % 20] || ', ' || (${COLOURS}::text[])[1 + (x.p / 20) % 5] || ', size ' || (${SIZES}::text[])[1 + (x.p / 100) % 4],
                 'unit', 'pcs',
                 'quantity', x.q::text,
                 'pricePerUnitExclVat', round(x.pe / 100.0, 2)::text,
                 'pricePerUnitInclVat', round(x.pe * (100 + x.rate) / 10000.0, 2)::text,
                 'vatRatePercent', x.rate::text,
                 'vatAmount', round(x.q * x.pe * x.rate / 10000.0, 2)::text,
                 'totalExclVat', round(x.q * x.pe / 100.0, 2)::text,
                 'totalInclVat', round(x.q * x.pe * (100 + x.rate) / 10000.0, 2)::text
               ) order by x.i) as rows,
               sum(x.q * x.pe)::bigint as excl,
               sum(x.q * x.pe * x.rate / 100)::bigint as vat
        from (
          select i, a.p, a.q, b.rate,
                 (case when b.rate = 12 then 100 * (50 + a.p % 300) else 4 * (2500 + (a.p * 37) % 20000) end)::bigint as pe
          from generate_series(1, 10) i
          cross join lateral (select (s.g * 7 + i * 131) % 400 as p, 1 + (s.g + i) % 3 as q) a
          cross join lateral (select case when a.p % 7 = 0 then 12 else 25 end as rate) b
        ) x
      ) r
    ),
    docs as (
      select b.*, (100000 + b.g)::text as number,
             (${CITIES.map((x) => x[0])}::text[])[1 + b.cn % 8] as city,
             (${CITIES.map((x) => x[1])}::text[])[1 + b.cn % 8] as zip,
             '+46 70 ' || (100 + b.cn % 900) || ' ' || (10 + b.cn % 90) || ' ' || (10 + (b.cn * 7) % 90) as phone,
             'customer' || b.cn || '@example.se' as email,
             b.excl + ${SHIPPING_EXCL_CENTS}::bigint + b.vat + ${SHIPPING_VAT_CENTS}::bigint as incl
      from built b
    ),
    json as (
      select d.local_id, d.lm, d.created, d.number, d.name, d.os, jsonb_strip_nulls(jsonb_build_object(
        'orderNumber', d.number,
        'orderDate', to_char(d.created at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        'orderStatus', d.os,
        'paymentStatus', (${STATUSES.map((x) => x.paymentStatus)}::text[])[1 + d.g % 4],
        'shippingStatus', d.ss,
        'currency', 'SEK',
        'language', 'swe',
        'customer', jsonb_build_object(
          'customerNumber', 'C-' || d.cn,
          'email', d.email,
          'phone', d.phone,
          'billingAddress', ba.addr,
          'shippingAddress', case when d.g % 3 = 0
            then ba.addr || jsonb_build_object('street', (${STREETS}::text[])[1 + (d.cn + 3) % 8] || ' ' || (2 + d.cn % 70), 'street2', 'Lgh 1102')
            else ba.addr end),
        'rows', d.rows,
        'shippingRows', jsonb_build_array(${JSON.stringify(SHIPPING_ROW)}::text::jsonb),
        'totals', jsonb_build_object(
          'totalExclVat', round((d.excl + ${SHIPPING_EXCL_CENTS}::bigint) / 100.0, 2)::text,
          'totalVat', round((d.vat + ${SHIPPING_VAT_CENTS}::bigint) / 100.0, 2)::text,
          'totalInclVat', round(d.incl / 100.0, 2)::text),
        'paymentMethod', 'card',
        'payments', jsonb_build_array(jsonb_build_object(
          'method', 'card', 'amount', round(d.incl / 100.0, 2)::text,
          'reference', 'pi_' || left(md5(${t.salt}::text || ':' || d.g), 24),
          'status', d.pay,
          'paidAt', to_char((d.created + interval '90 seconds') at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))),
        'shipments', case when d.ss in ('shipped', 'delivered') then jsonb_build_array(jsonb_build_object(
          'carrier', 'PostNord', 'service', 'MyPack Collect',
          'trackingNumber', '00370733' || lpad(d.g::text, 10, '0'),
          'trackingUrl', 'https://tracking.postnord.com/se/?id=00370733' || lpad(d.g::text, 10, '0'),
          'shippedAt', to_char((d.created + interval '1 day') at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))) end,
        'note', case when d.g % 10 = 0 then ${NOTE}::text end
      )) as data
      from docs d
      cross join lateral (
        select jsonb_build_object('name', d.name, 'street', (${STREETS}::text[])[1 + d.cn % 8] || ' ' || (1 + d.cn % 90),
                                  'postalCode', d.zip, 'city', d.city, 'countryCode', 'SE', 'phone', d.phone, 'email', d.email) as addr
      ) ba
    ),
    ins as (
      insert into records (tenant_id, local_id, type, created, last_modified, last_modified_by, source, data, custom_data, number, sku, name, status, archived)
      select ${t.tenantId}::text, j.local_id, 'order', j.created, j.lm, ${`connection/${t.connectionId}`}::text, ${source}::text::jsonb, j.data, '{}'::jsonb,
             j.number, null, j.name, j.os, false
      from json j
      returning local_id, number
    )
    insert into record_remote_ids (tenant_id, connection_id, type, remote_id, local_id, remote_ref)
    select ${t.tenantId}::text, ${t.connectionId}::text, 'order', 'WS-' || ins.number, ins.local_id, '#' || ins.number from ins`;
}

// ---------------------------------------------------------------------------------------------------------------
// Database, tenants, seeding
// ---------------------------------------------------------------------------------------------------------------

export type SeedTenant = {
  index: number;
  tenantId: string;
  codeName: string;
  salt: string;
  login: string;
  password: string;
  connectionId: string;
  connectionName: string;
  orders: number;
};
/** When the seeded orders were modified: tenant i's order g at base + i s + g × step ms. */
type Layout = { baseIso: string; stepMs: number };
type Meta = { orders: number; tenants: number; complete: boolean; layout: Layout; seedSeconds?: number };

const BASE_ISO = "2025-01-01T00:00:00.000Z";
const SPAN_MS = 365 * 86_400_000;
const loginOf = (i: number) => `api@bench-${pad3(i)}.example`;
const passwordOf = (i: number) => `bench-api-secret-${pad3(i)}-5f1c9a7e2b`;
const pad3 = (i: number) => String(i).padStart(3, "0");
const dbUrl = (adminUrl: string, name: string) => {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
};

function ordersPerTenant(orders: number, tenants: number): number[] {
  const base = Math.floor(orders / tenants);
  const rest = orders % tenants;
  return Array.from({ length: tenants }, (_, i) => base + (i < rest ? 1 : 0));
}

async function findReusable(admin: postgres.Sql, o: Opts): Promise<{ name: string; meta: Meta } | undefined> {
  const rows = await admin<{ datname: string; comment: string | null }[]>`
    select datname, shobj_description(oid, 'pg_database') as comment
    from pg_database where datname like 'crossdock\\_bench\\_%' order by datname desc`;
  for (const r of rows) {
    try {
      const meta = JSON.parse(r.comment ?? "") as Meta;
      if (meta.complete && meta.orders === o.orders && meta.tenants === o.tenants) return { name: r.datname, meta };
    } catch {
      // not one of ours, or unfinished
    }
  }
  return undefined;
}

async function setMeta(admin: postgres.Sql, name: string, meta: Meta) {
  await admin.unsafe(`comment on database "${name}" is ${quoteLiteral(JSON.stringify(meta))}`);
}
const quoteLiteral = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Reseller, tenants, API users and connections through the services (as lib/seed/demo.ts does). */
export async function createTenants(o: Opts): Promise<void> {
  const { getDb } = await import("@/db/client");
  const { insertUser } = await import("@/lib/services/users/internal");
  const { createReseller } = await import("@/lib/services/resellers/create");
  const { authorizeReseller } = await import("@/lib/auth/guard");
  const { allResellerPermissions } = await import("@/lib/auth/permissions");
  const { createResellerUser } = await import("@/lib/services/reseller-users");
  const { createTenant } = await import("@/lib/services/tenants/create");
  const { tenantUserAdminForPartner } = await import("@/lib/services/tenant-users/access");
  const { createTenantUser } = await import("@/lib/services/tenant-users/create");
  const { createApiConnection } = await import("@/lib/services/connections/create-api-connection");
  type Actor = import("@/lib/auth/actor").Actor;

  const db = await getDb();
  const admin = await db.transaction((tx) => insertUser(tx, { email: "admin@bench.example", name: "Bench Admin", password: "bench-admin-password", kind: "admin" }));
  const actor: Actor = { type: "user", userId: admin.id, email: admin.email, name: admin.name, kind: "admin" };
  const reseller = await createReseller({ ctx: { db, actor }, input: { name: "Bench Partner AB", codeName: "bench" } });
  const ctx = await authorizeReseller(db, actor, reseller.codeName);
  await createResellerUser({ ctx, input: { email: "partner@bench.example", name: "Bench Partner", password: "bench-partner-password", permissions: allResellerPermissions } });
  const started = Date.now();
  for (let i = 1; i <= o.tenants; i++) {
    const tenant = await createTenant({
      ctx,
      input: { customerReference: `BENCH-${pad3(i)}`, fullName: `Bench Outdoor ${pad3(i)} AB`, email: `it@bench-${pad3(i)}.example`, defaultLanguage: "swe", languages: ["swe", "eng"], options: ["api_access"] },
    });
    const tenantAdmin = await tenantUserAdminForPartner(ctx, tenant.id);
    await createTenantUser({ admin: tenantAdmin, input: { name: "Webshop integration", email: loginOf(i), role: "member", password: passwordOf(i), apiAccess: true } });
    await createApiConnection({ db, actor, tenantId: tenant.id, input: { name: "Webshop (API)" } });
    if (i % 10 === 0 || i === o.tenants) progress(`  tenants ${i}/${o.tenants} (${secs(started)} s; each API user costs one bcrypt hash)`);
  }
}

export async function loadTenants(sql: postgres.Sql, o: Opts): Promise<SeedTenant[]> {
  const rows = await sql<{ id: string; code_name: string; connection_id: string; connection_name: string }[]>`
    select t.id, t.code_name, c.id as connection_id, c.name as connection_name
    from tenants t join connections c on c.tenant_id = t.id and c.connector = 'api'
    where t.code_name like 'bench-%' order by t.code_name`;
  if (rows.length !== o.tenants) throw new Error(`expected ${o.tenants} bench tenants with an API connection, found ${rows.length}`);
  const counts = ordersPerTenant(o.orders, o.tenants);
  return rows.map((r, k) => {
    const i = Number(r.code_name.slice("bench-".length));
    return {
      index: i,
      tenantId: r.id,
      codeName: r.code_name,
      salt: r.id,
      login: loginOf(i),
      password: passwordOf(i),
      connectionId: r.connection_id,
      connectionName: r.connection_name,
      orders: counts[k],
    };
  });
}

async function seedOrders(sql: postgres.Sql, tenants: SeedTenant[], o: Opts, layout: Layout): Promise<void> {
  const jobs: { t: SeedTenant; start: number; end: number }[] = [];
  for (const t of tenants) for (let s = 1; s <= t.orders; s += o.seedChunk) jobs.push({ t, start: s, end: Math.min(t.orders, s + o.seedChunk - 1) });
  // Interleave tenants so parallel statements hit different tenants' index ranges.
  jobs.sort((a, b) => a.start - b.start || a.t.index - b.t.index);
  const started = Date.now();
  let done = 0;
  let next = 0;
  let lastPrint = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++];
      await sql.begin(async (tx) => {
        await tx`set local synchronous_commit = off`;
        await seedChunk(tx, job.t, job.start, job.end, layout);
      });
      done += job.end - job.start + 1;
      if (Date.now() - lastPrint > 5000 || done === o.orders) {
        lastPrint = Date.now();
        const s = (Date.now() - started) / 1000;
        const rate = done / s;
        progress(`  orders ${fmtInt(done)}/${fmtInt(o.orders)}  ${fmtInt(rate)} orders/s  ${s.toFixed(0)} s elapsed, ~${((o.orders - done) / rate).toFixed(0)} s to go`);
      }
    }
  };
  await Promise.all(Array.from({ length: o.seedParallel }, worker));
  for (const t of tenants) {
    const last = new Date(Date.parse(layout.baseIso) + t.index * 1000 + t.orders * layout.stepMs).toISOString();
    await sql`insert into tenant_clocks (tenant_id, last_ts) values (${t.tenantId}, ${last}::timestamptz)
              on conflict (tenant_id) do update set last_ts = greatest(tenant_clocks.last_ts, excluded.last_ts)`;
  }
}

/** Proves the SQL-built orders are what the API accepts, and measures their size. */
async function checkSeed(sql: postgres.Sql, tenants: SeedTenant[]) {
  const { validateRecordData } = await import("@/lib/records");
  const sample = await sql<{ data: Record<string, unknown> }[]>`select data from records where tenant_id = ${tenants[0].tenantId} and type = 'order' order by local_id limit 20`;
  for (const r of sample) validateRecordData("order", r.data);
  const [size] = await sql<{ n: string; avg_text: string; avg_stored: string; table_size: string; total_size: string }[]>`
    select count(*)::text as n, round(avg(length(data::text)))::text as avg_text, round(avg(pg_column_size(data)))::text as avg_stored,
           pg_size_pretty(pg_table_size('records')) as table_size, pg_size_pretty(pg_total_relation_size('records')) as total_size
    from (select data from records where type = 'order' limit 5000) s`;
  return size;
}

// ---------------------------------------------------------------------------------------------------------------
// Servers
// ---------------------------------------------------------------------------------------------------------------

const children: ChildProcess[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Builds the app into .next-bench once. Next adds its dist dir's type globs to tsconfig.json: that edit is undone. */
function buildApp(o: Opts, logDir: string) {
  const buildId = path.join(repoRoot, DIST_DIR, "BUILD_ID");
  if (existsSync(buildId) && !o.rebuild) {
    progress(`app build: reusing ${DIST_DIR} (BUILD_ID ${readFileSync(buildId, "utf8").trim()}; --rebuild to rebuild)`);
    return;
  }
  const tsconfigPath = path.join(repoRoot, "tsconfig.json");
  const before = readFileSync(tsconfigPath, "utf8");
  progress(`app build: NEXT_DIST_DIR=${DIST_DIR} next build (log: ${path.join(logDir, "build.log")}) …`);
  const started = Date.now();
  const res = spawnSync(process.execPath, [path.join(repoRoot, "node_modules/next/dist/bin/next"), "build"], {
    cwd: repoRoot,
    env: { ...process.env, NEXT_DIST_DIR: DIST_DIR, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  writeFileSync(path.join(logDir, "build.log"), `${res.stdout}\n${res.stderr}`);
  restoreTsconfig(tsconfigPath, before);
  if (res.status !== 0) throw new Error(`next build failed (exit ${res.status}); see ${path.join(logDir, "build.log")}:\n${(res.stdout + res.stderr).slice(-3000)}`);
  progress(`app build: done in ${secs(started)} s`);
}

function restoreTsconfig(file: string, before: string) {
  const after = readFileSync(file, "utf8");
  if (after === before) return;
  try {
    const a = JSON.parse(after) as { include?: string[] };
    const b = JSON.parse(before) as { include?: string[] };
    a.include = a.include?.filter((x) => !x.startsWith(`${DIST_DIR}/`));
    if (JSON.stringify(a) === JSON.stringify(b)) {
      writeFileSync(file, before);
      progress(`  (undid next build's addition of ${DIST_DIR} type globs to tsconfig.json)`);
      return;
    }
  } catch {
    // fall through
  }
  progress(`  note: tsconfig.json changed during the build in ways other than ${DIST_DIR} globs; left as it is`);
}

function startChild(name: string, args: string[], env: NodeJS.ProcessEnv, logDir: string): ChildProcess {
  const log = createWriteStream(path.join(logDir, `${name}.log`));
  const child = spawn(process.execPath, args, { cwd: repoRoot, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  children.push(child);
  return child;
}

async function waitHttp(url: string, child: ChildProcess, name: string, timeoutMs = 120_000) {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode} before it was ready`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`${name} was not ready within ${timeoutMs / 1000} s`);
}

async function stopChildren() {
  await Promise.all(
    children.splice(0).map(async (c) => {
      if (c.exitCode !== null || c.pid === undefined) return;
      try {
        process.kill(-c.pid, "SIGTERM");
      } catch {
        return;
      }
      const deadline = Date.now() + 5000;
      while (c.exitCode === null && c.signalCode === null && Date.now() < deadline) await sleep(100);
      if (c.exitCode === null && c.signalCode === null) {
        try {
          process.kill(-c.pid, "SIGKILL");
        } catch {
          // gone
        }
      }
    }),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// The bare baseline server (this file with --serve-bare): node:http + postgres-js, the same work minus the framework
// ---------------------------------------------------------------------------------------------------------------

type BareConfig = { url: string; port: number; pool: number; creds: Record<string, { authSha: string; tenantId: string; connectionId: string }> };

async function serveBare() {
  const cfg = JSON.parse(process.env.BENCH_BARE_CONFIG ?? "{}") as BareConfig;
  const db = postgres(cfg.url, { max: cfg.pool, onnotice: () => {} });
  const { presentRecordJson } = await import("@/lib/services/records/internal");
  type RemoteIdRow = import("@/lib/services/records/internal").RemoteIdRow;
  const problem = (res: http.ServerResponse, status: number, detail: string) => {
    res.writeHead(status, { "content-type": "application/problem+json" });
    res.end(JSON.stringify({ status, detail }));
  };
  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      if (url.pathname === "/api/health") return void res.end('{"status":"ok"}');
      const m = /^\/api\/([A-Za-z]+)$/.exec(url.pathname);
      if (!m || req.method !== "GET") return problem(res, 404, "Not found");
      // Basic auth against a cached credential: a SHA-256 of the header, compared in constant time (no bcrypt).
      const cred = cfg.creds[String(req.headers["x-tenant"] ?? "")];
      const given = createHash("sha256").update(String(req.headers.authorization ?? "")).digest();
      if (!cred || !timingSafeEqual(given, Buffer.from(cred.authSha, "hex")) || req.headers["x-connectionid"] !== cred.connectionId) {
        return problem(res, 401, "The credentials are not valid for this tenant and connection.");
      }
      const type = m[1];
      const limit = Math.min(1000, Math.max(1, Number(url.searchParams.get("limit") ?? 100) || 100));
      const since = url.searchParams.get("modifiedAtOrAfter");
      const sinceDate = since ? new Date(since) : null;
      if (sinceDate && Number.isNaN(sinceDate.getTime())) return problem(res, 400, "modifiedAtOrAfter is not a date");
      // Same statements as listRecords (tenant transaction with role + app.tenant_id, the page with its
      // data as JSON text, its remote ids) and the same presenter, minus the framework.
      const [rows, remote] = await db.begin(async (tx) => {
        await tx`select set_config('role', 'crossdock_tenant', true), set_config('app.tenant_id', ${cred.tenantId}, true)`;
        const recs = await tx`
          select tenant_id, local_id, type, created, last_modified, last_modified_by, source, custom_data, number, sku, name, status, archived, data::text as data_text
          from records
          where tenant_id = ${cred.tenantId} and type = ${type} ${sinceDate ? tx`and last_modified >= ${sinceDate}` : tx``}
          order by last_modified asc, local_id asc limit ${limit + 1}`;
        const ids = recs.slice(0, limit).map((r) => r.local_id as string);
        const rem = ids.length
          ? await tx`select tenant_id, connection_id, type, remote_id, local_id, remote_ref from record_remote_ids where tenant_id = ${cred.tenantId} and local_id in ${tx(ids)}`
          : [];
        return [recs, rem] as const;
      });
      const byId = new Map<string, RemoteIdRow[]>();
      for (const r of remote) {
        const row: RemoteIdRow = { tenantId: r.tenant_id, connectionId: r.connection_id, type: r.type, remoteId: r.remote_id, localId: r.local_id, remoteRef: r.remote_ref };
        byId.set(row.localId, [...(byId.get(row.localId) ?? []), row]);
      }
      const body = `[${rows
        .slice(0, limit)
        .map((r) =>
          presentRecordJson(
            { tenantId: r.tenant_id, localId: r.local_id, type: r.type, created: r.created, lastModified: r.last_modified, lastModifiedBy: r.last_modified_by, source: r.source, customData: r.custom_data, number: r.number, sku: r.sku, name: r.name, status: r.status, archived: r.archived, dataText: r.data_text },
            byId.get(r.local_id) ?? [],
            cred.connectionId,
          ),
        )
        .join(",")}]`;
      const headers: Record<string, string> = { "content-type": "application/json" };
      const last = rows[limit - 1];
      if (rows.length > limit && last) {
        const cursor = Buffer.from(`${(last.last_modified as Date).toISOString()}|${last.local_id}`).toString("base64url");
        headers.link = `</api/${type}?cursor=${cursor}&limit=${limit}>; rel="next"`;
      }
      res.writeHead(200, headers);
      res.end(body);
    } catch (e) {
      problem(res, 500, e instanceof Error ? e.message : String(e));
    }
  });
  server.keepAliveTimeout = 65_000;
  server.listen(cfg.port, "127.0.0.1", () => console.log(`bare server on 127.0.0.1:${cfg.port}`));
  const stop = () => server.close(() => void db.end({ timeout: 2 }).then(() => process.exit(0)));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

// ---------------------------------------------------------------------------------------------------------------
// CPU accounting: who used the cores during a run (this machine is shared; Linux /proc only)
// ---------------------------------------------------------------------------------------------------------------

type CpuSnap = { at: number; busy: number; procs: Map<number, { ticks: number; kind: "bench" | "postgres" | "other" }> };
const CLK_TCK = 100;

function cpuSnap(): CpuSnap | undefined {
  try {
    const cpu = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1, 9).map(Number);
    const busy = cpu.reduce((a, b) => a + b, 0) - cpu[3] - cpu[4]; // minus idle and iowait
    const groups = new Set(children.map((c) => c.pid));
    const procs: CpuSnap["procs"] = new Map();
    for (const d of readdirSync("/proc")) {
      if (!/^\d+$/.test(d)) continue;
      try {
        const txt = readFileSync(`/proc/${d}/stat`, "utf8");
        const close = txt.lastIndexOf(")");
        const comm = txt.slice(txt.indexOf("(") + 1, close);
        const f = txt.slice(close + 2).split(" "); // f[n - 3] is field n of proc(5)
        const pid = Number(d);
        const kind = pid === process.pid || groups.has(Number(f[2])) ? "bench" : comm === "postgres" ? "postgres" : "other";
        procs.set(pid, { ticks: Number(f[11]) + Number(f[12]), kind });
      } catch {
        // exited meanwhile
      }
    }
    return { at: performance.now(), busy, procs };
  } catch {
    return undefined;
  }
}

/** Cores used between two snapshots: the benchmark's own processes, PostgreSQL (everyone's), and everything else. */
function cpuUse(a: CpuSnap, b: CpuSnap) {
  const seconds = (b.at - a.at) / 1000;
  const sum = { bench: 0, postgres: 0 };
  for (const [pid, p] of b.procs) if (p.kind !== "other") sum[p.kind] += p.ticks - (a.procs.get(pid)?.ticks ?? 0);
  const cores = (ticks: number) => ticks / CLK_TCK / seconds;
  return { bench: cores(sum.bench), postgres: cores(sum.postgres), other: cores(Math.max(0, b.busy - a.busy - sum.bench - sum.postgres)) };
}
function cpuSplit(a: CpuSnap | undefined, b: CpuSnap | undefined): string {
  if (!a || !b) return "";
  const u = cpuUse(a, b);
  return `cores busy: bench ${u.bench.toFixed(2)} · postgres ${u.postgres.toFixed(2)} · other ${u.other.toFixed(2)}`;
}

/**
 * Other sessions may share this machine: before a measured run, wait (at most maxSeconds) until processes that
 * are neither this benchmark nor PostgreSQL use less than maxCores. Says how long it waited and what it saw.
 */
async function waitQuiet(maxSeconds: number, maxCores: number): Promise<string> {
  if (maxSeconds <= 0) return "";
  const started = Date.now();
  let other = 0;
  for (;;) {
    const a = cpuSnap();
    await sleep(2000);
    const b = cpuSnap();
    if (!a || !b) return "";
    other = cpuUse(a, b).other;
    if (other < maxCores) break;
    if (Date.now() - started >= maxSeconds * 1000) return `still busy after ${maxSeconds} s (other ${other.toFixed(2)} cores)`;
  }
  const waited = (Date.now() - started) / 1000;
  return waited > 2.5 ? `waited ${waited.toFixed(0)} s for quiet` : "";
}

// ---------------------------------------------------------------------------------------------------------------
// Load
// ---------------------------------------------------------------------------------------------------------------

type Figures = { rps: number; p50: number; p99: number; ok: number; errors: number; non2xx: number; seconds: number; statuses: string; cpu?: string };

function cannon(opts: CannonOptions): Promise<Figures> {
  return new Promise((resolve, reject) => {
    autocannon({ timeout: 30, ...opts }, (err, r) => {
      if (err) return reject(err);
      const statuses = Object.entries(r.statusCodeStats).map(([k, v]) => `${k}×${v.count}`).join(" ");
      resolve({
        rps: r.requests.total / r.duration,
        p50: r.latency.p50,
        p99: r.latency.p99,
        ok: r["2xx"],
        errors: r.errors + r.timeouts,
        non2xx: r.non2xx,
        seconds: r.duration,
        statuses,
      });
    });
  });
}

const basic = (t: SeedTenant) => `Basic ${Buffer.from(`${t.login}:${t.password}`).toString("base64")}`;
const apiHeaders = (t: SeedTenant) => ({ authorization: basic(t), "x-tenant": t.codeName, "x-connectionid": t.connectionId });
const pick = <T>(a: T[]) => a[Math.floor(Math.random() * a.length)];

function randomSince(t: SeedTenant, layout: Layout): string {
  const first = Date.parse(layout.baseIso) + t.index * 1000;
  const usable = Math.max(1, t.orders - 100); // leave room for a full page
  return new Date(first + Math.floor(Math.random() * usable) * layout.stepMs).toISOString();
}

function getPageRequests(tenants: SeedTenant[], layout: Layout): CannonOptions["requests"] {
  return [
    {
      method: "GET",
      setupRequest: (req) => {
        const t = pick(tenants);
        req.path = `/api/order?modifiedAtOrAfter=${encodeURIComponent(randomSince(t, layout))}&limit=100`;
        req.headers = apiHeaders(t);
        return req;
      },
    },
  ];
}

/**
 * One authenticated request per tenant against the app, two at a time. The app remembers a verified Basic
 * credential for 60 s; the first request of each credential pays a bcrypt compare (~200 ms of CPU).
 */
async function warmAuth(base: string, tenants: SeedTenant[]): Promise<number> {
  const started = Date.now();
  let i = 0;
  const worker = async () => {
    while (i < tenants.length) {
      const t = tenants[i++];
      const res = await fetch(`${base}/api/order?limit=1`, { headers: apiHeaders(t) });
      if (!res.ok) throw new Error(`warm-up GET for ${t.codeName} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
      await res.arrayBuffer().catch(() => undefined);
    }
  };
  await Promise.all([worker(), worker()]);
  return (Date.now() - started) / 1000;
}

/** Same page from both servers must be the same JSON (proves the baseline does the same work). */
async function compareOnePage(app: string, bare: string, t: SeedTenant, layout: Layout) {
  const q = `/api/order?modifiedAtOrAfter=${encodeURIComponent(randomSince(t, layout))}&limit=100`;
  const [a, b] = await Promise.all([fetch(app + q, { headers: apiHeaders(t) }), fetch(bare + q, { headers: apiHeaders(t) })]);
  const [ja, jb] = [await a.text(), await b.text()];
  if (a.status !== 200 || b.status !== 200) throw new Error(`page check: app ${a.status} ${ja.slice(0, 300)} / bare ${b.status} ${jb.slice(0, 300)}`);
  const same = JSON.stringify(JSON.parse(ja)) === JSON.stringify(JSON.parse(jb));
  const linkSame = a.headers.get("link") === b.headers.get("link");
  return { same, linkSame, bytes: Buffer.byteLength(ja), records: (JSON.parse(ja) as unknown[]).length };
}

/** POST bodies of the bulk phase: n orders in batches of 1,000, each batch for one tenant (rotating). */
function buildBatches(tenants: SeedTenant[], total: number, prefix: string) {
  const batches: { t: SeedTenant; orders: Record<string, unknown>[] }[] = [];
  const runId = randomBytes(3).toString("hex");
  for (let k = 0, n = 0; n < total; k++) {
    const t = tenants[k % tenants.length];
    const size = Math.min(1000, total - n);
    const orders = [];
    for (let j = 0; j < size; j++, n++) {
      const g = 5_000_000 + n;
      orders.push(makeOrder(t.salt, g, new Date(), `${prefix}-${runId}-${n}`));
    }
    batches.push({ t, orders });
  }
  return batches;
}

/** Runs items from `clients` concurrent loops; no new item starts after maxSeconds. Returns how many ran. */
async function runPool<T>(items: T[], clients: number, maxSeconds: number, fn: (item: T) => Promise<void>): Promise<number> {
  let i = 0;
  const deadline = performance.now() + maxSeconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (i < items.length && performance.now() < deadline) await fn(items[i++]);
    }),
  );
  return i;
}

/** One POST on a fresh connection (no keep-alive reuse across the long gaps between bulk calls). */
function postJson(url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: "POST", agent: false, headers: { ...headers, "content-length": String(Buffer.byteLength(body)) }, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    req.on("error", reject);
    req.end(body);
  });
}

async function bulkViaApi(base: string, tenants: SeedTenant[], o: Opts) {
  const batches = buildBatches(tenants, o.bulkOrders, "bat").map((b) => ({ t: b.t, body: JSON.stringify(b.orders), n: b.orders.length }));
  const latencies: number[] = [];
  let created = 0;
  let failed = 0;
  const cpu0 = cpuSnap();
  const started = performance.now();
  let calls = 0;
  await runPool(batches, o.bulkClients, o.bulkMaxSeconds, async (b) => {
    const t0 = performance.now();
    let res: { status: number; text: string };
    try {
      res = await postJson(`${base}/api/order/batch`, { ...apiHeaders(b.t), "content-type": "application/json" }, b.body, 300_000);
    } catch (e) {
      failed += b.n;
      console.error(`  batch call failed after ${fmtInt(performance.now() - t0)} ms: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    const text = res.text;
    latencies.push(performance.now() - t0);
    if (res.status !== 200) {
      failed += b.n;
      if (failed <= 1000) console.error(`  batch answered ${res.status}: ${text.slice(0, 500)}`);
      return;
    }
    if (++calls % 10 === 0) progress(`  ${calls}/${batches.length} calls, ${fmtInt(created)} orders created so far`);
    const results = JSON.parse(text) as { status: string; problem?: unknown }[];
    for (const r of results) {
      if (r.status === "created") created++;
      else {
        failed++;
        if (failed <= 3) console.error(`  batch item ${r.status}: ${JSON.stringify(r.problem).slice(0, 500)}`);
      }
    }
  });
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpuSplit(cpu0, cpuSnap());
  latencies.sort((a, b) => a - b);
  return { seconds, created, failed, ordersPerSec: created / seconds, callP50: percentile(latencies, 50), callMax: latencies[latencies.length - 1] ?? 0, cpu };
}

/** The raw baseline: the same orders as multi-row INSERTs into records + record_remote_ids, in tenant transactions. */
async function bulkRaw(url: string, tenants: SeedTenant[], o: Opts) {
  const { searchColumns, splitWriteBody } = await import("@/lib/records");
  const batches = buildBatches(tenants, o.bulkOrders, "raw").map((b) => {
    const source = { type: "connection", connectionType: "api", connectionId: b.t.connectionId, connectionName: b.t.connectionName, code: null };
    const rows = b.orders.map((order) => {
      const split = splitWriteBody(order);
      return { localId: randomBytes(16).toString("hex"), data: split.data as Record<string, unknown>, remoteId: String(split.remoteId), remoteRef: (split.remoteRef as string | null | undefined) ?? null };
    });
    return { t: b.t, source, rows };
  });
  const sql = postgres(url, { max: o.bulkClients, onnotice: () => {} });
  try {
    await Promise.all(Array.from({ length: o.bulkClients }, () => sql`select pg_sleep(0.05)`)); // open the pool before the clock starts
    const cpu0 = cpuSnap();
    const started = performance.now();
    let inserted = 0;
    await runPool(batches, o.bulkClients, o.bulkMaxSeconds, async (b) => {
      await sql.begin(async (tx) => {
        await tx`set local role crossdock_tenant`;
        await tx`select set_config('app.tenant_id', ${b.t.tenantId}, true)`;
        const [{ last_ts: now }] = await tx<{ last_ts: Date }[]>`
          insert into tenant_clocks (tenant_id, last_ts) values (${b.t.tenantId}, clock_timestamp())
          on conflict (tenant_id) do update set last_ts = greatest(clock_timestamp(), tenant_clocks.last_ts + interval '1 millisecond')
          returning last_ts`;
        const recs = b.rows.map((r) => ({
          tenant_id: b.t.tenantId,
          local_id: r.localId,
          type: "order",
          created: now,
          last_modified: now,
          last_modified_by: `connection/${b.t.connectionId}`,
          source: tx.json(b.source as postgres.JSONValue),
          data: tx.json(r.data as postgres.JSONValue),
          custom_data: tx.json({}),
          ...searchColumns("order", r.data),
          archived: false,
        }));
        await tx`insert into records ${tx(recs)}`;
        const ids = b.rows.map((r) => ({ tenant_id: b.t.tenantId, connection_id: b.t.connectionId, type: "order", remote_id: r.remoteId, local_id: r.localId, remote_ref: r.remoteRef }));
        await tx`insert into record_remote_ids ${tx(ids)}`;
      });
      inserted += b.rows.length;
    });
    const seconds = (performance.now() - started) / 1000;
    return { seconds, inserted, ordersPerSec: inserted / seconds, cpu: cpuSplit(cpu0, cpuSnap()) };
  } finally {
    await sql.end({ timeout: 5 });
  }
}

async function explainList(sql: postgres.Sql, t: SeedTenant, layout: Layout): Promise<string> {
  const since = randomSince(t, layout);
  const lines = await sql.begin(async (tx) => {
    await tx`set local role crossdock_tenant`;
    await tx`select set_config('app.tenant_id', ${t.tenantId}, true)`;
    return tx.unsafe(
      `explain (analyze, buffers) select * from records where tenant_id = $1 and type = 'order' and last_modified >= $2 order by last_modified asc, local_id asc limit 101`,
      [t.tenantId, since],
    );
  });
  return (lines as unknown as { "QUERY PLAN": string }[]).map((l) => `    ${l["QUERY PLAN"]}`).join("\n");
}

// ---------------------------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------------------------

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const secs = (since: number) => ((Date.now() - since) / 1000).toFixed(1);
const fmtInt = (n: number) => Math.round(n).toLocaleString("en-US");
const fmt1 = (n: number) => n.toFixed(1);
const progress = (s: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${s}`);
const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : 0);

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const runStarted = Date.now();
  const logDir = path.join(os.tmpdir(), `crossdock-bench-${Date.now()}`);
  mkdirSync(logDir, { recursive: true });
  progress(`options: ${JSON.stringify({ ...o, phases: [...o.phases] })}; logs in ${logDir}`);

  const admin = postgres(o.adminUrl, { max: 1, onnotice: () => {} });
  let dbName: string | undefined;
  let dropAtEnd = !o.keep;
  let interrupted = false;
  const cleanup = async () => {
    await stopChildren();
    try {
      const { closeDb } = await import("@/db/client");
      await closeDb();
    } catch {
      // never opened
    }
    if (dbName && dropAtEnd) {
      await admin.unsafe(`drop database if exists "${dbName}" with (force)`).catch((e) => console.error(`could not drop ${dbName}: ${e}`));
      progress(`dropped database ${dbName}`);
    } else if (dbName) progress(`kept database ${dbName}`);
    await admin.end({ timeout: 5 });
  };
  process.on("SIGINT", () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    console.error("\ninterrupted: stopping servers …");
    void cleanup().finally(() => process.exit(130));
  });

  const summary: [string, string, string, string][] = [];
  const notes: string[] = [];
  const cpuNotes: string[] = [];
  try {
    // 1. Database
    let meta: Meta | undefined;
    const layout: Layout = { baseIso: BASE_ISO, stepMs: Math.max(1, Math.floor(SPAN_MS / Math.ceil(o.orders / o.tenants))) };
    if (o.skipSeedIfExists) {
      const found = await findReusable(admin, o);
      if (found) {
        dbName = found.name;
        meta = found.meta;
        progress(`reusing database ${dbName} (seeded ${fmtInt(meta.orders)} orders over ${meta.tenants} tenants)`);
      }
    }
    let seedSeconds: number | undefined = meta?.seedSeconds;
    if (!dbName) {
      dbName = `crossdock_bench_${new Date().toISOString().replace(/\D/g, "").slice(0, 14)}`;
      await admin.unsafe(`create database "${dbName}"`);
      await setMeta(admin, dbName, { orders: o.orders, tenants: o.tenants, complete: false, layout });
      progress(`created database ${dbName}`);
    }
    const url = dbUrl(o.adminUrl, dbName);
    process.env.DATABASE_URL = url;
    process.env.DATABASE_POOL_SIZE = String(o.pool);
    const { getDb } = await import("@/db/client");
    await getDb(); // applies the app's migrations
    progress("migrated");
    const sql = postgres(url, { max: Math.max(2, o.seedParallel), onnotice: () => {} });

    try {
      let tenants: SeedTenant[];
      const useLayout = meta?.layout ?? layout;
      if (!meta) {
        const seedStarted = Date.now();
        progress(`creating ${o.tenants} tenants through the services …`);
        await createTenants(o);
        const tenantSeconds = (Date.now() - seedStarted) / 1000;
        tenants = await loadTenants(sql, o);
        progress(`seeding ${fmtInt(o.orders)} orders (10 rows each) with set-based SQL, chunks of ${fmtInt(o.seedChunk)}, ${o.seedParallel} at a time …`);
        const ordersStarted = Date.now();
        await seedOrders(sql, tenants, o, useLayout);
        const orderSeconds = (Date.now() - ordersStarted) / 1000;
        progress("ANALYZE …");
        const analyzeStarted = Date.now();
        await sql`analyze`;
        const analyzeSeconds = (Date.now() - analyzeStarted) / 1000;
        seedSeconds = (Date.now() - seedStarted) / 1000;
        await setMeta(admin, dbName, { orders: o.orders, tenants: o.tenants, complete: true, layout: useLayout, seedSeconds });
        notes.push(`seeding: ${fmt1(seedSeconds)} s in all = tenants/users/connections ${fmt1(tenantSeconds)} s + orders ${fmt1(orderSeconds)} s (${fmtInt(o.orders / orderSeconds)} orders/s) + ANALYZE ${fmt1(analyzeSeconds)} s`);
      } else {
        tenants = await loadTenants(sql, o);
        notes.push(`seeding: reused ${dbName} (its seeding took ${seedSeconds ? fmt1(seedSeconds) : "?"} s)`);
      }
      const size = await checkSeed(sql, tenants);
      notes.push(`data: ${fmtInt(Number(size.n))}-order sample averages ${size.avg_text} B of JSON per order (${size.avg_stored} B stored, TOAST-compressed); records table ${size.table_size}, with indexes ${size.total_size}; sample orders pass validateRecordData`);
      progress(notes[notes.length - 1]);

      // 2. Servers
      buildApp(o, logDir);
      const appPort = await freePort();
      const barePort = await freePort();
      const app = startChild(
        "next",
        [
          ...(o.profile ? ["--cpu-prof", "--cpu-prof-dir", path.join(o.profile, "app")] : []),
          path.join(repoRoot, "node_modules/next/dist/bin/next"),
          "start",
          "-H",
          "127.0.0.1",
          "-p",
          String(appPort),
        ],
        {
          ...process.env,
          NODE_ENV: "production",
          NEXT_DIST_DIR: DIST_DIR,
          NEXT_TELEMETRY_DISABLED: "1",
          DATABASE_URL: url,
          DATABASE_POOL_SIZE: String(o.pool),
          AUTH_SECRET: randomBytes(32).toString("base64url"),
          AUTH_URL: `http://127.0.0.1:${appPort}`,
          HOST: "127.0.0.1",
          PORT: String(appPort),
          CROSSDOCK_API_RATE: "1000000",
          CROSSDOCK_API_BURST: "1000000",
          CROSSDOCK_DEMO: "0",
        },
        logDir,
      );
      const creds: BareConfig["creds"] = {};
      for (const t of tenants) creds[t.codeName] = { authSha: createHash("sha256").update(basic(t)).digest("hex"), tenantId: t.tenantId, connectionId: t.connectionId };
      const bare = startChild("bare", [...process.execArgv, ...(o.profile ? ["--cpu-prof", "--cpu-prof-dir", path.join(o.profile, "bare")] : []), scriptPath, "--serve-bare"], { ...process.env, BENCH_BARE_CONFIG: JSON.stringify({ url, port: barePort, pool: o.pool, creds } satisfies BareConfig) }, logDir);
      const appBase = `http://127.0.0.1:${appPort}`;
      const bareBase = `http://127.0.0.1:${barePort}`;
      await Promise.all([waitHttp(`${appBase}/api/health`, app, "next start"), waitHttp(`${bareBase}/api/health`, bare, "bare server")]);
      progress(`app on ${appBase}, bare server on ${bareBase} (pool ${o.pool} each)`);

      const warm1 = await warmAuth(appBase, tenants);
      let warmedAt = Date.now() - warm1 * 1000; // when the first credential was verified
      /**
       * The app remembers a verified credential for 60 s from its verification, and a hit does not extend it. So that
       * no bcrypt runs inside a measured run of `seconds`, the last full verification must be recent enough; if it is
       * not, wait until every entry has expired and verify all credentials again.
       */
      const keepWarm = async (seconds: number) => {
        if (Date.now() - warmedAt + (seconds + 5) * 1000 < 60_000) return;
        const untilExpired = warmedAt + 60_500 - Date.now();
        if (untilExpired > 0) {
          progress(`  waiting ${(untilExpired / 1000).toFixed(0)} s for the app's 60 s credential cache to expire, then verifying all credentials again …`);
          await sleep(untilExpired);
        }
        warmedAt = Date.now();
        await warmAuth(appBase, tenants);
      };
      notes.push(
        `app auth warm-up: ${tenants.length} first requests (one bcrypt compare each) took ${fmt1(warm1)} s. Measured runs start with every credential freshly verified, ` +
          `so no bcrypt runs inside them; in steady use the app re-verifies each busy credential every 60 s, ≈ ${fmt1(warm1)} s of CPU per minute (${(warm1 / 60).toFixed(2)} of a core) for ${tenants.length} credentials`,
      );
      progress(notes[notes.length - 1]);
      const check = await compareOnePage(appBase, bareBase, tenants[0], useLayout);
      notes.push(`page check: ${check.records} orders, ${fmtInt(check.bytes)} B per page; app and bare JSON identical: ${check.same ? "yes" : "NO"}, Link header identical: ${check.linkSame ? "yes" : "NO"}`);
      progress(notes[notes.length - 1]);
      notes.push(`EXPLAIN ANALYZE of the list query (tenant ${tenants[0].codeName}, as crossdock_tenant):\n${await explainList(sql, tenants[0], useLayout)}`);

      // 3. GET page: short warm-up of each (JIT, pools), then the measured runs
      const detail = (f: Figures) => `p50 ${f.p50} ms · p99 ${f.p99} ms · ${f.errors} errors · ${f.non2xx} non-2xx`;
      /** Waits for a quiet machine, keeps the app's credential cache warm for app runs, runs, records the CPU split. */
      const measure = async (name: string, opts: CannonOptions) => {
        const quiet = await waitQuiet(o.quietWait, o.quietCores);
        if (opts.url.startsWith(appBase)) await keepWarm(opts.duration ?? 0);
        const before = cpuSnap();
        const f = await cannon(opts);
        const cpu = [cpuSplit(before, cpuSnap()), quiet].filter(Boolean).join("; ");
        if (cpu) {
          cpuNotes.push(`${name}: ${cpu}`);
          progress(`  (${cpu})`);
        }
        return f;
      };
      if (o.phases.has("get")) {
        const requests = getPageRequests(tenants, useLayout);
        const warmSeconds = Math.min(5, o.duration);
        progress(`GET warm-up ${warmSeconds} s each …`);
        await cannon({ url: bareBase, connections: o.connections, duration: warmSeconds, requests });
        await keepWarm(warmSeconds);
        await cannon({ url: appBase, connections: o.connections, duration: warmSeconds, requests });
        // Rounds alternate the order (bare → app, then app → bare, …) so drift in the machine's load evens out.
        const rounds: { bare: Figures; app: Figures }[] = [];
        for (let r = 1; r <= o.rounds; r++) {
          const round: Partial<{ bare: Figures; app: Figures }> = {};
          for (const which of r % 2 === 1 ? (["bare", "app"] as const) : (["app", "bare"] as const)) {
            progress(`GET /api/order?modifiedAtOrAfter=…&limit=100, ${o.connections} connections, ${o.duration} s, round ${r}/${o.rounds}: ${which} …`);
            const f = await measure(`GET ${which} round ${r}`, { url: which === "app" ? appBase : bareBase, connections: o.connections, duration: o.duration, requests });
            progress(`  ${which}: ${fmt1(f.rps)} req/s, ${detail(f)}, ${f.statuses}`);
            round[which] = f;
          }
          rounds.push(round as { bare: Figures; app: Figures });
        }
        const combine = (fs: Figures[]): Figures => ({
          rps: fs.reduce((a, f) => a + f.rps, 0) / fs.length,
          p50: Math.max(...fs.map((f) => f.p50)),
          p99: Math.max(...fs.map((f) => f.p99)),
          ok: fs.reduce((a, f) => a + f.ok, 0),
          errors: fs.reduce((a, f) => a + f.errors, 0),
          non2xx: fs.reduce((a, f) => a + f.non2xx, 0),
          seconds: fs.reduce((a, f) => a + f.seconds, 0),
          statuses: "",
        });
        const bareGet = combine(rounds.map((r) => r.bare));
        const appGet = combine(rounds.map((r) => r.app));
        const ratio = appGet.rps / bareGet.rps;
        if (o.rounds > 1) {
          notes.push(
            `GET rounds (req/s app / bare = ratio): ${rounds.map((r, i) => `${i + 1}: ${fmt1(r.app.rps)} / ${fmt1(r.bare.rps)} = ${(r.app.rps / r.bare.rps).toFixed(2)}`).join("; ")}. ` +
              "The table shows the mean req/s and the worst round's p50/p99.",
          );
        }
        // Unloaded latency: one connection, so the p99 is the cost of a request, not of the queue in front of it.
        const oneSeconds = Math.min(5, o.duration);
        progress(`GET page with 1 connection, ${oneSeconds} s each (unloaded latency) …`);
        const bareOne = await measure("GET bare 1 conn", { url: bareBase, connections: 1, duration: oneSeconds, requests });
        const appOne = await measure("GET app 1 conn", { url: appBase, connections: 1, duration: oneSeconds, requests });
        progress(`  bare: ${fmt1(bareOne.rps)} req/s, ${detail(bareOne)}; app: ${fmt1(appOne.rps)} req/s, ${detail(appOne)}`);

        const roundsLabel = o.rounds > 1 ? `, ${o.rounds} rounds` : "";
        summary.push([`GET page bare (node:http + postgres-js), ${o.connections} conn${roundsLabel}`, `${fmt1(bareGet.rps)} req/s`, detail(bareGet), ""]);
        summary.push([`GET page app (Next route, Drizzle), ${o.connections} conn${roundsLabel}`, `${fmt1(appGet.rps)} req/s`, detail(appGet), ""]);
        summary.push(["GET ratio app / bare (target ≥ 0.6)", ratio.toFixed(2), "", ratio >= 0.6 ? "PASS" : "FAIL"]);
        summary.push([`GET app p99 at ${o.connections} conn (target < 100 ms)`, `${appGet.p99} ms`, "", appGet.p99 < 100 ? "PASS" : "FAIL"]);
        summary.push(["GET page bare, 1 conn (unloaded)", `${fmt1(bareOne.rps)} req/s`, detail(bareOne), ""]);
        summary.push(["GET page app, 1 conn (unloaded)", `${fmt1(appOne.rps)} req/s`, detail(appOne), ""]);
      }

      // 4. POST single
      if (o.phases.has("post")) {
        const postRun = randomBytes(3).toString("hex");
        let postN = 0;
        const postRequests: CannonOptions["requests"] = [
          {
            method: "POST",
            setupRequest: (req) => {
              const t = pick(tenants);
              const n = postN++;
              req.headers = { ...apiHeaders(t), "content-type": "application/json" };
              req.body = JSON.stringify(makeOrder(t.salt, 4_000_000 + n, new Date(), `post-${postRun}-${n}`));
              return req;
            },
          },
        ];
        progress(`POST /api/order (one order, 10 rows, random tenant), ${o.connections} connections, ${o.duration} s …`);
        const post = await measure("POST single", { url: `${appBase}/api/order`, connections: o.connections, duration: o.duration, requests: postRequests });
        progress(`  app: ${fmt1(post.ok / post.seconds)} orders/s, ${detail(post)}, ${post.statuses}`);
        summary.push([`POST /api/order single, ${o.connections} conn`, `${fmt1(post.ok / post.seconds)} orders/s`, detail(post), ""]);
      }

      // 5. Bulk
      if (o.phases.has("bulk")) {
        const quietApi = await waitQuiet(o.quietWait, o.quietCores);
        await keepWarm(0); // a long import re-verifies credentials as it goes (every 60 s), as it would in production
        progress(`bulk: POST /api/order/batch, ${fmtInt(o.bulkOrders)} orders in calls of 1,000 from ${o.bulkClients} clients …`);
        const bulk = await bulkViaApi(appBase, tenants, o);
        progress(`  batch API: ${fmtInt(bulk.ordersPerSec)} orders/s (${fmt1(bulk.seconds)} s, ${bulk.created} created, ${bulk.failed} failed, call p50 ${fmtInt(bulk.callP50)} ms, max ${fmtInt(bulk.callMax)} ms)`);
        cpuNotes.push(`bulk batch API: ${[bulk.cpu, quietApi].filter(Boolean).join("; ")}`);
        progress(`  (${cpuNotes[cpuNotes.length - 1]})`);
        const quietRaw = await waitQuiet(o.quietWait, o.quietCores);
        progress(`bulk: raw multi-row INSERT of ${fmtInt(o.bulkOrders)} orders, 1,000 per statement, ${o.bulkClients} clients …`);
        const raw = await bulkRaw(url, tenants, o);
        progress(`  raw INSERT: ${fmtInt(raw.ordersPerSec)} orders/s (${fmt1(raw.seconds)} s)`);
        cpuNotes.push(`bulk raw INSERT: ${[raw.cpu, quietRaw].filter(Boolean).join("; ")}`);
        progress(`  (${cpuNotes[cpuNotes.length - 1]})`);
        summary.push([
          `Bulk POST /api/order/batch, ${o.bulkClients} clients (target ≥ 5,000/s)`,
          `${fmtInt(bulk.ordersPerSec)} orders/s`,
          `${fmtInt(bulk.created)} created · ${bulk.failed} failed · ${fmt1(bulk.seconds)} s · call p50 ${fmtInt(bulk.callP50)} ms`,
          bulk.ordersPerSec >= 5000 && bulk.failed === 0 ? "PASS" : "FAIL",
        ]);
        summary.push([`Bulk raw batched INSERT, ${o.bulkClients} clients (baseline)`, `${fmtInt(raw.ordersPerSec)} orders/s`, `${fmtInt(raw.inserted)} inserted · ${fmt1(raw.seconds)} s`, ""]);
        summary.push(["Bulk ratio batch API / raw INSERT", (bulk.ordersPerSec / raw.ordersPerSec).toFixed(3), "", ""]);
      }
    } finally {
      await sql.end({ timeout: 5 });
    }
  } finally {
    if (!interrupted) await cleanup();
  }

  // 6. Summary
  const w = [0, 1, 2, 3].map((i) => Math.max(...summary.map((r) => r[i].length), ["measure", "value", "detail", "target"][i].length));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(w[i])).join(" | ")} |`;
  console.log(`\n## Tenant API benchmark — ${fmtInt(o.orders)} orders × 10 rows over ${o.tenants} tenants, ${o.connections} connections, ${o.duration} s per run`);
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB; Node ${process.version}; load generator, servers and PostgreSQL share the cores`);
  console.log(line(["measure", "value", "detail", "target"]));
  console.log(line(w.map((n) => "-".repeat(n))));
  for (const r of summary) console.log(line(r));
  console.log("");
  for (const n of notes) console.log(`- ${n}`);
  if (cpuNotes.length) {
    console.log(`- CPU during each run, in cores of ${os.cpus().length} (bench = this script with autocannon + both servers; postgres = all backends, other sessions' too; other = everything else on the machine):`);
    for (const n of cpuNotes) console.log(`    ${n}`);
  }
  console.log(`- total run time ${fmt1((Date.now() - runStarted) / 1000)} s`);
}

const invokedDirectly = process.argv[1] !== undefined && path.resolve(process.argv[1]) === scriptPath;
if (invokedDirectly && process.argv.includes("--serve-bare")) {
  void serveBare();
} else if (invokedDirectly) {
  main().catch(async (e) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    await stopChildren();
    process.exit(1);
  });
}
