/** replace-in-sku: regex search and replace on a product's sku and on document rows' skus. */
import { z } from "zod";
import { compileRegex, nfc, parseFieldPath, regexProblem, type PathSegment } from "@/lib/conditions";
import { defineManipulator, SettingsError, StepError } from "../define";
import { KEEP, updateAtPath } from "../fields";

const documentSkuPaths = ["rows[].sku", "shippingRows[].sku", "feeRows[].sku", "shipments[].rows[].sku"].map((p) => {
  const parsed = parseFieldPath(p);
  if (!parsed.ok) throw new Error(parsed.problem);
  return { path: p, segments: parsed.segments };
});
const productSkuPath = { path: "sku", segments: [{ key: "sku", each: false }] as PathSegment[] };

export const replaceInSku = defineManipulator({
  key: "replace-in-sku",
  name: "Search and replace in SKU",
  description:
    'Changes SKUs with a search pattern, e.g. removes a "WEB-" prefix or swaps a supplier\'s format for yours. Applies to a product\'s SKU and to the SKUs on order and invoice rows and shipments.',
  appliesTo: ["product", "order", "invoice"],
  settings: z.strictObject({
    search: z
      .string({ error: "Expected a text" })
      .min(1, "Enter what to search for")
      .describe('A regular expression, e.g. "^WEB-" or "-(\\d+)$"; start it with (?i) to ignore case.'),
    replace: z.string({ error: "Expected a text" }).max(200).default("").describe('The replacement; $1, $2 … insert captured groups, e.g. "SE-$1". Empty removes the match.'),
    all: z.boolean().default(true).describe("Replace every match in a SKU, not only the first."),
  }),
  prepare(s, { recordType }) {
    const problem = regexProblem(s.search);
    if (problem) throw SettingsError.at("search", problem);
    const re = compileRegex(s.search, s.all ? "g" : "");
    const replacement = s.replace;
    const targets = (recordType === "product" ? [productSkuPath] : documentSkuPaths).map((t) => ({
      segments: t.segments,
      replace: (old: unknown) => {
        if (typeof old !== "string") return KEEP;
        const before = nfc(old);
        re.lastIndex = 0;
        const replaced = before.replace(re, replacement);
        if (replaced === before) return KEEP; // an NFD sku that does not match is left exactly as sent
        const after = replaced.trim();
        if (after === "") throw new StepError(`Replacing in SKU "${old}" (${t.path}) leaves it empty`);
        return after;
      },
    }));
    return {
      apply: (record) => {
        let changed = false;
        for (const t of targets) if (updateAtPath(record, t.segments, t.replace, { create: false })) changed = true;
        return changed;
      },
    };
  },
});
