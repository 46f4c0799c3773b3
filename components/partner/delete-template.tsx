import { deleteTemplateAction } from "@/app/(partner)/partner/[reseller]/actions";
import { ConfirmAction } from "@/components/ui/confirm";

/** Delete with confirmation; tenants made from the template keep their settings. */
export function DeleteTemplate({ resellerCode, template }: { resellerCode: string; template: { id: string; name: string; tenantCount?: number } }) {
  const used = template.tenantCount ? ` ${template.tenantCount === 1 ? "One tenant was" : `${template.tenantCount} tenants were`} made from it; they keep their settings.` : " Tenants made from it keep their settings.";
  return (
    <ConfirmAction
      label="Delete"
      title={`Delete template ${template.name}?`}
      body={`New tenants can no longer start from it.${used}`}
      confirmLabel="Delete template"
      action={deleteTemplateAction.bind(null, resellerCode, template.id)}
    />
  );
}
