import Link from "next/link";
import { tenantRoleLabels, tenantRoles, type TenantRole } from "@/lib/auth/permissions";

/** Active users per role, with a link to the Users page. */
export function TeamSummary({ members, usersHref }: { members: { role: TenantRole; memberActive: boolean; active: boolean }[]; usersHref: string }) {
  const active = members.filter((m) => m.memberActive && m.active);
  const inactive = members.length - active.length;
  return (
    <div>
      <dl className="grid grid-cols-2 gap-3" data-testid="team-counts">
        {tenantRoles.map((role) => (
          <div key={role} className="rounded-md bg-slate-50 px-3 py-2.5">
            <dt className="text-xs font-medium text-slate-500">{tenantRoleLabels[role]}</dt>
            <dd className="mt-0.5 text-xl font-semibold text-slate-900">{active.filter((m) => m.role === role).length}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-3 text-sm text-slate-500">
        {active.length} active {active.length === 1 ? "user" : "users"}
        {inactive > 0 && <>, {inactive} deactivated</>}.{" "}
        <Link href={usersHref} className="font-medium text-brand-700 hover:text-brand-600">See all users</Link>
      </p>
    </div>
  );
}
