import type { Metadata } from "next";
import { AuditLog } from "@/components/audit/audit-log";
import { PageHeader } from "@/components/ui/card";
import { forPage } from "@/lib/auth/page";
import { resellerScope } from "@/lib/auth/scopes";
import { listResellerAudit } from "@/lib/services/audit/list";
import { loadResellerAudit } from "../actions";

export const metadata: Metadata = { title: "Audit log" };

export default async function PartnerAuditPage({ params }: { params: Promise<{ reseller: string }> }) {
  const { reseller: code } = await params;
  const ctx = await forPage(() => resellerScope(code, "tenants.view"));
  const firstPage = await listResellerAudit({ ctx });
  return (
    <>
      <PageHeader title="Audit log" description="Every change to your tenants, their users, your templates and partner users, including log-ins as a tenant user." />
      <AuditLog scopeKey={`reseller:${ctx.reseller.codeName}`} load={loadResellerAudit.bind(null, ctx.reseller.codeName)} firstPage={firstPage} showTenant />
    </>
  );
}
