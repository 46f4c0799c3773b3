import type { NavItem } from "@/components/shell/nav-links";
import { tenantRoleCan, type TenantRole } from "@/lib/auth/permissions";

/** The tenant console's sections; the audit log only for roles that may read it. */
export function tenantNav(code: string, role: TenantRole): NavItem[] {
  const base = `/t/${code}`;
  const items: NavItem[] = [
    { href: base, label: "Dashboard", exact: true },
    { href: `${base}/connections`, label: "Connections" },
    { href: `${base}/errors`, label: "Error queue" },
    { href: `${base}/records`, label: "Records" },
    { href: `${base}/auto-invoice`, label: "Auto Invoice" },
    { href: `${base}/logs`, label: "Logs" },
    { href: `${base}/users`, label: "Users" },
    { href: `${base}/settings`, label: "Settings" },
  ];
  if (tenantRoleCan(role, "audit.view")) items.push({ href: `${base}/audit`, label: "Audit log" });
  return items;
}
