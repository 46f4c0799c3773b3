"use client";

import { useState, useTransition } from "react";
import { endLoginAsAction } from "@/app/(auth)/impersonation-actions";

/** Shown on every tenant page while a partner is logged in as a tenant user. */
export function ImpersonationBanner({ userEmail, partnerEmail }: { userEmail: string; partnerEmail: string }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="border-b border-amber-300 bg-amber-100 px-4 py-2.5 text-sm text-amber-950 sm:px-6" data-testid="impersonation-banner" role="status">
      <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2">
        <p className="min-w-0 flex-1 basis-96">
          You are signed in as <strong className="font-semibold break-words">{userEmail}</strong> on behalf of <strong className="font-semibold break-words">{partnerEmail}</strong>. Everything you do is recorded in the audit log.
        </p>
        <button
          type="button"
          disabled={pending}
          onClick={() =>
            start(async () => {
              setError(null);
              // On success the action signs the partner back in and redirects; only failures return.
              const result = await endLoginAsAction();
              if (result && !result.ok) setError(result.error);
            })
          }
          className="shrink-0 rounded-md bg-amber-900 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-amber-950 disabled:opacity-60"
        >
          {pending ? "Returning…" : "Return to partner console"}
        </button>
      </div>
      {error && (
        <p className="mt-2 rounded-md bg-red-50 px-3 py-1.5 text-red-800 ring-1 ring-inset ring-red-200" data-testid="impersonation-error">
          {error}
        </p>
      )}
    </div>
  );
}
