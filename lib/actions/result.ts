import { isAppError, type FieldErrors } from "@/lib/errors";

/** What every server action returns; forms render `error` and `fieldErrors` inline. */
export type ActionResult<T = undefined> =
  | { ok: true; data: T; message?: string }
  | { ok: false; error: string; fieldErrors?: FieldErrors };

/**
 * Server-action transport mapper: known errors become a typed result, unknown ones a generic
 * message with a reference that is logged with the stack. Redirects and notFound() pass through.
 */
export async function runAction<T>(fn: () => Promise<T>, message?: string): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await fn(), message };
  } catch (e) {
    if (isAppError(e)) return { ok: false, error: e.message, fieldErrors: e.fieldErrors };
    if (isNextControlFlow(e)) throw e;
    const ref = crypto.randomUUID().slice(0, 8);
    console.error(`action failed [${ref}]`, e);
    return { ok: false, error: `Something went wrong (reference ${ref}). Nothing was saved.` };
  }
}

function isNextControlFlow(e: unknown): boolean {
  const digest = (e as { digest?: unknown })?.digest;
  return typeof digest === "string" && (digest.startsWith("NEXT_REDIRECT") || digest.startsWith("NEXT_HTTP_ERROR_FALLBACK") || digest === "NEXT_NOT_FOUND");
}
