import type { ManipulatorDefinition } from "../define";
import { fail, ignore } from "./control";
import { expression } from "./expression";
import { clearField, mapValues, setCustomData, setField, stripHtmlManipulator } from "./fields";
import { addDiscountRow, addFeeRow, adjustPrices, roundPrices, setVatRate } from "./prices";
import { script } from "./script";
import { replaceInSku } from "./sku";

/** The manipulator library, in the order the console offers it. Keys are stored in chains: never rename one. */
export const manipulatorLibrary: readonly ManipulatorDefinition[] = [
  setField,
  clearField,
  mapValues,
  setCustomData,
  replaceInSku,
  stripHtmlManipulator,
  roundPrices,
  adjustPrices,
  setVatRate,
  addDiscountRow,
  addFeeRow,
  ignore,
  fail,
  expression,
  script,
];

const byKey = new Map(manipulatorLibrary.map((m) => [m.key, m]));

export function manipulatorByKey(key: string): ManipulatorDefinition | undefined {
  return byKey.get(key);
}
