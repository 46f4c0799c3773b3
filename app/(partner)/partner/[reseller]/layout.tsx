import type { ReactNode } from "react";
import { ConsoleShell } from "@/components/shell/console-shell";
import type { NavItem } from "@/components/shell/nav-links";
import { forPage } from "@/lib/auth/page";
import type { ResellerPermission } from "@/lib/auth/permissions";
import { resellerScope } from "@/lib/auth/scopes";

export default async function PartnerLayout({ children, params }: { children: ReactNode; params: Promise<{ reseller: string }> }) {
  const { reseller: code } = await params;
  const ctx = await forPage(() => resellerScope(code));
  const home = `/partner/${ctx.reseller.codeName}`;
  // Entries the user cannot open are hidden; the pages check again.
  const entries: (NavItem & { needs?: ResellerPermission })[] = [
    { href: home, label: "Overview", exact: true },
    { href: `${home}/tenants`, label: "Tenants", needs: "tenants.view" },
    { href: `${home}/templates`, label: "Templates", needs: "templates.view" },
    { href: `${home}/users`, label: "Users", needs: "reseller_users.view" },
    { href: `${home}/audit`, label: "Audit log", needs: "tenants.view" },
  ];
  return (
    <ConsoleShell
      title={ctx.reseller.name}
      homeHref={home}
      nav={entries.filter((e) => !e.needs || ctx.permissions.has(e.needs)).map(({ needs: _, ...item }) => item)}
      user={ctx.actor}
    >
      {children}
    </ConsoleShell>
  );
}
