import type { ReactNode } from "react";
import { ConsoleShell } from "@/components/shell/console-shell";
import { tenantNav } from "@/components/tenant/nav";
import { TenantBanners } from "@/components/tenant/tenant-banners";
import { forPage } from "@/lib/auth/page";
import { tenantScope } from "@/lib/auth/scopes";

export default async function TenantLayout({ children, params }: { children: ReactNode; params: Promise<{ tenant: string }> }) {
  const { tenant: code } = await params;
  const ctx = await forPage(() => tenantScope(code));
  return (
    <ConsoleShell title={ctx.tenant.fullName} homeHref={`/t/${ctx.tenant.codeName}`} nav={tenantNav(ctx.tenant.codeName, ctx.role)} user={ctx.actor} banner={<TenantBanners ctx={ctx} />}>
      {children}
    </ConsoleShell>
  );
}
