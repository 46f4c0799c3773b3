import type { Metadata } from "next";
import { EntryCard } from "@/components/shell/entry-card";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; next?: string }> }) {
  const sp = await searchParams;
  let next = sp.next ?? "";
  if (!next && sp.callbackUrl) {
    try {
      next = new URL(sp.callbackUrl, "http://x").pathname;
    } catch {}
  }
  return (
    <EntryCard title="Sign in" description="Platform operators, partners and merchants sign in here.">
      <LoginForm next={next} />
    </EntryCard>
  );
}
