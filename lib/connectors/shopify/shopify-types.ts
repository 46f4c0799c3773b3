/**
 * The parts of Shopify Admin REST resources (2025-01) that Crossdock reads or writes. Money is a
 * decimal string as Shopify sends it; ids are numbers on the wire and strings once the
 * @shopify/shopify-api client has parsed them losslessly, so both are accepted.
 */

export type ShopifyId = number | string;

export type ShopifyTaxLine = { title: string; price: string; rate: number | string };

export type ShopifyDiscountAllocation = { amount: string; discount_application_index: number };

export type ShopifyDiscountApplication = {
  type: "discount_code" | "manual" | "script" | "automatic";
  target_type: "line_item" | "shipping_line";
  target_selection: "all" | "entitled" | "explicit";
  allocation_method: "across" | "each" | "one";
  value: string;
  value_type: "percentage" | "fixed_amount";
  code?: string;
  title?: string;
};

export type ShopifyLineItem = {
  id: ShopifyId;
  product_id: ShopifyId | null;
  variant_id: ShopifyId | null;
  sku: string | null;
  title: string;
  variant_title: string | null;
  name?: string;
  quantity: number;
  price: string;
  total_discount: string;
  discount_allocations: ShopifyDiscountAllocation[];
  tax_lines: ShopifyTaxLine[];
  taxable: boolean;
  gift_card: boolean;
  requires_shipping: boolean;
  fulfillment_status: "fulfilled" | "partial" | null;
};

export type ShopifyShippingLine = {
  id: ShopifyId;
  title: string;
  code: string | null;
  source: string | null;
  price: string;
  discounted_price: string;
  discount_allocations: ShopifyDiscountAllocation[];
  tax_lines: ShopifyTaxLine[];
};

export type ShopifyAddress = {
  first_name: string | null;
  last_name: string | null;
  name: string | null;
  company: string | null;
  address1: string | null;
  address2: string | null;
  city: string | null;
  province: string | null;
  province_code: string | null;
  zip: string | null;
  country: string | null;
  country_code: string | null;
  phone: string | null;
};

export type ShopifyCustomer = {
  id: ShopifyId;
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  phone: string | null;
  tags?: string;
};

export type ShopifyFulfillment = {
  id: ShopifyId;
  status: "pending" | "open" | "success" | "cancelled" | "error" | "failure";
  created_at: string;
  tracking_company: string | null;
  tracking_number: string | null;
  tracking_url: string | null;
  line_items: { id: ShopifyId; sku: string | null; quantity: number }[];
};

export const financialStatuses = ["pending", "authorized", "partially_paid", "paid", "partially_refunded", "refunded", "voided"] as const;
export type ShopifyFinancialStatus = (typeof financialStatuses)[number];

export type ShopifyOrder = {
  id: ShopifyId;
  admin_graphql_api_id: string;
  name: string;
  order_number: number;
  number: number;
  email: string | null;
  phone: string | null;
  created_at: string;
  updated_at: string;
  processed_at: string;
  closed_at: string | null;
  cancelled_at: string | null;
  cancel_reason: "customer" | "fraud" | "inventory" | "declined" | "other" | null;
  currency: string;
  taxes_included: boolean;
  total_price: string;
  subtotal_price: string;
  total_line_items_price: string;
  total_tax: string;
  total_discounts: string;
  financial_status: ShopifyFinancialStatus;
  fulfillment_status: "fulfilled" | "partial" | "restocked" | null;
  tags: string;
  note: string | null;
  gateway: string;
  payment_gateway_names: string[];
  source_name: string;
  customer_locale: string | null;
  discount_codes: { code: string; amount: string; type: "percentage" | "fixed_amount" | "shipping" }[];
  discount_applications: ShopifyDiscountApplication[];
  tax_lines: ShopifyTaxLine[];
  line_items: ShopifyLineItem[];
  shipping_lines: ShopifyShippingLine[];
  fulfillments: ShopifyFulfillment[];
  customer: ShopifyCustomer | null;
  billing_address: ShopifyAddress | null;
  shipping_address: ShopifyAddress | null;
};

export type ShopifyVariant = {
  id: ShopifyId;
  product_id: ShopifyId;
  title: string;
  sku: string | null;
  price: string;
  compare_at_price: string | null;
  barcode: string | null;
  taxable: boolean;
  weight: number;
  weight_unit: "g" | "kg" | "lb" | "oz";
  inventory_item_id: ShopifyId;
  inventory_management: "shopify" | null;
  inventory_policy: "deny" | "continue";
  inventory_quantity: number;
  created_at: string;
  updated_at: string;
};

export type ShopifyProduct = {
  id: ShopifyId;
  title: string;
  body_html: string | null;
  vendor: string;
  product_type: string;
  status: "active" | "draft" | "archived";
  tags: string;
  created_at: string;
  updated_at: string;
  variants: ShopifyVariant[];
};

export type ShopifyShop = {
  id: ShopifyId;
  name: string;
  domain: string;
  myshopify_domain: string;
  email: string;
  currency: string;
  taxes_included: boolean;
  iana_timezone: string;
  country_code: string;
};

export type ShopifyLocation = { id: ShopifyId; name: string; active: boolean; country_code: string };

export type ShopifyInventoryLevel = { inventory_item_id: ShopifyId; location_id: ShopifyId; available: number | null; updated_at: string };
