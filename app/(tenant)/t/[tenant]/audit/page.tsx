import type { Metadata } from "next";
import { AuditLog } from "@/components/audit/audit-log";
import { PageHeader } from "@/components/ui/card";
import { forPage } from "@/lib/auth/page";
import { tenantScope } from "@/lib/auth/scopes";
import { listTenantAudit } from "@/lib/services/audit/list";
import { loadTenantAudit } from "../actions";

export const metadata: Metadata = { title: "Audit log" };

export default async function TenantAuditPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant: code } = await params;
  const ctx = await forPage(() => tenantScope(code, "audit.view"));
  const firstPage = await forPage(() => listTenantAudit({ ctx }));
  return (
    <>
      <PageHeader title="Audit log" description="Who changed what in this tenant, including changes your partner made on your behalf." />
      <AuditLog scopeKey={`tenant:${ctx.tenant.id}`} load={loadTenantAudit.bind(null, ctx.tenant.codeName)} firstPage={firstPage} />
    </>
  );
}
