import type { Metadata } from "next";
import { Logo } from "@/components/shell/logo";
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
    <div className="flex min-h-screen flex-col items-center justify-center bg-gradient-to-b from-brand-50 to-slate-50 px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex justify-center">
          <Logo subtitle="Commerce integrations" />
        </div>
        <div className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200 sm:p-8">
          <h1 className="text-xl font-semibold text-slate-900">Sign in</h1>
          <p className="mt-1 text-sm text-slate-500">Platform operators, partners and merchants sign in here.</p>
          <div className="mt-6">
            <LoginForm next={next} />
          </div>
        </div>
      </div>
    </div>
  );
}
