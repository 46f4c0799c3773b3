/** Catalogue structure: categories, variant groups, attributes and their values. */
import { identifier, localId, localIdList, strictObject, translatable } from "../fields";

export const categoryDataSchema = strictObject(
  {
    code: identifier(200).nullish(),
    ...translatable("title", 500),
    ...translatable("description", 100_000),
    parentLocalId: localId().nullish().describe("localId of the parent category; absent for a top-level category."),
  },
  "a category data object",
);

export const variantGroupDataSchema = strictObject(
  {
    code: identifier(200).nullish(),
    ...translatable("title", 500),
    attributeLocalIds: localIdList().nullish().describe("The attributes the variants differ in (size, colour …)."),
  },
  "a variant group data object",
);

export const attributeDataSchema = strictObject(
  {
    code: identifier(200).nullish(),
    ...translatable("title", 500),
  },
  "an attribute data object",
);

export const attributeValueDataSchema = strictObject(
  {
    attributeLocalId: localId(),
    code: identifier(200).nullish(),
    ...translatable("title", 500),
  },
  "an attribute value data object",
);
