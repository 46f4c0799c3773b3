import type { Metadata } from "next";
import { GettingStarted, type Step } from "@/components/tenant/getting-started";
import { TeamSummary } from "@/components/tenant/team-summary";
import { TenantFacts } from "@/components/tenant/tenant-facts";
import { Card, PageHeader } from "@/components/ui/card";
import { forPage } from "@/lib/auth/page";
import { tenantRoleLabels } from "@/lib/auth/permissions";
import { tenantScope } from "@/lib/auth/scopes";
import { listTenantUsers } from "@/lib/services/tenant-users/list";

export const metadata: Metadata = { title: "Dashboard" };

export default async function TenantDashboard({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant: code } = await params;
  const ctx = await forPage(() => tenantScope(code, "tenant.read"));
  const t = ctx.tenant;
  const members = await listTenantUsers({ db: ctx.db, tenantId: t.id });
  const base = `/t/${t.codeName}`;
  const autoInvoiceIncluded = t.options.includes("auto_invoice");
  // Connections, records and rules do not exist for this tenant until those sections are set up.
  const steps: Step[] = [
    {
      href: `${base}/connections`,
      title: "Connect your systems",
      description: "Add a connection for each web shop, marketplace, ERP or logistics partner you want to keep in sync.",
      status: { label: "No connections yet", tone: "gray" },
      cta: "Go to Connections",
    },
    {
      href: `${base}/records`,
      title: "Watch records flow",
      description: "Orders, products, customers and invoices land here once a connection imports them.",
      status: { label: "No records yet", tone: "gray" },
      cta: "Go to Records",
    },
    {
      href: `${base}/auto-invoice`,
      title: "Invoice orders automatically",
      description: autoInvoiceIncluded
        ? "Write rules that turn paid or shipped orders into invoices and send them to your accounting system."
        : "Auto Invoice is not switched on for this tenant. Your partner can enable it.",
      status: autoInvoiceIncluded ? { label: "No rules yet", tone: "gray" } : { label: "Not included", tone: "amber" },
      cta: "Go to Auto Invoice",
    },
  ];
  return (
    <>
      <PageHeader
        title={`Welcome, ${ctx.actor.name.split(" ")[0] || ctx.actor.name}`}
        description={
          <>
            {t.fullName} · you are {/^[aeiou]/i.test(ctx.role) ? "an" : "a"} <strong className="font-medium text-slate-700">{tenantRoleLabels[ctx.role].toLowerCase()}</strong> here.
          </>
        }
      />
      <section aria-labelledby="getting-started" className="mb-8">
        <h2 id="getting-started" className="mb-3 text-base font-semibold text-slate-900">Getting started</h2>
        <GettingStarted steps={steps} />
      </section>
      <div className="grid gap-6 lg:grid-cols-3">
        <Card title="Tenant" description="Managed by your partner." className="lg:col-span-2">
          <TenantFacts tenant={t} show={["codeName", "customerReference", "defaultLanguage", "languages", "options", "status"]} />
        </Card>
        <Card title="Team" description="Active users by role.">
          <TeamSummary members={members} usersHref={`${base}/users`} />
        </Card>
      </div>
    </>
  );
}
