/**
 * The simulator's in-memory shop: orders on an append-only updated_at timeline (seeded orders are
 * virtual until something changes them), products with variants, locations and inventory levels.
 */
import { Dec, formatFixed } from "@/lib/money/decimal";
import { prng } from "../simulator-random";
import { CATALOG, PRODUCT_ID_BASE, ORDER_ID_BASE, buildOrder, randomDraft, seedDraft, seedUpdatedMs, shopTime, SEED_START_MS, type OrderDraft } from "./simulator-orders";
import type { ShopifyId, ShopifyLocation, ShopifyOrder, ShopifyProduct, ShopifyVariant } from "./shopify-types";

const VARIANT_ID_BASE = 46_000_000_000_000;
const INVENTORY_ITEM_ID_BASE = 47_000_000_000_000;

/** A problem with a write, answered as Shopify's 422 { errors }. */
export class UnprocessableError extends Error {
  constructor(readonly errors: unknown) {
    super("Unprocessable Entity");
  }
}

export class OrderTimeline {
  private readonly materialized = new Map<number, ShopifyOrder>();
  private readonly appended: { index: number; ms: number }[] = [];
  /** Timeline position of orders that changed or were added after seeding. */
  private readonly moved = new Map<number, number>();
  private lastIndex: number;
  private lastMs: number;

  constructor(
    private readonly seed: number,
    private readonly seedCount: number,
    private readonly badOrderEvery: number | undefined,
  ) {
    this.lastIndex = seedCount;
    this.lastMs = seedCount ? seedUpdatedMs(seed, seedCount) : SEED_START_MS;
  }

  get length(): number {
    return this.seedCount + this.appended.length;
  }

  count(): number {
    return this.lastIndex;
  }

  entry(pos: number): { index: number; ms: number } {
    return pos < this.seedCount ? { index: pos + 1, ms: seedUpdatedMs(this.seed, pos + 1) } : this.appended[pos - this.seedCount];
  }

  /** False for a stale entry: the order was changed later and lives further on. */
  isCurrent(pos: number): boolean {
    const { index } = this.entry(pos);
    return (this.moved.get(index) ?? index - 1) === pos;
  }

  /** First position whose updated_at is at or after `ms` (the timeline is sorted by updated_at). */
  lowerBound(ms: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.entry(mid).ms < ms) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  order(index: number): ShopifyOrder {
    return this.materialized.get(index) ?? buildOrder(seedDraft(this.seed, index, this.badOrderEvery));
  }

  indexOf(id: ShopifyId): number | undefined {
    const index = Number(id) - ORDER_ID_BASE;
    return Number.isInteger(index) && index >= 1 && index <= this.lastIndex ? index : undefined;
  }

  /** A new order placed now, random but reproducible; `draft` overrides parts of it. */
  add(draft: Partial<OrderDraft> = {}): ShopifyOrder {
    const index = ++this.lastIndex;
    const ms = this.stamp();
    const bad = !!this.badOrderEvery && index % this.badOrderEvery === 0;
    const order = buildOrder({ ...randomDraft(prng(this.seed * 7919 + index), index, ms, ms, bad), ...draft, index });
    this.save(index, order, ms);
    this.onSave?.("orders/create", order);
    return order;
  }

  /** Changes an order as the shop would: a new updated_at moves it to the end of the timeline. */
  update(id: ShopifyId, change: Partial<ShopifyOrder> | ((order: ShopifyOrder) => void)): ShopifyOrder {
    const index = this.indexOf(id);
    if (index === undefined) throw new Error(`No order ${id}`);
    const order = structuredClone(this.order(index));
    if (typeof change === "function") change(order);
    else Object.assign(order, change);
    const ms = this.stamp();
    order.updated_at = shopTime(ms);
    this.save(index, order, ms);
    this.onSave?.("orders/updated", order);
    return order;
  }

  /** Called after every change with its webhook topic (the simulator delivers webhooks from here). */
  onSave?: (topic: "orders/create" | "orders/updated", order: ShopifyOrder) => void;

  private save(index: number, order: ShopifyOrder, ms: number): void {
    this.materialized.set(index, order);
    this.moved.set(index, this.length);
    this.appended.push({ index, ms });
  }

  /** Now in whole seconds (Shopify's precision), never before the last entry, so the timeline stays sorted. */
  private stamp(): number {
    this.lastMs = Math.max(this.lastMs, Math.floor(Date.now() / 1000) * 1000);
    return this.lastMs;
  }
}

export const LOCATIONS: ShopifyLocation[] = [
  { id: 71_000_000_001, name: "Lager Stockholm", active: true, country_code: "SE" },
  { id: 71_000_000_002, name: "Butik Göteborg", active: true, country_code: "SE" },
];

type VariantInput = Partial<Omit<ShopifyVariant, "price">> & { price?: string | number };
export type ProductInput = Partial<Omit<ShopifyProduct, "variants">> & { variants?: VariantInput[] };

const priceText = (v: string | number | undefined, fallback: string): string => {
  if (v === undefined || v === null) return fallback;
  if (!/^\d+(\.\d+)?$/.test(String(v))) throw new UnprocessableError({ price: ["is not a number"] });
  return formatFixed(new Dec(String(v)), 2);
};

export class Catalog {
  readonly products: ShopifyProduct[] = [];
  private readonly variants = new Map<string, ShopifyVariant>();
  /** available per "inventoryItemId:locationId". */
  private readonly levels = new Map<string, number>();
  private nextVariant = 0;

  constructor() {
    // The catalogue the seeded orders sell, stocked at the first location.
    CATALOG.forEach((c, k) => {
      const p = this.create({ title: c.title, variants: [{ sku: c.sku, price: c.price, title: c.variant ?? "Default Title", inventory_management: "shopify" }] }, PRODUCT_ID_BASE + k);
      this.setLevel(p.variants[0].inventory_item_id, LOCATIONS[0].id, 20 + k * 3);
    });
  }

  product(id: ShopifyId): ShopifyProduct | undefined {
    return this.products.find((p) => String(p.id) === String(id));
  }

  variant(id: ShopifyId): ShopifyVariant | undefined {
    return this.variants.get(String(id));
  }

  create(input: ProductInput, id = PRODUCT_ID_BASE + 1000 + this.products.length): ShopifyProduct {
    if (!input.title?.trim()) throw new UnprocessableError({ title: ["can't be blank"] });
    const now = shopTime(Date.now());
    const product: ShopifyProduct = {
      id,
      title: input.title,
      body_html: input.body_html ?? null,
      vendor: input.vendor ?? "Fika & Co",
      product_type: input.product_type ?? "",
      status: input.status ?? "active",
      tags: input.tags ?? "",
      created_at: now,
      updated_at: now,
      variants: [],
    };
    product.variants = (input.variants?.length ? input.variants : [{}]).map((v) => this.newVariant(product, v));
    this.products.push(product);
    return product;
  }

  /** Shopify's PUT: given fields change; a variants array replaces the variants (listed ids are updated, the rest removed). */
  update(id: ShopifyId, input: ProductInput): ShopifyProduct | undefined {
    const product = this.product(id);
    if (!product) return undefined;
    if (input.title !== undefined && !input.title.trim()) throw new UnprocessableError({ title: ["can't be blank"] });
    const { variants, id: _ignored, ...fields } = input;
    Object.assign(product, fields, { updated_at: shopTime(Date.now()) });
    if (variants) {
      for (const gone of product.variants.filter((old) => !variants.some((v) => String(v.id) === String(old.id)))) this.variants.delete(String(gone.id));
      product.variants = variants.map((v) => (v.id !== undefined && this.variant(v.id) ? this.updateVariant(v.id, v)! : this.newVariant(product, v)));
    }
    return product;
  }

  updateVariant(id: ShopifyId, input: VariantInput): ShopifyVariant | undefined {
    const variant = this.variant(id);
    if (!variant) return undefined;
    const { id: _id, product_id: _p, inventory_item_id: _i, price, ...fields } = input;
    Object.assign(variant, fields, { price: priceText(price, variant.price), updated_at: shopTime(Date.now()) });
    return variant;
  }

  setLevel(inventoryItemId: ShopifyId, locationId: ShopifyId, available: number): void {
    this.levels.set(`${inventoryItemId}:${locationId}`, available);
    const variant = [...this.variants.values()].find((v) => String(v.inventory_item_id) === String(inventoryItemId));
    if (variant) variant.inventory_quantity = LOCATIONS.reduce((sum, l) => sum + (this.levels.get(`${inventoryItemId}:${l.id}`) ?? 0), 0);
  }

  level(inventoryItemId: ShopifyId, locationId: ShopifyId): number | undefined {
    return this.levels.get(`${inventoryItemId}:${locationId}`);
  }

  variantByInventoryItem(inventoryItemId: ShopifyId): ShopifyVariant | undefined {
    return [...this.variants.values()].find((v) => String(v.inventory_item_id) === String(inventoryItemId));
  }

  private newVariant(product: ShopifyProduct, v: VariantInput): ShopifyVariant {
    const n = this.nextVariant++;
    const now = shopTime(Date.now());
    const variant: ShopifyVariant = {
      id: VARIANT_ID_BASE + n,
      product_id: product.id,
      title: v.title ?? "Default Title",
      sku: v.sku ?? "",
      price: priceText(v.price, "0.00"),
      compare_at_price: v.compare_at_price ?? null,
      barcode: v.barcode ?? null,
      taxable: v.taxable ?? true,
      weight: v.weight ?? 0,
      weight_unit: v.weight_unit ?? "kg",
      inventory_item_id: INVENTORY_ITEM_ID_BASE + n,
      inventory_management: v.inventory_management ?? null,
      inventory_policy: v.inventory_policy ?? "deny",
      inventory_quantity: 0,
      created_at: now,
      updated_at: now,
    };
    this.variants.set(String(variant.id), variant);
    return variant;
  }
}
