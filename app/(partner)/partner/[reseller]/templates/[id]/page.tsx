import type { Metadata } from "next";
import Link from "next/link";
import { DeleteTemplate } from "@/components/partner/delete-template";
import { formatDateTime, languagesLabel, optionName } from "@/components/partner/labels";
import { TemplateForm } from "@/components/partner/template-form";
import { Card, DescriptionList, PageHeader } from "@/components/ui/card";
import { forPage } from "@/lib/auth/page";
import { resellerScope } from "@/lib/auth/scopes";
import { getTemplate } from "@/lib/services/templates";
import { updateTemplateAction } from "../../actions";

export const metadata: Metadata = { title: "Template" };

export default async function TemplatePage({ params }: { params: Promise<{ reseller: string; id: string }> }) {
  const { reseller: code, id } = await params;
  const ctx = await forPage(() => resellerScope(code, "templates.view"));
  const t = await forPage(() => getTemplate({ ctx, id }));
  const base = `/partner/${ctx.reseller.codeName}/templates`;
  const canEdit = ctx.permissions.has("templates.edit");
  return (
    <div className="max-w-3xl">
      <PageHeader
        breadcrumb={<Link href={base} className="hover:text-slate-700">Templates</Link>}
        title={t.name}
        description={`Last changed ${formatDateTime(t.updatedAt)}`}
        actions={ctx.permissions.has("templates.delete") && <DeleteTemplate resellerCode={ctx.reseller.codeName} template={t} />}
      />
      <Card>
        {canEdit ? (
          <TemplateForm
            action={updateTemplateAction.bind(null, ctx.reseller.codeName, t.id)}
            cancelHref={base}
            template={{ name: t.name, description: t.description, languages: t.languages, defaultLanguage: t.defaultLanguage, options: t.options }}
          />
        ) : (
          <DescriptionList
            items={[
              { label: "Description", value: t.description || "—" },
              { label: "Languages", value: languagesLabel(t.languages, t.defaultLanguage) },
              { label: "Options", value: t.options.length ? t.options.map(optionName).join(", ") : "None" },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
