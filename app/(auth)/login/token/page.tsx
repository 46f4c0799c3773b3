import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { EntryCard } from "@/components/shell/entry-card";
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

  if (!target) {
    return (
      <EntryCard testId="login-token-expired" title="This sign-in link has expired or was already used" description="Sign-in links work once and only for a few minutes. Ask for a new link, or sign in with your email and password.">
        <Link href="/login" className="inline-flex text-sm font-medium text-brand-600 hover:text-brand-700">
          Go to sign in →
        </Link>
      </EntryCard>
    );
  }
  return (
    <EntryCard
      testId="login-token-continue"
      title={`Sign in to ${target.tenantName}`}
      description={
        <>
          You are signing in as <span className="font-medium text-slate-900">{target.email}</span>. This link works once and expires a few minutes after it was made.
        </>
      }
    >
      <form action={continueWithLoginUrl}>
        <input type="hidden" name="token" value={token} />
        <SubmitButton pendingLabel="Signing in…">Continue to {target.tenantName}</SubmitButton>
      </form>
      <p className="mt-6 text-sm text-slate-500">
        Not you?{" "}
        <Link href="/login" className="font-medium text-brand-600 hover:text-brand-700">
          Sign in with your own account
        </Link>
      </p>
    </EntryCard>
  );
}
