import type { Metadata } from "next";
import Link from "next/link";
import { DeleteTemplate } from "@/components/partner/delete-template";
import { formatDate, languagesLabel, optionName } from "@/components/partner/labels";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { DataTable, EmptyState } from "@/components/ui/table";
import { forPage } from "@/lib/auth/page";
import { resellerScope } from "@/lib/auth/scopes";
import { listTemplates } from "@/lib/services/templates";

export const metadata: Metadata = { title: "Templates" };

export default async function TemplatesPage({ params }: { params: Promise<{ reseller: string }> }) {
  const { reseller: code } = await params;
  const ctx = await forPage(() => resellerScope(code, "templates.view"));
  const rows = await listTemplates({ ctx });
  const base = `/partner/${ctx.reseller.codeName}/templates`;
  const canCreate = ctx.permissions.has("templates.create");
  const canDelete = ctx.permissions.has("templates.delete");
  return (
    <>
      <PageHeader
        title="Tenant templates"
        description="Presets of languages and options to start new tenants from. Changing a template does not change existing tenants."
        actions={canCreate && <ButtonLink href={`${base}/new`}>New template</ButtonLink>}
      />
      <DataTable
        testId="templates-table"
        rows={rows}
        rowKey={(t) => t.id}
        columns={[
          {
            header: "Template",
            cell: (t) => (
              <span className="block max-w-md">
                <Link href={`${base}/${t.id}`} className="font-medium text-brand-700 hover:underline">{t.name}</Link>
                {t.description && <span className="block text-xs text-slate-500">{t.description}</span>}
              </span>
            ),
          },
          { header: "Languages", hideOnMobile: true, cell: (t) => languagesLabel(t.languages, t.defaultLanguage) },
          { header: "Options", hideOnMobile: true, cell: (t) => (t.options.length ? t.options.map(optionName).join(", ") : <span className="text-slate-400">None</span>) },
          { header: "Tenants", className: "text-right", cell: (t) => <span className="tabular-nums">{t.tenantCount}</span> },
          { header: "Updated", hideOnMobile: true, cell: (t) => <span className="whitespace-nowrap text-slate-500">{formatDate(t.updatedAt)}</span> },
          ...(canDelete ? [{ header: "", className: "text-right", cell: (t: (typeof rows)[number]) => <DeleteTemplate resellerCode={ctx.reseller.codeName} template={t} /> }] : []),
        ]}
        empty={
          <EmptyState
            title="No templates yet"
            description="A template saves the languages and options you use for a kind of merchant, so new tenants start right."
            action={canCreate && <ButtonLink href={`${base}/new`}>Create a template</ButtonLink>}
          />
        }
      />
    </>
  );
}
