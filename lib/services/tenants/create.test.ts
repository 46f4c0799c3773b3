import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { tenantAuditLog, tenants, users } from "@/db/schema";
import { ConflictError, ForbiddenError, ValidationError } from "@/lib/errors";
import { caught } from "@/test/db";
import { makePartner, makeReseller, makeWorld, uid } from "@/test/factories";
import { createTemplate } from "../templates";
import { listTenantUsers } from "../tenant-users/list";
import { createTenant } from "./create";

let w: Awaited<ReturnType<typeof makeWorld>>;
beforeAll(async () => {
  w = await makeWorld();
});

const base = () => {
  const id = uid();
  return { customerReference: `Ref ${id}`, fullName: `Customer ${id} AB`, email: `c-${id}@test.local` };
};

async function tenantsWithReference(ref: string) {
  return w.db.select().from(tenants).where(sql`lower(${tenants.customerReference}) = ${ref.toLowerCase()}`);
}
async function userByEmail(email: string) {
  return (await w.db.select().from(users).where(eq(users.email, email)))[0];
}
async function tenantAuditCount() {
  return (await w.db.select({ n: sql<number>`count(*)::int` }).from(tenantAuditLog))[0].n;
}

describe("createTenant", () => {
  it("derives the code name from the customer reference", async () => {
    const t = await createTenant({ ctx: w.resellerCtx, input: { customerReference: "Åre Sport AB", fullName: "Åre Sport AB", email: "info@are.test" } });
    expect(t.codeName).toBe("are-sport-ab");
    expect(t.customerReference).toBe("Åre Sport AB");
    expect(t.resellerId).toBe(w.reseller.id);
    expect(t.active).toBe(true);
    // No languages given, no template: English only.
    expect({ languages: t.languages, defaultLanguage: t.defaultLanguage, options: t.options }).toEqual({ languages: ["eng"], defaultLanguage: "eng", options: [] });
  });

  it("creates the first owner with the tenant", async () => {
    const input = { ...base(), owner: { name: "First Owner", email: `first-${uid()}@test.local`, password: "owner-password-1" } };
    const t = await createTenant({ ctx: w.resellerCtx, input });
    const members = await listTenantUsers({ db: w.db, tenantId: t.id });
    expect(members.map((m) => ({ email: m.email, role: m.role }))).toEqual([{ email: input.owner.email, role: "owner" }]);
  });

  it("refuses a duplicate customer reference, whatever its case, and writes nothing", async () => {
    const first = base();
    await createTenant({ ctx: w.resellerCtx, input: first });
    const auditBefore = await tenantAuditCount();
    const ownerEmail = `dup-owner-${uid()}@test.local`;
    const e = await caught(
      createTenant({ ctx: w.resellerCtx, input: { ...base(), customerReference: first.customerReference.toUpperCase(), owner: { name: "Dup", email: ownerEmail, password: "owner-password-1" } } }),
    );
    expect(e).toBeInstanceOf(ConflictError);
    expect(e.status).toBe(409);
    expect(e.fieldErrors.customerReference).toHaveLength(1);
    expect(await tenantsWithReference(first.customerReference)).toHaveLength(1);
    expect(await userByEmail(ownerEmail)).toBeUndefined();
    expect(await tenantAuditCount()).toBe(auditBefore);
  });

  it("refuses a reference whose code name is taken by another reseller's tenant", async () => {
    const other = await makeReseller(w.admin);
    const id = uid();
    await createTenant({ ctx: other.ctx, input: { ...base(), customerReference: `Shop ${id}` } });
    const e = await caught(createTenant({ ctx: w.resellerCtx, input: { ...base(), customerReference: `shop-${id}` } }));
    expect(e).toBeInstanceOf(ConflictError);
    expect(e.fieldErrors).toHaveProperty("customerReference");
  });

  it("fills omitted languages, default language and options from the template", async () => {
    const tpl = await createTemplate({ ctx: w.resellerCtx, input: { name: `Nordic ${uid()}`, defaultLanguage: "swe", languages: ["swe", "eng", "nor"], options: ["auto_invoice", "api_access"] } });
    const t = await createTenant({ ctx: w.resellerCtx, input: { ...base(), templateId: tpl.id } });
    expect({ languages: t.languages, defaultLanguage: t.defaultLanguage, options: t.options, templateId: t.templateId }).toEqual({
      languages: ["swe", "eng", "nor"],
      defaultLanguage: "swe",
      options: ["auto_invoice", "api_access"],
      templateId: tpl.id,
    });
  });

  it("lets given values win over the template's", async () => {
    const tpl = await createTemplate({ ctx: w.resellerCtx, input: { name: `Tpl ${uid()}`, defaultLanguage: "swe", languages: ["swe", "eng"], options: ["auto_invoice"] } });
    const t = await createTenant({ ctx: w.resellerCtx, input: { ...base(), templateId: tpl.id, languages: ["deu", "eng"], defaultLanguage: "deu", options: [] } });
    expect({ languages: t.languages, defaultLanguage: t.defaultLanguage, options: t.options }).toEqual({ languages: ["deu", "eng"], defaultLanguage: "deu", options: [] });
  });

  it("refuses a default language that is not one of the languages", async () => {
    const input = base();
    const e = await caught(createTenant({ ctx: w.resellerCtx, input: { ...input, languages: ["eng", "deu"], defaultLanguage: "swe" } }));
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.fieldErrors).toHaveProperty("defaultLanguage");

    // The same when the default comes from the template and the languages from the input.
    const tpl = await createTemplate({ ctx: w.resellerCtx, input: { name: `Tpl ${uid()}`, defaultLanguage: "swe", languages: ["swe"], options: [] } });
    const e2 = await caught(createTenant({ ctx: w.resellerCtx, input: { ...input, templateId: tpl.id, languages: ["eng"] } }));
    expect(e2).toBeInstanceOf(ValidationError);
    expect(e2.fieldErrors).toHaveProperty("defaultLanguage");
    expect(await tenantsWithReference(input.customerReference)).toEqual([]);
  });

  it("refuses a bad email and writes no tenant", async () => {
    const input = { ...base(), email: "not an email" };
    const e = await caught(createTenant({ ctx: w.resellerCtx, input }));
    expect(e).toBeInstanceOf(ValidationError);
    expect(Object.keys(e.fieldErrors)).toEqual(["email"]);
    expect(await tenantsWithReference(input.customerReference)).toEqual([]);
  });

  it("refuses another reseller's template", async () => {
    const other = await makeReseller(w.admin);
    const foreign = await createTemplate({ ctx: other.ctx, input: { name: `Foreign ${uid()}`, defaultLanguage: "eng", languages: ["eng"], options: [] } });
    const input = { ...base(), templateId: foreign.id };
    const e = await caught(createTenant({ ctx: w.resellerCtx, input }));
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.fieldErrors).toHaveProperty("templateId");
    expect(await tenantsWithReference(input.customerReference)).toEqual([]);
  });

  it("refuses a reference without two letters or digits", async () => {
    const e = await caught(createTenant({ ctx: w.resellerCtx, input: { ...base(), customerReference: "!!" } }));
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.fieldErrors).toHaveProperty("customerReference");
  });

  it("needs tenants.create", async () => {
    const viewer = await makePartner(w.resellerCtx, ["tenants.view"]);
    const input = base();
    expect(await caught(createTenant({ ctx: viewer.ctx, input }))).toBeInstanceOf(ForbiddenError);
    expect(await tenantsWithReference(input.customerReference)).toEqual([]);
  });
});
