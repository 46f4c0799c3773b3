import { forbidden, notFound, redirect } from "next/navigation";
import { isAppError } from "@/lib/errors";

/**
 * Page transport mapper: runs a guard or service call for a server component and turns the error
 * hierarchy into Next's 401/403/404 responses. Anything else is a real bug and propagates.
 */
export async function forPage<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isAppError(e)) {
      if (e.status === 401) redirect("/login");
      if (e.status === 404) notFound();
      if (e.status === 403) forbidden();
    }
    throw e;
  }
}
