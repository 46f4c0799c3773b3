export { historyTypes, isRecordType, recordTypes, type HistoryType, type RecordType } from "./types";
export { dataSchema, validateRecordData, type RecordData } from "./validate";
export { searchColumns, type SearchColumns } from "./search";
export { readOnlyRecordFields, splitWriteBody, type WriteBody } from "./write-body";
export {
  customDataKeyProblem,
  customDataSchema,
  isUserModuleId,
  userCustomDataSchema,
  CUSTOM_DATA_MAX_VALUE_BYTES,
} from "./custom-data";
export { NUMBERS_AS_STRINGS, UNKNOWN_FIELD, translatable, translatedText } from "./fields";
export { addressSchema, documentCustomerSchema, itemRowSchema, chargeRowSchema, totalsSchema } from "./schemas/commerce";
export { orderDataSchema, orderStatuses, paymentStatuses, shippingStatuses } from "./schemas/order";
export { invoiceDataSchema, invoiceStatuses } from "./schemas/invoice";
export { productDataSchema, stockTypes } from "./schemas/product";
export { customerDataSchema } from "./schemas/customer";
export {
  attributeDataSchema,
  attributeValueDataSchema,
  categoryDataSchema,
  variantGroupDataSchema,
} from "./schemas/catalog";
