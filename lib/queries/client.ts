import { QueryClient } from "@tanstack/react-query";

/** The one QueryClient factory; server components and the browser provider both use it. */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: { queries: { staleTime: 30_000, retry: 1, refetchOnWindowFocus: false } },
  });
}
