/**
 * The QuickBooks Online v3 company API through Intuit's community client node-quickbooks (axios).
 * Its base URL is a per-instance `endpoint`, so each call points it at the connection's host
 * without touching process-wide state. Tokens: an access token that is missing or about to expire
 * is refreshed first; a 401 refreshes once and retries; every rotated token is persisted through
 * io.updateSettings before it is used.
 */
import QuickBooks from "node-quickbooks";
import type { RemoteIo } from "../types";
import { RecordError, RemoteError, remoteErrorFromException, remoteErrorFromStatus } from "../errors";
import { INTUIT_TOKEN_URL, refreshAccessToken } from "./oauth";
import { INTUIT_API_URLS, type Settings } from "./settings";

const WHAT = "QuickBooks";
/** Intuit retires minor versions below 75; pin one so field shapes do not shift under us. */
export const MINOR_VERSION = "75";
const TIMEOUT_MS = 60_000;
/** Refresh this long before Intuit's expiry (intuit-oauth uses the same margin). */
const EXPIRY_MARGIN_MS = 60_000;
/** Intuit throttles per minute and does not promise a Retry-After; without one, wait the window out. */
const DEFAULT_THROTTLE_WAIT = "60";

export type QboEntity = "Customer" | "Invoice" | "CreditMemo" | "Item" | "TaxCode" | "TaxRate";
export type QboObject = Record<string, any>;
type Callback = (err: unknown, data?: any) => void;
/** node-quickbooks' methods by name (createCustomer, findInvoices …): its typings do not cover a generic call. */
type VendorClient = Record<string, (...args: unknown[]) => void>;

/** A 400 ValidationFault: this record's data was refused. `code` is Intuit's error code ("6240", "610" …). */
export class QuickBooksRecordError extends RecordError {
  constructor(
    message: string,
    field: string | undefined,
    readonly code: string | undefined,
  ) {
    super(message, field);
  }
}

export const isObjectNotFound = (e: unknown) => e instanceof QuickBooksRecordError && e.code === "610";

/** A string literal in Intuit's query language (apostrophes escaped with a backslash). */
export function qboString(value: string): string {
  return `'${value.replace(/'/g, "\\'")}'`;
}

export class QuickBooksClient {
  private tokens: Pick<Settings, "accessToken" | "accessTokenExpiresAt" | "refreshToken">;

  constructor(
    private readonly settings: Settings,
    private readonly io: RemoteIo,
  ) {
    this.tokens = { accessToken: settings.accessToken, accessTokenExpiresAt: settings.accessTokenExpiresAt, refreshToken: settings.refreshToken };
  }

  get apiBaseUrl(): string {
    return this.settings.apiBaseUrl ?? INTUIT_API_URLS[this.settings.environment];
  }

  get realmId(): string {
    return this.settings.realmId;
  }

  companyInfo(): Promise<QboObject> {
    return this.call((q, cb) => q.getCompanyInfo(this.realmId, cb));
  }

  preferences(): Promise<QboObject> {
    return this.call((q, cb) => q.getPreferences(cb));
  }

  /** `clause` follows "select * from Entity", e.g. "where DisplayName = 'Acme' maxresults 2". */
  async query(entity: QboEntity, clause: string): Promise<QboObject[]> {
    const data = await this.call<QboObject>((q, cb) => q[`find${pluralize(entity)}`](clause, cb));
    return data?.QueryResponse?.[entity] ?? [];
  }

  read(entity: QboEntity, id: string): Promise<QboObject> {
    return this.call((q, cb) => q[`get${entity}`](id, cb));
  }

  /** The entity, or undefined when QBO no longer has it (deleted, merged, or never there). */
  async readIfExists(entity: QboEntity, id: string): Promise<QboObject | undefined> {
    try {
      return await this.read(entity, id);
    } catch (e) {
      if (isObjectNotFound(e)) return undefined;
      throw e;
    }
  }

  create(entity: QboEntity, body: QboObject): Promise<QboObject> {
    return this.call((q, cb) => q[`create${entity}`]({ ...body }, cb));
  }

  /** Sparse update: only the fields sent change; Id and SyncToken are required. */
  update(entity: QboEntity, body: QboObject): Promise<QboObject> {
    return this.call((q, cb) => q[`update${entity}`]({ ...body, sparse: true }, cb));
  }

  private async call<T>(op: (qbo: VendorClient, cb: Callback) => void): Promise<T> {
    const first = await this.accessToken(false);
    try {
      return await this.attempt(first, op);
    } catch (e) {
      if (status(e) !== 401) throw failure(e);
    }
    // Intuit revokes tokens early (reconnects, password changes): one refresh, one retry, then give up.
    const fresh = await this.accessToken(true);
    try {
      return await this.attempt(fresh, op);
    } catch (e) {
      throw failure(e);
    }
  }

  private attempt<T>(accessToken: string, op: (qbo: VendorClient, cb: Callback) => void): Promise<T> {
    const { clientId, clientSecret, realmId, environment } = this.settings;
    const qbo = new QuickBooks(clientId, clientSecret, accessToken, false, realmId, environment === "sandbox", false, MINOR_VERSION, "2.0", null);
    qbo.endpoint = `${this.apiBaseUrl}/v3/company/`;
    const answer = new Promise<T>((resolve, reject) => op(qbo as unknown as VendorClient, (err, data) => (err ? reject(err) : resolve(data as T))));
    return bounded(answer, this.io.signal);
  }

  private async accessToken(force: boolean): Promise<string> {
    const { accessToken, accessTokenExpiresAt } = this.tokens;
    const valid = accessToken && accessTokenExpiresAt && Date.parse(accessTokenExpiresAt) - EXPIRY_MARGIN_MS > Date.now();
    if (valid && !force) return accessToken;
    const fresh = await refreshAccessToken({
      tokenUrl: this.settings.tokenUrl ?? INTUIT_TOKEN_URL,
      clientId: this.settings.clientId,
      clientSecret: this.settings.clientSecret,
      refreshToken: this.tokens.refreshToken,
      environment: this.settings.environment,
    });
    this.tokens = fresh;
    // Persist before use: the old refresh token is spent, losing the new one would disconnect the company.
    await this.io.updateSettings(fresh);
    return fresh.accessToken;
  }
}

function pluralize(entity: QboEntity): string {
  return entity.endsWith("s") ? `${entity}es` : `${entity}s`;
}

/** Settles with `answer`, or rejects on the run's abort signal or after TIMEOUT_MS (node-quickbooks takes no signal). */
function bounded<T>(answer: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(remoteErrorFromException(WHAT, signal.reason));
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new RemoteError(`${WHAT} did not answer within ${TIMEOUT_MS / 1000} s`, "transient")), TIMEOUT_MS);
    const onAbort = () => reject(remoteErrorFromException(WHAT, signal.reason));
    signal.addEventListener("abort", onAbort, { once: true });
    answer.then(resolve, reject).finally(() => {
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
    });
  });
}

type AxiosLike = { response?: { status: number; headers?: Record<string, string>; data?: unknown } };
type FaultError = { Message?: string; Detail?: string; code?: string; element?: string; message?: string; detail?: string };

function status(e: unknown): number | undefined {
  return (e as AxiosLike)?.response?.status;
}

/** What node-quickbooks rejected with (an axios error, or a 200 body holding a Fault), as RemoteError or RecordError. */
export function failure(e: unknown): Error {
  if (e instanceof RemoteError || e instanceof RecordError) return e;
  const response = (e as AxiosLike)?.response;
  if (response) return fromAnswer(response.status, response.headers ?? {}, response.data);
  if (faultOf(e)) return fromAnswer(400, {}, e);
  return remoteErrorFromException(WHAT, e);
}

function fromAnswer(httpStatus: number, headers: Record<string, string>, body: unknown): Error {
  const fault = faultOf(body);
  const text = fault?.errors.map(describeError).join("; ") ?? (typeof body === "string" ? body : undefined);
  if (httpStatus === 400 && fault?.type === "ValidationFault") {
    const first = fault.errors[0];
    return new QuickBooksRecordError(`QuickBooks refused it: ${text}`, first?.element, first?.code);
  }
  const retryAfter = headers["retry-after"] ?? (httpStatus === 429 ? DEFAULT_THROTTLE_WAIT : undefined);
  return remoteErrorFromStatus(WHAT, httpStatus, retryAfter, text);
}

/** Intuit answers "Fault"/"Error" on most faults and "fault"/"error" on authentication faults. */
function faultOf(body: unknown): { type?: string; errors: FaultError[] } | undefined {
  const b = body as { Fault?: { type?: string; Error?: FaultError[] }; fault?: { type?: string; error?: FaultError[] } } | null;
  const f = b?.Fault ?? b?.fault;
  if (!f || typeof f !== "object") return undefined;
  const errors = (b?.Fault ? b.Fault.Error : b?.fault?.error) ?? [];
  return { type: f.type, errors };
}

function describeError(e: FaultError): string {
  const message = e.Message ?? e.message ?? "";
  const detail = e.Detail ?? e.detail;
  return `${message}${detail && detail !== message ? ` (${detail})` : ""}${e.code ? ` [${e.code}]` : ""}`;
}
