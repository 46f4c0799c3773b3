import type { Metadata } from "next";
import Link from "next/link";
import { ActiveToggle } from "@/components/ui/active-toggle";
import { formatDate, formatDateTime, languagesLabel, optionName } from "@/components/partner/labels";
import { TenantEditForm } from "@/components/partner/tenant-edit-form";
import { TenantUsers } from "@/components/partner/tenant-users";
import { Badge, StatusBadge } from "@/components/ui/badge";
import { Card, DescriptionList, PageHeader } from "@/components/ui/card";
import { forPage } from "@/lib/auth/page";
import { resellerScope } from "@/lib/auth/scopes";
import { tenantUserAdminForPartner } from "@/lib/services/tenant-users/access";
import { listTenantUsers } from "@/lib/services/tenant-users/list";
import { getTenant } from "@/lib/services/tenants/get";
import { setTenantActiveAction, updateTenantAction } from "../../actions";

export const metadata: Metadata = { title: "Tenant" };

export default async function TenantPage({ params }: { params: Promise<{ reseller: string; tenant: string }> }) {
  const { reseller: code, tenant: tenantCode } = await params;
  const ctx = await forPage(() => resellerScope(code, "tenants.view"));
  const t = await forPage(() => getTenant({ ctx, codeName: tenantCode }));
  const can = (p: Parameters<typeof ctx.permissions.has>[0]) => ctx.permissions.has(p);
  const admin = can("tenants.manage_users") ? await tenantUserAdminForPartner(ctx, t.id) : null;
  const users = admin ? await listTenantUsers({ db: admin.db, tenantId: admin.tenant.id }) : null;
  const rc = ctx.reseller.codeName;
  const base = `/partner/${rc}`;

  return (
    <>
      <PageHeader
        breadcrumb={<Link href={`${base}/tenants`} className="hover:text-slate-700">Tenants</Link>}
        title={
          <span className="flex flex-wrap items-center gap-3">
            {t.fullName}
            <StatusBadge active={t.active} inactiveLabel="Paused" />
          </span>
        }
        description={
          <>
            Code name <span className="font-mono text-slate-700">{t.codeName}</span>
          </>
        }
        actions={
          can("tenants.edit") && (
            <ActiveToggle
              active={t.active}
              subject={t.fullName}
              testId="tenant"
              confirmNoun="tenant"
              deactivateBody="The tenant is paused: no plugs run and its API answers 403 until you reactivate it. Its users can still sign in and see their data."
              reactivateBody="Plugs resume on their schedules and the tenant's API answers again."
              action={setTenantActiveAction.bind(null, rc, t.id)}
            />
          )
        }
      />

      {!t.active && (
        <div className="mb-6 rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-inset ring-amber-200" data-testid="tenant-paused">
          <strong className="font-semibold">This tenant is paused.</strong> No plugs run and its API answers 403. Users can still sign in.
        </div>
      )}

      <div className="space-y-8">
        <Card title="Details">
          <DescriptionList
            items={[
              { label: "Customer reference", value: t.customerReference },
              { label: "Email", value: t.email },
              { label: "Template", value: t.template ? (can("templates.view") ? <Link className="text-brand-700 hover:underline" href={`${base}/templates/${t.template.id}`}>{t.template.name}</Link> : t.template.name) : "None (blank)" },
              { label: "Created", value: formatDate(t.createdAt) },
              { label: "Last changed", value: formatDateTime(t.updatedAt) },
              ...(can("tenants.view_config") || can("tenants.edit")
                ? [
                    { label: "Languages", value: languagesLabel(t.languages, t.defaultLanguage) },
                    {
                      label: "Options",
                      value: t.options.length ? (
                        <span className="flex flex-wrap gap-1">
                          {t.options.map((o) => (
                            <Badge key={o} tone="blue">{optionName(o)}</Badge>
                          ))}
                        </span>
                      ) : (
                        "None"
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </Card>

        {users && <TenantUsers resellerCode={rc} tenant={{ id: t.id, fullName: t.fullName }} users={users} canLoginAs={can("tenants.login_as")} />}

        {can("tenants.edit") && (
          <Card title="Edit tenant" description="Code name and customer reference are fixed; they appear in URLs and integrations.">
            <TenantEditForm
              action={updateTenantAction.bind(null, rc, t.id)}
              tenant={{ fullName: t.fullName, email: t.email, languages: t.languages, defaultLanguage: t.defaultLanguage, options: t.options }}
            />
          </Card>
        )}
      </div>
    </>
  );
}
