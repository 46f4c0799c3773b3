import {
  boolean,
  currency,
  decimal,
  enumOf,
  localId,
  localIdList,
  strictObject,
  text,
  translatable,
  vatRatePercent,
} from "../fields";

const price = () => decimal({ min: "0" });

export const stockTypes = ["managed", "unmanaged", "backorder"] as const;

const gtin = (what: string) =>
  text(14)
    .regex(/^(\d{8}|\d{12,14})$/, `${what} is 8, 12, 13 or 14 digits`)
    .nullish();

export const productDataSchema = strictObject(
  {
    sku: text(200)
      .trim()
      .min(1, "Must not be empty")
      .describe("Stock keeping unit, unique per tenant; trimmed."),
    ...translatable("title", 500),
    ...translatable("description", 100_000),
    vatRatePercent: vatRatePercent(),
    priceExclVat: price().nullish().describe("Price excl. VAT, a decimal string; may carry more decimals than the currency."),
    priceInclVat: price().nullish().describe("Price incl. VAT, a decimal string."),
    currency: currency().nullish().describe("Currency of the prices; required when a price is set."),
    stock: decimal().nullish().describe('Quantity in stock, a decimal string ("12", "-2" when oversold).'),
    stockType: enumOf(
      stockTypes,
      "managed: stock is tracked and limits sales; unmanaged: not tracked, always sellable; backorder: tracked, sellable below zero.",
    ).nullish(),
    weight: decimal({ min: "0" }).nullish().describe('Weight in grams, a decimal string ("250").'),
    variantGroupLocalId: localId().nullish(),
    categoryLocalIds: localIdList().nullish(),
    attributeValueLocalIds: localIdList().nullish(),
    ean: gtin("An EAN"),
    gtin: gtin("A GTIN"),
    active: boolean().nullish().describe("false hides the product from sales channels."),
  },
  "a product data object",
);
