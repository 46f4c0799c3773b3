import type { Metadata } from "next";
import { AuditLog } from "@/components/audit/audit-log";
import { PageHeader } from "@/components/ui/card";
import { forPage } from "@/lib/auth/page";
import { adminScope } from "@/lib/auth/scopes";
import { listPlatformAudit } from "@/lib/services/audit/list";
import { loadPlatformAudit } from "../actions";

export const metadata: Metadata = { title: "Audit log" };

export default async function AdminAuditPage() {
  const ctx = await forPage(adminScope);
  const firstPage = await listPlatformAudit({ ctx });
  return (
    <>
      <PageHeader title="Audit log" description="Every change across the platform: resellers, partner users, tenants and their users." />
      <AuditLog scopeKey="platform" load={loadPlatformAudit} firstPage={firstPage} showTenant />
    </>
  );
}
