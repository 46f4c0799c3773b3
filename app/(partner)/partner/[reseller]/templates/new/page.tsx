import type { Metadata } from "next";
import Link from "next/link";
import { TemplateForm } from "@/components/partner/template-form";
import { Card, PageHeader } from "@/components/ui/card";
import { forPage } from "@/lib/auth/page";
import { resellerScope } from "@/lib/auth/scopes";
import { createTemplateAction } from "../../actions";

export const metadata: Metadata = { title: "New template" };

export default async function NewTemplatePage({ params }: { params: Promise<{ reseller: string }> }) {
  const { reseller: code } = await params;
  const ctx = await forPage(() => resellerScope(code, "templates.create"));
  const base = `/partner/${ctx.reseller.codeName}/templates`;
  return (
    <div className="max-w-3xl">
      <PageHeader breadcrumb={<Link href={base} className="hover:text-slate-700">Templates</Link>} title="New template" />
      <Card>
        <TemplateForm action={createTemplateAction.bind(null, ctx.reseller.codeName)} cancelHref={base} />
      </Card>
    </div>
  );
}
