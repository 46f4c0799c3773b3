import type { Metadata } from "next";
import { LanguageSettingsForm } from "@/components/tenant/language-settings-form";
import { TenantFacts } from "@/components/tenant/tenant-facts";
import { Card, PageHeader } from "@/components/ui/card";
import { forPage } from "@/lib/auth/page";
import { tenantRoleCan } from "@/lib/auth/permissions";
import { tenantScope } from "@/lib/auth/scopes";
import { updateTenantSettingsAction } from "../actions";

export const metadata: Metadata = { title: "Settings" };

export default async function TenantSettingsPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant: code } = await params;
  const ctx = await forPage(() => tenantScope(code, "tenant.read"));
  const t = ctx.tenant;
  const canEdit = tenantRoleCan(ctx.role, "settings.edit");
  return (
    <>
      <PageHeader title="Settings" description="How this tenant handles languages, and the details your partner keeps on file." />
      <div className="space-y-6">
        <Card
          title="Languages"
          description={canEdit ? "Used for translatable record texts and as the Tenant API's default." : "Only owners and admins can change languages."}
        >
          {canEdit ? (
            <LanguageSettingsForm action={updateTenantSettingsAction.bind(null, t.codeName)} defaultLanguage={t.defaultLanguage} selected={t.languages} />
          ) : (
            <TenantFacts tenant={t} show={["defaultLanguage", "languages"]} />
          )}
        </Card>
        <Card title="Tenant details" description="Managed by your partner. Contact them to change these.">
          <div data-testid="tenant-details">
            <TenantFacts tenant={t} show={["fullName", "codeName", "customerReference", "email", "options", "status"]} />
          </div>
        </Card>
      </div>
    </>
  );
}
