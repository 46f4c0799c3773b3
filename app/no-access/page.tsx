import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { signOutAction } from "@/app/(auth)/actions";
import { EntryCard } from "@/components/shell/entry-card";
import { buttonClass } from "@/components/ui/button";
import { getSession } from "@/lib/auth";

export const metadata: Metadata = { title: "No access" };

export default async function NoAccessPage() {
  const session = await getSession();
  if (!session?.user?.id) redirect("/login");
  return (
    <EntryCard
      title="Nothing to open yet"
      description={
        <>
          You are signed in as <strong className="font-medium text-slate-700 break-words">{session.user.email}</strong>, but this account has no tenant or partner
          console it can open. It may not have been given access yet, or its access was removed.
        </>
      }
    >
      <p className="text-sm text-slate-600">Ask the person who invited you to add you to a tenant, then sign in again.</p>
      <form action={signOutAction} className="mt-6" data-testid="no-access">
        <button type="submit" className={buttonClass("primary", "w-full")}>
          Sign out
        </button>
      </form>
    </EntryCard>
  );
}
