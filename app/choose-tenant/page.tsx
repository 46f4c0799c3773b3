import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { signOutAction } from "@/app/(auth)/actions";
import { EntryCard, SignOutButton } from "@/components/shell/entry-card";
import { getSession } from "@/lib/auth";
import { tenantRoleLabels, type TenantRole } from "@/lib/auth/permissions";
import { homePath } from "@/lib/services/auth/memberships";

export const metadata: Metadata = { title: "Choose a tenant" };

export default async function ChooseTenantPage() {
  const session = await getSession();
  if (!session?.user?.id) redirect("/login");
  // The list is the one taken at sign-in; each tenant page re-checks access when opened.
  const tenants = session.memberships.flatMap((m) => (m.type === "tenant" ? [m] : []));
  if (tenants.length === 0) redirect(homePath(session.kind, session.memberships));
  return (
    <EntryCard title="Choose a tenant" description={<>You have access to {tenants.length} tenants. Pick the one to open.</>}>
      <ul className="divide-y divide-slate-100 overflow-hidden rounded-lg ring-1 ring-slate-200" data-testid="tenant-choices">
        {tenants.map((t) => (
          <li key={t.codeName}>
            <Link href={`/t/${t.codeName}`} className="flex items-center justify-between gap-3 px-4 py-3 hover:bg-slate-50">
              <span className="min-w-0">
                <span className="block truncate text-sm font-medium text-slate-900">{t.name}</span>
                <span className="block truncate font-mono text-xs text-slate-500">{t.codeName}</span>
              </span>
              <span className="flex shrink-0 items-center gap-2 text-xs text-slate-500">
                {tenantRoleLabels[t.role as TenantRole] ?? t.role}
                <span aria-hidden className="text-slate-400">→</span>
              </span>
            </Link>
          </li>
        ))}
      </ul>
      <form action={signOutAction} className="mt-6 text-center">
        <SignOutButton />
      </form>
    </EntryCard>
  );
}
