import type { Metadata } from "next";
import Link from "next/link";
import { ResellerUserForm } from "@/components/partner/reseller-user-form";
import { Card, PageHeader } from "@/components/ui/card";
import { forPage } from "@/lib/auth/page";
import { resellerScope } from "@/lib/auth/scopes";
import { createResellerUserAction } from "../../actions";

export const metadata: Metadata = { title: "Add partner user" };

export default async function NewResellerUserPage({ params }: { params: Promise<{ reseller: string }> }) {
  const { reseller: code } = await params;
  const ctx = await forPage(() => resellerScope(code, "reseller_users.create"));
  const rc = ctx.reseller.codeName;
  return (
    <div className="max-w-3xl">
      <PageHeader
        breadcrumb={<Link href={`/partner/${rc}/users`} className="hover:text-slate-700">Partner users</Link>}
        title="Add partner user"
        description="They sign in with this email and password; share the password through a safe channel. You can grant only permissions you hold."
      />
      <Card>
        <ResellerUserForm action={createResellerUserAction.bind(null, rc)} grantable={[...ctx.permissions]} />
      </Card>
    </div>
  );
}
