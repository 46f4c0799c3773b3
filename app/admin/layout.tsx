import type { ReactNode } from "react";
import { ConsoleShell } from "@/components/shell/console-shell";
import { forPage } from "@/lib/auth/page";
import { adminScope } from "@/lib/auth/scopes";

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const ctx = await forPage(adminScope);
  return (
    <ConsoleShell
      title="Platform admin"
      homeHref="/admin"
      nav={[
        { href: "/admin", label: "Resellers", exact: true },
        { href: "/admin/audit", label: "Audit log" },
      ]}
      user={ctx.actor}
    >
      {children}
    </ConsoleShell>
  );
}
