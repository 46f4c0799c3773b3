import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatDateTime } from "@/components/partner/labels";
import { ResellerUserForm } from "@/components/partner/reseller-user-form";
import { ResellerUserStatus } from "@/components/partner/reseller-user-status";
import { StatusBadge } from "@/components/ui/badge";
import { Card, DescriptionList, PageHeader } from "@/components/ui/card";
import { forPage } from "@/lib/auth/page";
import { resellerScope } from "@/lib/auth/scopes";
import { listResellerUsers } from "@/lib/services/reseller-users";
import { updateResellerUserAction } from "../../actions";

export const metadata: Metadata = { title: "Partner user" };

export default async function ResellerUserPage({ params }: { params: Promise<{ reseller: string; id: string }> }) {
  const { reseller: code, id } = await params;
  const ctx = await forPage(() => resellerScope(code, "reseller_users.edit"));
  // The list is scoped to this reseller, so a user of another reseller is simply not in it.
  const user = (await listResellerUsers({ ctx })).find((u) => u.id === id);
  if (!user) notFound();
  const rc = ctx.reseller.codeName;
  const self = user.id === ctx.actor.userId;
  return (
    <div className="max-w-3xl">
      <PageHeader
        breadcrumb={<Link href={`/partner/${rc}/users`} className="hover:text-slate-700">Partner users</Link>}
        title={user.name}
        description={user.email}
        actions={!self && ctx.permissions.has("reseller_users.delete") && <ResellerUserStatus resellerCode={rc} user={user} />}
      />
      <div className="space-y-6">
        <Card>
          <DescriptionList
            items={[
              { label: "Status", value: <StatusBadge active={user.active} /> },
              { label: "Last login", value: formatDateTime(user.lastLoginAt) },
            ]}
          />
        </Card>
        <Card title="Name and permissions" description={self ? "This is you: you can add permissions you hold, but not remove your own." : undefined}>
          <ResellerUserForm action={updateResellerUserAction.bind(null, rc, user.id)} grantable={[...ctx.permissions]} user={{ name: user.name, permissions: user.permissions }} />
        </Card>
      </div>
    </div>
  );
}
