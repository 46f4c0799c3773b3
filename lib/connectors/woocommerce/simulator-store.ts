/**
 * The simulator's in-memory shop. Seeded orders stay skeletons (id, status, dates) in two sorted
 * indexes and are generated on read; an order that changes is kept whole. Listing is one pass
 * over an index from a binary-searched start, so paging through 100,000 orders stays cheap.
 */
import {
  FIRST_ORDER_ID,
  generateOrder,
  orderSkeleton,
  seedProducts,
  wcDates,
  type OrderSkeleton,
} from "./simulator-data";
import { prng } from "../simulator-random";
import type { WcOrder, WcProduct } from "./wc-types";

export type OrderQuery = {
  statuses?: Set<string>;
  modifiedAfterSec?: number;
  modifiedBeforeSec?: number;
  afterSec?: number;
  orderby: "date" | "modified" | "id";
  desc: boolean;
  offset: number;
  limit: number;
};
export type ProductQuery = { modifiedAfterSec?: number; orderby: "date" | "modified" | "id" | "title"; desc: boolean; offset: number; limit: number };
export type Page<T> = { items: T[]; total: number };

type Patch<T> = Partial<T> | ((current: T) => void);
const nowSec = () => Math.floor(Date.now() / 1000);
const byModified = (a: OrderSkeleton, b: OrderSkeleton) => a.modifiedSec - b.modifiedSec || a.id - b.id;
const secOf = (gmt: string) => Date.parse(`${gmt}Z`) / 1000;

export class WooStore {
  private readonly byId: OrderSkeleton[] = [];
  private readonly byMod: OrderSkeleton[];
  private readonly changed = new Map<number, WcOrder>();
  private readonly productMap: Map<number, WcProduct>;
  /** Orders are generated from the seeded catalogue, so later product edits do not rewrite history. */
  private readonly catalogue: WcProduct[];
  private readonly rnd: () => number;

  constructor(private readonly opts: { seed: number; orders: number; products: number; badOrderEvery?: number }) {
    for (let i = 0; i < opts.orders; i++) this.byId.push(orderSkeleton(opts.seed, i));
    this.byMod = [...this.byId].sort(byModified);
    this.catalogue = seedProducts(opts.products, opts.seed);
    this.productMap = new Map(this.catalogue.map((p) => [p.id, structuredClone(p)]));
    this.rnd = prng(opts.seed ^ 0x5eed);
  }

  get orderCount(): number {
    return this.byId.length;
  }

  getOrder(id: number): WcOrder | undefined {
    const sk = this.byId[id - FIRST_ORDER_ID];
    if (!sk) return undefined;
    return structuredClone(this.changed.get(id) ?? this.generate(sk));
  }

  listOrders(q: OrderQuery): Page<WcOrder> {
    const index = q.orderby === "modified" ? this.byMod : this.byId;
    const start = q.orderby === "modified" && q.modifiedAfterSec !== undefined && !q.desc ? this.firstModifiedAfter(q.modifiedAfterSec) : 0;
    const keep = (sk: OrderSkeleton) =>
      (!q.statuses || q.statuses.has(sk.status)) &&
      (q.modifiedAfterSec === undefined || sk.modifiedSec > q.modifiedAfterSec) &&
      (q.modifiedBeforeSec === undefined || sk.modifiedSec < q.modifiedBeforeSec) &&
      (q.afterSec === undefined || sk.createdSec > q.afterSec);
    const picked: OrderSkeleton[] = [];
    let total = 0;
    for (let n = start; n < index.length; n++) {
      const sk = index[q.desc ? index.length - 1 - n : n];
      if (!keep(sk)) continue;
      if (total >= q.offset && picked.length < q.limit) picked.push(sk);
      total++;
    }
    return { items: picked.map((sk) => this.getOrder(sk.id) as WcOrder), total };
  }

  /** A new order placed now (or at `at`), generated like the seeded ones. */
  addOrder(opts: { status?: string; at?: Date } = {}): WcOrder {
    const index = this.byId.length;
    const sec = opts.at ? Math.floor(opts.at.getTime() / 1000) : nowSec();
    const sk: OrderSkeleton = { ...orderSkeleton(this.opts.seed, index), createdSec: sec, modifiedSec: sec };
    if (opts.status) sk.status = opts.status;
    this.byId.push(sk);
    this.insertByModified(sk);
    return this.getOrder(sk.id) as WcOrder;
  }

  /** Changes an order; date_modified becomes now (or `modifiedAt`, to test same-second changes). */
  updateOrder(id: number, patch: Patch<WcOrder>, opts: { modifiedAt?: Date } = {}): WcOrder {
    const sk = this.byId[id - FIRST_ORDER_ID];
    if (!sk) throw new Error(`No order ${id}`);
    const order = this.getOrder(id) as WcOrder;
    if (typeof patch === "function") patch(order);
    else Object.assign(order, patch);
    const sec = opts.modifiedAt ? Math.floor(opts.modifiedAt.getTime() / 1000) : nowSec();
    Object.assign(order, wcDates("date_modified", sec));
    this.byMod.splice(this.indexInByModified(sk), 1);
    sk.modifiedSec = sec;
    sk.status = order.status;
    this.insertByModified(sk);
    this.changed.set(id, order);
    return structuredClone(order);
  }

  /** Moves one random order along its life cycle, as a shop does all day. */
  advanceRandomOrder(): WcOrder | undefined {
    if (!this.byId.length) return undefined;
    const sk = this.byId[Math.floor(this.rnd() * this.byId.length)];
    const next: Record<string, string> = { pending: "processing", processing: "completed", "on-hold": "processing" };
    const status = next[sk.status];
    if (!status) return undefined;
    return this.updateOrder(sk.id, (o) => {
      o.status = status;
      const now = nowSec();
      if (status === "processing" && !o.date_paid_gmt) Object.assign(o, wcDates("date_paid", now));
      if (status === "completed") Object.assign(o, wcDates("date_completed", now));
    });
  }

  getProduct(id: number): WcProduct | undefined {
    const p = this.productMap.get(id);
    return p && structuredClone(p);
  }

  products(): WcProduct[] {
    return [...this.productMap.values()].map((p) => structuredClone(p));
  }

  listProducts(q: ProductQuery): Page<WcProduct> {
    const key = (p: WcProduct): string | number =>
      q.orderby === "id" ? p.id : q.orderby === "title" ? p.name : q.orderby === "modified" ? p.date_modified_gmt : p.date_created_gmt;
    const all = [...this.productMap.values()]
      .filter((p) => q.modifiedAfterSec === undefined || secOf(p.date_modified_gmt) > q.modifiedAfterSec)
      .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id - b.id) * (q.desc ? -1 : 1));
    return { items: all.slice(q.offset, q.offset + q.limit).map((p) => structuredClone(p)), total: all.length };
  }

  updateProduct(id: number, patch: Patch<WcProduct>, opts: { modifiedAt?: Date } = {}): WcProduct {
    const product = this.productMap.get(id);
    if (!product) throw new Error(`No product ${id}`);
    if (typeof patch === "function") patch(product);
    else Object.assign(product, patch);
    product.stock_status = stockStatus(product);
    const sec = opts.modifiedAt ? Math.floor(opts.modifiedAt.getTime() / 1000) : nowSec();
    Object.assign(product, wcDates("date_modified", sec));
    return structuredClone(product);
  }

  private generate(sk: OrderSkeleton): WcOrder {
    return generateOrder(sk, { seed: this.opts.seed, products: this.catalogue, badOrderEvery: this.opts.badOrderEvery });
  }

  private firstModifiedAfter(sec: number): number {
    let lo = 0;
    let hi = this.byMod.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.byMod[mid].modifiedSec <= sec) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private indexInByModified(sk: OrderSkeleton): number {
    for (let i = this.firstModifiedAfter(sk.modifiedSec - 1); i < this.byMod.length; i++) if (this.byMod[i] === sk) return i;
    throw new Error(`Order ${sk.id} is missing from the modified index`);
  }

  private insertByModified(sk: OrderSkeleton): void {
    let i = this.firstModifiedAfter(sk.modifiedSec);
    while (i > 0 && byModified(this.byMod[i - 1], sk) > 0) i--;
    this.byMod.splice(i, 0, sk);
  }
}

/** WooCommerce derives stock_status from the quantity when it manages stock. */
function stockStatus(p: WcProduct): WcProduct["stock_status"] {
  if (!p.manage_stock) return p.stock_status;
  if ((p.stock_quantity ?? 0) > 0) return "instock";
  return p.backorders === "no" ? "outofstock" : "onbackorder";
}
