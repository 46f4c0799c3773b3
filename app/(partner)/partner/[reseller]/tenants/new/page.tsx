import type { Metadata } from "next";
import Link from "next/link";
import { NewTenantForm } from "@/components/partner/new-tenant-form";
import { PageHeader } from "@/components/ui/card";
import { forPage } from "@/lib/auth/page";
import { resellerScope } from "@/lib/auth/scopes";
import { listTemplates } from "@/lib/services/templates";
import { createTenantAction } from "../../actions";

export const metadata: Metadata = { title: "New tenant" };

export default async function NewTenantPage({ params }: { params: Promise<{ reseller: string }> }) {
  const { reseller: code } = await params;
  const ctx = await forPage(() => resellerScope(code, "tenants.create"));
  const templates = ctx.permissions.has("templates.view") ? await listTemplates({ ctx }) : [];
  const base = `/partner/${ctx.reseller.codeName}`;
  return (
    <div className="max-w-3xl">
      <PageHeader
        breadcrumb={<Link href={`${base}/tenants`} className="hover:text-slate-700">Tenants</Link>}
        title="New tenant"
        description="The tenant can start working as soon as it has an owner."
      />
      <NewTenantForm
        action={createTenantAction.bind(null, ctx.reseller.codeName)}
        cancelHref={`${base}/tenants`}
        templates={templates.map((t) => ({ id: t.id, name: t.name, description: t.description, languages: t.languages, defaultLanguage: t.defaultLanguage, options: t.options }))}
      />
    </div>
  );
}
