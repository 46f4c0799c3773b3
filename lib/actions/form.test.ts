import { describe, expect, it } from "vitest";
import { formToObject } from "./form";

describe("formToObject", () => {
  it("keeps single values as strings and the named fields as arrays", () => {
    const form = new FormData();
    form.append("name", "Acme");
    form.append("active", "true");
    form.append("permissions", "tenants.view");
    form.append("permissions", "tenants.create");
    expect(formToObject(form, ["permissions"])).toEqual({ name: "Acme", active: "true", permissions: ["tenants.view", "tenants.create"] });
  });

  it("gives an empty array for an array field with nothing checked", () => {
    const form = new FormData();
    form.append("name", "Acme");
    expect(formToObject(form, ["permissions", "options"])).toEqual({ name: "Acme", permissions: [], options: [] });
  });

  it("takes the first value of a repeated non-array field and skips React's $ACTION fields", () => {
    const form = new FormData();
    form.append("$ACTION_ID_abc", "");
    form.append("$ACTION_REF_1", "x");
    form.append("email", "first@x.test");
    form.append("email", "second@x.test");
    expect(formToObject(form)).toEqual({ email: "first@x.test" });
  });

  it("keeps an array field with one value as an array", () => {
    const form = new FormData();
    form.append("languages", "swe");
    expect(formToObject(form, ["languages"])).toEqual({ languages: ["swe"] });
  });
});
