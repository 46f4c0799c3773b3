import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/card";
import { forPage } from "@/lib/auth/page";
import type { ResellerPermission } from "@/lib/auth/permissions";
import { resellerScope } from "@/lib/auth/scopes";
import { getResellerStats } from "@/lib/services/tenants/stats";

export const metadata: Metadata = { title: "Partner overview" };

export default async function PartnerOverview({ params }: { params: Promise<{ reseller: string }> }) {
  const { reseller: code } = await params;
  const ctx = await forPage(() => resellerScope(code));
  const stats = ctx.permissions.has("stats.view") ? await getResellerStats({ ctx }) : null;
  const base = `/partner/${ctx.reseller.codeName}`;
  const links: { href: string; title: string; text: string; needs: ResellerPermission }[] = [
    { href: `${base}/tenants/new`, title: "New tenant", text: "Set up a merchant, blank or from a template, with its first owner.", needs: "tenants.create" },
    { href: `${base}/tenants`, title: "Tenants", text: "Find a tenant, change its options, manage its users or log in as one.", needs: "tenants.view" },
    { href: `${base}/templates`, title: "Templates", text: "Presets of languages and options for new tenants.", needs: "templates.view" },
    { href: `${base}/users`, title: "Partner users", text: "Colleagues who work in this console, and what they may do.", needs: "reseller_users.view" },
    { href: `${base}/audit`, title: "Audit log", text: "Who changed what, across all your tenants.", needs: "tenants.view" },
  ];
  const allowed = links.filter((l) => ctx.permissions.has(l.needs));
  return (
    <>
      <PageHeader title="Overview" description={`Partner console for ${ctx.reseller.name}.`} />
      {stats && (
        <section aria-label="Stats" className="mb-8 grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-5" data-testid="partner-stats">
          <Stat label="Tenants" value={stats.tenants} href={`${base}/tenants`} className="col-span-2 sm:col-span-1" />
          <Stat label="Active" value={stats.activeTenants} href={`${base}/tenants?status=active`} tone="green" />
          <Stat label="Paused" value={stats.pausedTenants} href={`${base}/tenants?status=inactive`} tone={stats.pausedTenants ? "amber" : undefined} />
          <Stat label="Tenant users" value={stats.tenantUsers} hint="active logins" />
          <Stat label="Templates" value={stats.templates} href={`${base}/templates`} />
        </section>
      )}
      <h2 className="mb-3 text-base font-semibold text-slate-900">Quick links</h2>
      {allowed.length ? (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {allowed.map((l) => (
            <li key={l.href}>
              <Link href={l.href} className="group block h-full rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 transition hover:ring-brand-500">
                <span className="text-sm font-semibold text-slate-900 group-hover:text-brand-700">{l.title} →</span>
                <span className="mt-1 block text-sm text-slate-500">{l.text}</span>
              </Link>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-500">Your account has no permissions in this console yet. Ask a partner administrator for access.</p>
      )}
    </>
  );
}

const tones = { green: "text-emerald-700", amber: "text-amber-700" } as const;

function Stat({ label, value, href, hint, tone, className = "" }: { label: string; value: number; href?: string; hint?: string; tone?: keyof typeof tones; className?: string }) {
  const body = (
    <>
      <span className="block text-xs font-medium uppercase tracking-wide text-slate-500">{label}</span>
      <span className={`mt-1 block text-3xl font-semibold tabular-nums ${tone ? tones[tone] : "text-slate-900"}`}>{value}</span>
      {hint && <span className="block text-xs text-slate-400">{hint}</span>}
    </>
  );
  const box = `block h-full rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 ${className}`;
  return href ? (
    <Link href={href} className={`${box} transition hover:ring-brand-500`} data-testid={`stat-${label.toLowerCase().replace(/ /g, "-")}`}>
      {body}
    </Link>
  ) : (
    <div className={box} data-testid={`stat-${label.toLowerCase().replace(/ /g, "-")}`}>
      {body}
    </div>
  );
}
