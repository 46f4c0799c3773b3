import type { Metadata } from "next";
import Link from "next/link";
import { CreateResellerForm } from "@/components/admin/create-reseller-form";
import { StatusBadge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { DataTable, EmptyState } from "@/components/ui/table";
import { forPage } from "@/lib/auth/page";
import { adminScope } from "@/lib/auth/scopes";
import { listResellers } from "@/lib/services/resellers/list";

export const metadata: Metadata = { title: "Resellers" };

export default async function AdminHome() {
  const ctx = await forPage(adminScope);
  const rows = await listResellers({ ctx });
  return (
    <>
      <PageHeader title="Resellers" description="Partners that run tenants on this platform." />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <DataTable
            testId="resellers-table"
            rows={rows}
            rowKey={(r) => r.id}
            columns={[
              { header: "Reseller", cell: (r) => (<Link href={`/admin/resellers/${r.codeName}`} className="font-medium text-brand-700 hover:underline">{r.name}<span className="block text-xs font-normal text-slate-500">{r.codeName}</span></Link>) },
              { header: "Tenants", cell: (r) => r.tenantCount, hideOnMobile: true },
              { header: "Users", cell: (r) => r.userCount, hideOnMobile: true },
              { header: "Status", cell: (r) => <StatusBadge active={r.active} /> },
            ]}
            empty={<EmptyState title="No resellers yet" description="Create the first partner with the form on this page." />}
          />
        </div>
        <Card title="New reseller" description="The code name appears in partner console URLs and cannot change.">
          <CreateResellerForm />
        </Card>
      </div>
    </>
  );
}
