import { RemoteError, remoteErrorFromException } from "../errors";

/**
 * Retries a remote call on transient faults within a run: exponential backoff with jitter, or the
 * remote's Retry-After when longer. A wait beyond `maxWaitMs` (or the last attempt) gives up and
 * rethrows, so the job queue retries the run later instead of holding a worker.
 */
export type RetryPolicy = { attempts: number; baseMs: number; maxWaitMs: number };

export function retryPolicy(): RetryPolicy {
  return {
    attempts: Number(process.env.CROSSDOCK_REMOTE_ATTEMPTS ?? 5),
    baseMs: Number(process.env.CROSSDOCK_REMOTE_RETRY_BASE_MS ?? 1000),
    maxWaitMs: Number(process.env.CROSSDOCK_REMOTE_MAX_WAIT_MS ?? 120_000),
  };
}

export async function withRemoteRetry<T>(what: string, fn: () => Promise<T>, signal: AbortSignal, policy = retryPolicy(), onRetry?: (e: RemoteError, waitMs: number) => void): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      const err = e instanceof RemoteError ? e : isNetworkError(e) ? remoteErrorFromException(what, e) : undefined;
      if (!err) throw e;
      if (err.kind !== "transient" || attempt >= policy.attempts || signal.aborted) throw err;
      const backoff = policy.baseMs * 2 ** (attempt - 1) * (0.75 + Math.random() * 0.5);
      const wait = Math.max(backoff, (err.retryAfterSeconds ?? 0) * 1000);
      if (wait > policy.maxWaitMs) throw err;
      onRetry?.(err, wait);
      await sleep(wait, signal);
    }
  }
}

function isNetworkError(e: unknown): boolean {
  const code = (e as { code?: string; cause?: { code?: string } })?.code ?? (e as { cause?: { code?: string } })?.cause?.code;
  return typeof code === "string" && /^(ECONN|ETIMEDOUT|EAI_AGAIN|ENOTFOUND|EPIPE|UND_ERR)/.test(code);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}
