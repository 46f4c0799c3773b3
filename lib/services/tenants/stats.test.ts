import { describe, expect, it } from "vitest";
import { ForbiddenError } from "@/lib/errors";
import { caught } from "@/test/db";
import { addTenantUser, makePartner, makeReseller, makeTenant } from "@/test/factories";
import { createTemplate } from "../templates";
import { tenantUserAdminForPartner } from "../tenant-users/access";
import { setTenantUserActive } from "../tenant-users/set-active";
import { getResellerStats } from "./stats";
import { setTenantActive } from "./update";

describe("getResellerStats", () => {
  it("counts only this reseller's tenants, active users and templates", async () => {
    const { ctx } = await makeReseller();
    const other = await makeReseller();
    await makeTenant(other.ctx);

    const a = await makeTenant(ctx);
    const b = await makeTenant(ctx);
    await makeTenant(ctx);
    await setTenantActive({ ctx, input: { id: b.tenant.id, active: false } });
    const member = await addTenantUser(ctx, a.tenant, "member");
    await addTenantUser(ctx, a.tenant, "admin");
    // A deactivated membership is not an active login.
    await setTenantUserActive({ admin: await tenantUserAdminForPartner(ctx, a.tenant.id), input: { userId: member.user.id, active: false } });
    await createTemplate({ ctx, input: { name: "Webshop", defaultLanguage: "eng", languages: ["eng"] } });

    expect(await getResellerStats({ ctx })).toEqual({ tenants: 3, activeTenants: 2, pausedTenants: 1, tenantUsers: 4, templates: 1 });
  });

  it("is empty for a new reseller and needs stats.view", async () => {
    const { ctx } = await makeReseller();
    expect(await getResellerStats({ ctx })).toEqual({ tenants: 0, activeTenants: 0, pausedTenants: 0, tenantUsers: 0, templates: 0 });
    const viewer = await makePartner(ctx, ["tenants.view"]);
    expect(await caught(getResellerStats({ ctx: viewer.ctx }))).toBeInstanceOf(ForbiddenError);
  });
});
