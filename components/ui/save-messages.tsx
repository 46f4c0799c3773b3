/** An editor's answer from its last save: what failed (with the problems no field shows), or what succeeded. */
export function SaveMessages({ error, notice }: { error: { message: string; details: string[] } | null; notice: string | null }) {
  return (
    <>
      {error && (
        <div className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-inset ring-red-200" data-testid="form-error">
          {error.message}
          {error.details.length > 0 && (
            <ul className="mt-1 list-disc pl-5">
              {error.details.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {notice && (
        <p className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ring-1 ring-inset ring-emerald-200" data-testid="form-success">
          {notice}
        </p>
      )}
    </>
  );
}
