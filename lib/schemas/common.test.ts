import { describe, expect, it } from "vitest";
import { codeNameSchema, slugify } from "./common";

describe("slugify", () => {
  it.each([
    ["Åre Sport AB", "are-sport-ab"],
    ["ACME", "acme"],
    ["  Müller & Söhne GmbH  ", "muller-sohne-gmbh"],
    ["Café--Crème", "cafe-creme"],
    ["--Nordic__Shop--", "nordic-shop"],
    ["Ørsted Bjørn Ærø", "orsted-bjorn-aero"],
    ["Straße Łódź", "strasse-lodz"],
    ["!!!", ""],
  ])("%j → %j", (input, expected) => {
    expect(slugify(input)).toBe(expected);
  });

  it("cuts at 40 characters without leaving a trailing dash", () => {
    const slug = slugify(`${"a".repeat(39)} b`);
    expect(slug).toBe("a".repeat(39));
    expect(slugify("x".repeat(60))).toHaveLength(40);
  });

  it("always yields a valid code name when it yields two or more characters", () => {
    for (const s of ["Åre Sport AB", "ACME", "Müller & Söhne GmbH", "a  b  c"]) {
      expect(codeNameSchema.safeParse(slugify(s)).success).toBe(true);
    }
  });
});
