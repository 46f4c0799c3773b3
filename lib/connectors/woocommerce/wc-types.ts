/**
 * The parts of WooCommerce REST API v3 resources (wp-json/wc/v3) this connector reads and writes.
 * Money is a decimal string as WooCommerce sends it; `price` on line items and `rate_percent` on
 * tax lines are JSON numbers in the real API and are never used for money.
 */

export type WcAddress = {
  first_name: string;
  last_name: string;
  company: string;
  address_1: string;
  address_2: string;
  city: string;
  state: string;
  postcode: string;
  country: string;
  email?: string;
  phone?: string;
};

export type WcMeta = { id: number; key: string; value: unknown };

/** Per-rate tax of a line: `total`/`subtotal` are raw stored values (unrounded when the shop rounds at subtotal). */
export type WcLineTax = { id: number; total: string; subtotal: string };

export type WcLineItem = {
  id: number;
  name: string;
  product_id: number;
  variation_id: number;
  quantity: number;
  tax_class: string;
  subtotal: string;
  subtotal_tax: string;
  total: string;
  total_tax: string;
  taxes: WcLineTax[];
  meta_data: WcMeta[];
  sku: string | null;
  price: number;
};

export type WcTaxLine = {
  id: number;
  rate_code: string;
  rate_id: number;
  label: string;
  compound: boolean;
  tax_total: string;
  shipping_tax_total: string;
  rate_percent?: number;
  meta_data: WcMeta[];
};

export type WcShippingLine = {
  id: number;
  method_title: string;
  method_id: string;
  instance_id: string;
  total: string;
  total_tax: string;
  taxes: WcLineTax[];
  meta_data: WcMeta[];
};

export type WcFeeLine = {
  id: number;
  name: string;
  tax_class: string;
  tax_status: "taxable" | "none";
  total: string;
  total_tax: string;
  taxes: WcLineTax[];
  meta_data: WcMeta[];
};

export type WcCouponLine = { id: number; code: string; discount: string; discount_tax: string; meta_data: WcMeta[] };

export type WcRefund = { id: number; reason: string; total: string };

export const wcOrderStatuses = ["pending", "processing", "on-hold", "completed", "cancelled", "refunded", "failed"] as const;
export type WcOrderStatus = (typeof wcOrderStatuses)[number];

export type WcOrder = {
  id: number;
  parent_id: number;
  number: string;
  order_key: string;
  created_via: string;
  version: string;
  status: string;
  currency: string;
  date_created: string;
  date_created_gmt: string;
  date_modified: string;
  date_modified_gmt: string;
  discount_total: string;
  discount_tax: string;
  shipping_total: string;
  shipping_tax: string;
  cart_tax: string;
  total: string;
  total_tax: string;
  prices_include_tax: boolean;
  customer_id: number;
  customer_ip_address: string;
  customer_user_agent: string;
  customer_note: string;
  billing: WcAddress;
  shipping: WcAddress;
  payment_method: string;
  payment_method_title: string;
  transaction_id: string;
  date_paid: string | null;
  date_paid_gmt: string | null;
  date_completed: string | null;
  date_completed_gmt: string | null;
  cart_hash: string;
  meta_data: WcMeta[];
  line_items: WcLineItem[];
  tax_lines: WcTaxLine[];
  shipping_lines: WcShippingLine[];
  fee_lines: WcFeeLine[];
  coupon_lines: WcCouponLine[];
  refunds: WcRefund[];
};

export type WcProduct = {
  id: number;
  name: string;
  slug: string;
  permalink: string;
  date_created: string;
  date_created_gmt: string;
  date_modified: string;
  date_modified_gmt: string;
  type: "simple" | "variable" | "grouped" | "external";
  status: "publish" | "draft" | "pending" | "private";
  description: string;
  short_description: string;
  sku: string;
  /** WooCommerce 9.2+: GTIN, UPC, EAN or ISBN. */
  global_unique_id?: string;
  price: string;
  regular_price: string;
  sale_price: string;
  tax_status: "taxable" | "shipping" | "none";
  tax_class: string;
  manage_stock: boolean;
  stock_quantity: number | null;
  stock_status: "instock" | "outofstock" | "onbackorder";
  backorders: "no" | "notify" | "yes";
  weight: string;
  categories: { id: number; name: string; slug: string }[];
  variations: number[];
  meta_data: WcMeta[];
};

/** What GET /wp-json/wc/v3/system_status answers (the parts test() reads). */
export type WcSystemStatus = {
  environment: { home_url: string; site_url: string; version: string; wp_version: string };
  settings: { currency: string; currency_symbol: string };
};

/** WordPress REST error body. */
export type WpError = { code: string; message: string; data: { status: number } };
