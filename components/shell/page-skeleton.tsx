/** Shown inside a console while a page's data loads (Next renders it from loading.tsx). */
export function PageSkeleton() {
  return (
    <div className="animate-pulse" aria-busy="true" aria-label="Loading">
      <div className="h-7 w-56 rounded bg-slate-200" />
      <div className="mt-2 h-4 w-80 max-w-full rounded bg-slate-100" />
      <div className="mt-8 space-y-3 rounded-lg bg-white p-5 ring-1 ring-slate-200">
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className="h-4 rounded bg-slate-100" style={{ width: `${90 - i * 12}%` }} />
        ))}
      </div>
    </div>
  );
}
