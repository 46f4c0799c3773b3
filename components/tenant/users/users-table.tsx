import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { DataTable, EmptyState } from "@/components/ui/table";
import { tenantRoleDescriptions, tenantRoleLabels, type TenantRole } from "@/lib/auth/permissions";
import { formatDateTime } from "../format";

export type MemberRow = { id: string; name: string; email: string; role: TenantRole; active: boolean; memberActive: boolean; apiAccess: boolean; lastLoginAt: Date | null };

/** Everyone in the tenant. `actions` renders the management controls for a row, if any. */
export function UsersTable({ members, actions }: { members: MemberRow[]; actions?: (m: MemberRow) => ReactNode }) {
  return (
    <DataTable
      testId="users-table"
      rows={members}
      rowKey={(m) => m.id}
      columns={[
        {
          header: "User",
          cell: (m) => (
            <span className="block min-w-0">
              <span className="font-medium text-slate-900">{m.name}</span>
              <span className="block break-all text-xs text-slate-500">{m.email}</span>
              {/* Phones hide the role and status columns; show both here instead. */}
              <span className="mt-1 flex flex-wrap gap-1 md:hidden">
                <Badge tone="blue">{tenantRoleLabels[m.role]}</Badge>
                <MemberStatus member={m} />
              </span>
            </span>
          ),
        },
        {
          header: "Role",
          hideOnMobile: true,
          cell: (m) => (
            <span data-testid="user-role">
              <span className="font-medium text-slate-800">{tenantRoleLabels[m.role]}</span>
              <span className="block text-xs text-slate-500">{tenantRoleDescriptions[m.role]}</span>
            </span>
          ),
        },
        { header: "Status", hideOnMobile: true, cell: (m) => <MemberStatus member={m} /> },
        { header: "Last login", hideOnMobile: true, className: "whitespace-nowrap", cell: (m) => <span className="text-slate-600">{formatDateTime(m.lastLoginAt)}</span> },
        ...(actions ? [{ header: "Actions", className: "text-right", cell: actions }] : []),
      ]}
      empty={<EmptyState title="No users" description="Nobody has access to this tenant yet." />}
    />
  );
}

function MemberStatus({ member }: { member: MemberRow }) {
  if (!member.memberActive) return <Badge tone="gray">Deactivated</Badge>;
  // The login itself can be switched off platform-wide even while the membership is active.
  if (!member.active) return <Badge tone="amber">Login disabled</Badge>;
  return (
    <span className="inline-flex flex-wrap gap-1">
      <Badge tone="green">Active</Badge>
      {member.apiAccess && <Badge tone="amber">API</Badge>}
    </span>
  );
}
