import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { Logo } from "@/components/shell/logo";
import { SubmitButton } from "@/components/ui/form";
import { peekLoginUrlToken } from "@/lib/services/auth/peek-login-token";
import { continueWithLoginUrl } from "./actions";

// The token is in the URL: never send it on as a Referer, never index the page.
export const metadata: Metadata = { title: "Sign in", referrer: "no-referrer", robots: { index: false, follow: false } };

/**
 * Landing page of a Reseller API login URL. Opening it (GET) only looks at the token; signing in
 * takes the button's POST, so mail scanners and link previews cannot use the single-use link up.
 */
export default async function LoginTokenPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams;
  const target = typeof token === "string" ? await peekLoginUrlToken(await getDb(), token) : undefined;

  return (
    <div className="flex min-h-screen flex-col items-center justify-center bg-gradient-to-b from-brand-50 to-slate-50 px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex justify-center">
          <Logo subtitle="Commerce integrations" />
        </div>
        <div className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200 sm:p-8">
          {target ? (
            <div data-testid="login-token-continue">
              <h1 className="text-xl font-semibold text-slate-900">Sign in to {target.tenantName}</h1>
              <p className="mt-2 text-sm text-slate-600">
                You are signing in as <span className="font-medium text-slate-900">{target.email}</span>. This link works once and expires a few minutes after it was made.
              </p>
              <form action={continueWithLoginUrl} className="mt-6">
                <input type="hidden" name="token" value={token} />
                <SubmitButton pendingLabel="Signing in…">Continue to {target.tenantName}</SubmitButton>
              </form>
              <p className="mt-6 text-sm text-slate-500">
                Not you?{" "}
                <Link href="/login" className="font-medium text-brand-600 hover:text-brand-700">
                  Sign in with your own account
                </Link>
              </p>
            </div>
          ) : (
            <div data-testid="login-token-expired">
              <h1 className="text-xl font-semibold text-slate-900">This sign-in link has expired or was already used</h1>
              <p className="mt-2 text-sm text-slate-600">Sign-in links work once and only for a few minutes. Ask for a new link, or sign in with your email and password.</p>
              <Link href="/login" className="mt-6 inline-flex text-sm font-medium text-brand-600 hover:text-brand-700">
                Go to sign in →
              </Link>
            </div>
          )}
        </div>
      </div>
    </div>
  );
}
