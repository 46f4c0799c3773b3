import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ValidationError } from "./errors";
import { createTenantSchema } from "./schemas/tenants";
import { parseInput } from "./validation";
import { caught } from "@/test/db";

describe("parseInput", () => {
  it("returns the parsed (transformed) value", () => {
    expect(parseInput(z.object({ email: z.string().trim().toLowerCase() }), { email: "  A@B.C " })).toEqual({ email: "a@b.c" });
  });

  it("collects every issue under its dotted field path", async () => {
    const e = await caught(
      (async () =>
        parseInput(createTenantSchema, {
          customerReference: "",
          fullName: "Acme",
          email: "not-an-email",
          owner: { name: "O", email: "bad", password: "short" },
        }))(),
    );
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.status).toBe(422);
    expect(Object.keys(e.fieldErrors).sort()).toEqual(["customerReference", "email", "owner.email", "owner.password"]);
    expect(e.fieldErrors["owner.password"]).toEqual(["Use at least 10 characters."]);
  });

  it("uses array indexes in paths and _form for errors without a path", async () => {
    const schema = z.object({ tags: z.array(z.string().min(2, "Too short.")) });
    const e = await caught((async () => parseInput(schema, { tags: ["ok", "x"] }))());
    expect(e.fieldErrors).toEqual({ "tags.1": ["Too short."] });
    const root = await caught((async () => parseInput(z.string(), 42))());
    expect(Object.keys(root.fieldErrors)).toEqual(["_form"]);
  });

  it("reports a refinement on the field it names", async () => {
    const e = await caught((async () => parseInput(createTenantSchema, { customerReference: "X1", fullName: "X", email: "x@x.test", languages: ["eng"], defaultLanguage: "swe" }))());
    expect(e.fieldErrors).toEqual({ defaultLanguage: ["The default language must be one of the tenant's languages."] });
  });
});
