import { email, identifier, language, strictObject, text } from "../fields";
import { addressSchema } from "./commerce";

export const customerDataSchema = strictObject(
  {
    customerNumber: identifier(100).nullish(),
    name: text(200).nullish().describe("Name of the person, or of the contact at a company."),
    company: text(200).nullish(),
    orgNumber: text(50).nullish(),
    vatNumber: text(50).nullish(),
    email: email().nullish(),
    phone: text(50).nullish(),
    language: language().nullish(),
    billingAddress: addressSchema.nullish(),
    shippingAddress: addressSchema.nullish(),
  },
  "a customer data object",
);
