/**
 * Failures of remote calls, classified once so the runtime knows what to do: transient faults
 * (network, timeout, 5xx, 429) are retried with backoff honouring Retry-After; permanent ones (401,
 * 403, other 4xx) stop the run with the message. RecordError fails one record, not the run.
 */
export class RemoteError extends Error {
  constructor(
    message: string,
    readonly kind: "transient" | "permanent",
    readonly status?: number,
    /** Seconds the remote asked us to wait (Retry-After), when it said. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "RemoteError";
  }
}

/** Bad data in one record (mapping or the remote refused that record): that record fails, the run goes on. */
export class RecordError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "RecordError";
  }
}

/** The plug itself is set up wrong (e.g. a watermark that is not a date): the run stops with the reason until someone fixes it. */
export class PlugSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PlugSetupError";
  }
}

/** Retry-After as seconds: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const s = Number(value);
  if (Number.isFinite(s) && s >= 0) return s;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, (at - now) / 1000);
}

/** The RemoteError for an HTTP answer that was not a success. `what` names the remote ("Shopify"). */
export function remoteErrorFromStatus(what: string, status: number, retryAfter?: string | null, detail?: string): RemoteError {
  const tail = detail ? `: ${detail.slice(0, 300)}` : "";
  if (status === 429) return new RemoteError(`${what} is rate limiting us (429)${tail}`, "transient", status, parseRetryAfter(retryAfter));
  if (status >= 500) return new RemoteError(`${what} answered ${status}${tail}`, "transient", status, parseRetryAfter(retryAfter));
  if (status === 408) return new RemoteError(`${what} timed out (408)${tail}`, "transient", status);
  if (status === 401) return new RemoteError(`${what} refused the credentials (401)${tail}`, "permanent", status);
  if (status === 403) return new RemoteError(`${what} refused access (403)${tail}`, "permanent", status);
  return new RemoteError(`${what} answered ${status}${tail}`, "permanent", status);
}

/** Network-level failures (refused, reset, DNS, timeout, abort) are transient. */
export function remoteErrorFromException(what: string, e: unknown): RemoteError {
  if (e instanceof RemoteError) return e;
  const err = e as { name?: string; code?: string; message?: string; cause?: { code?: string } };
  const code = err?.code ?? err?.cause?.code;
  const reason = code ?? err?.name ?? "error";
  return new RemoteError(`${what} could not be reached (${reason}): ${err?.message ?? String(e)}`, "transient");
}
