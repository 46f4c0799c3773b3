"use client";

import Link from "next/link";

/** Last-resort error page: says nothing internal, gives the reference that is in the server log. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="flex min-h-[70vh] flex-col items-center justify-center px-4 text-center">
      <p className="text-sm font-semibold text-red-600">Error</p>
      <h1 className="mt-2 text-2xl font-semibold text-slate-900">Something went wrong</h1>
      <p className="mt-2 max-w-md text-sm text-slate-500">
        The page could not be shown. Nothing you submitted was half-saved. {error.digest && <>Reference: <span className="font-mono">{error.digest}</span></>}
      </p>
      <div className="mt-6 flex gap-4 text-sm font-medium">
        <button type="button" onClick={reset} className="text-brand-600 hover:text-brand-700">Try again</button>
        <Link href="/" className="text-brand-600 hover:text-brand-700">Go to your start page →</Link>
      </div>
    </div>
  );
}
