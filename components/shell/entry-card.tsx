import type { ReactNode } from "react";
import { Logo } from "@/components/shell/logo";

/** The centered card of the pages outside the consoles: sign in, sign-in links, choose tenant, no access. */
export function EntryCard({ title, description, children, testId }: { title: string; description: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <div className="flex min-h-screen flex-col items-center justify-center bg-gradient-to-b from-brand-50 to-slate-50 px-4 py-12" data-testid={testId}>
      <div className="w-full max-w-md">
        <div className="mb-8 flex justify-center">
          <Logo subtitle="Commerce integrations" />
        </div>
        <div className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200 sm:p-8">
          <h1 className="text-xl font-semibold text-slate-900">{title}</h1>
          <div className="mt-2 text-sm text-slate-500">{description}</div>
          <div className="mt-6">{children}</div>
        </div>
      </div>
    </div>
  );
}

export function SignOutButton() {
  return (
    <button type="submit" className="text-sm font-medium text-slate-600 hover:text-slate-900">
      Sign out
    </button>
  );
}
