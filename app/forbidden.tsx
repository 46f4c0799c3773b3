import Link from "next/link";

export default function Forbidden() {
  return (
    <div className="flex min-h-[70vh] flex-col items-center justify-center px-4 text-center">
      <p className="text-sm font-semibold text-amber-600">403</p>
      <h1 className="mt-2 text-2xl font-semibold text-slate-900" data-testid="forbidden">You cannot do this</h1>
      <p className="mt-2 max-w-md text-sm text-slate-500">Your role does not include this. Ask an owner or administrator for access.</p>
      <Link href="/" className="mt-6 text-sm font-medium text-brand-600 hover:text-brand-700">Go to your start page →</Link>
    </div>
  );
}
