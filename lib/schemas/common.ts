import { z } from "zod";

export const emailSchema = z.string().trim().toLowerCase().max(200).email("Enter a valid email address.");
export const nameSchema = z.string().trim().min(1, "Enter a name.").max(120, "At most 120 characters.");
export const passwordSchema = z
  .string()
  .min(10, "Use at least 10 characters.")
  .max(200, "At most 200 characters.");
export const codeNameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(2, "At least 2 characters.")
  .max(40, "At most 40 characters.")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Lowercase letters, digits and single dashes only.");

/** Checkbox groups and multi-selects arrive as string arrays (FormData.getAll). */
export const stringList = z.array(z.string()).default([]);

/** Lowercase URL-safe slug: "Åre Sport AB" → "are-sport-ab". */
export function slugify(value: string): string {
  return value
    // Letters NFKD cannot decompose (Nordic ø/æ, German ß …) would otherwise vanish.
    .replace(/[øØæÆßðÐđĐłŁþÞœŒ]/g, (c) => letterFallback[c] ?? "")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/g, "");
}

const letterFallback: Record<string, string> = { ø: "o", Ø: "o", æ: "ae", Æ: "ae", ß: "ss", ð: "d", Ð: "d", đ: "d", Đ: "d", ł: "l", Ł: "l", þ: "th", Þ: "th", œ: "oe", Œ: "oe" };

/** An HTML checkbox: "on"/"true" (or true) when ticked, absent when not. */
export const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());
