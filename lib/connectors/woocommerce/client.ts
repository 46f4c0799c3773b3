/**
 * WooCommerce REST API v3 through WooCommerce's own client (@woocommerce/woocommerce-rest-api):
 * over https it sends HTTP Basic, over plain http (the simulator) it signs every request with
 * OAuth 1.0a HMAC-SHA256 in the query string. Every failure leaves here as a RemoteError.
 */
import WooCommerceRestApi from "@woocommerce/woocommerce-rest-api";
import { RemoteError, remoteErrorFromException, remoteErrorFromStatus } from "../errors";
import type { RemoteIo } from "../types";

export type WooConnection = { storeUrl: string; consumerKey: string; consumerSecret: string };
export type WooPage<T> = { items: T[]; total: number; totalPages: number };
type Params = Record<string, string | number>;

const WHAT = "WooCommerce";
const TIMEOUT_MS = 60_000;

/** The parts of an axios response and error this module reads (axios is the client's, not ours). */
type HttpAnswer = { status: number; data: unknown; headers: Record<string, unknown> };

export class WooClient {
  private readonly api: WooCommerceRestApi;

  constructor(
    private readonly conn: WooConnection,
    io: Pick<RemoteIo, "signal">,
  ) {
    try {
      this.api = new WooCommerceRestApi({
        url: conn.storeUrl,
        consumerKey: conn.consumerKey,
        consumerSecret: conn.consumerSecret,
        version: "wc/v3",
        timeout: TIMEOUT_MS,
        axiosConfig: { signal: io.signal },
      });
    } catch (e) {
      // The client throws a plain object (OptionsException) when a setting is empty.
      throw new RemoteError(`${WHAT} settings are incomplete: ${(e as { message?: string }).message}`, "permanent");
    }
  }

  /** One page of a collection with WordPress's X-WP-Total / X-WP-TotalPages. */
  async list<T>(endpoint: string, params: Params): Promise<WooPage<T>> {
    const res = await this.call(() => this.api.get(endpoint, params));
    if (!Array.isArray(res.data)) throw this.notTheApi(endpoint);
    return {
      items: res.data as T[],
      total: Number(header(res, "x-wp-total") ?? res.data.length),
      totalPages: Number(header(res, "x-wp-totalpages") ?? 1),
    };
  }

  async get<T>(endpoint: string, params: Params = {}): Promise<T> {
    return this.object<T>(endpoint, await this.call(() => this.api.get(endpoint, params)));
  }

  async put<T>(endpoint: string, body: Record<string, unknown>): Promise<T> {
    return this.object<T>(endpoint, await this.call(() => this.api.put(endpoint, body)));
  }

  private async call(request: () => Promise<unknown>): Promise<HttpAnswer> {
    try {
      return (await request()) as HttpAnswer;
    } catch (e) {
      const res = (e as { response?: HttpAnswer }).response;
      if (res) throw remoteErrorFromStatus(WHAT, res.status, header(res, "retry-after"), errorDetail(res.data));
      throw remoteErrorFromException(WHAT, e);
    }
  }

  private object<T>(endpoint: string, res: HttpAnswer): T {
    if (!res.data || typeof res.data !== "object" || Array.isArray(res.data)) throw this.notTheApi(endpoint);
    return res.data as T;
  }

  /** A 200 that is not the REST API's JSON: usually a WordPress page (wrong URL, plain permalinks, a security plugin). */
  private notTheApi(endpoint: string): RemoteError {
    return new RemoteError(
      `${WHAT} at ${this.conn.storeUrl} did not answer ${endpoint} with the REST API's JSON; check the store URL and that permalinks are not "Plain"`,
      "permanent",
    );
  }
}

function header(res: HttpAnswer, name: string): string | undefined {
  const v = res.headers?.[name];
  return v === undefined || v === null ? undefined : String(v);
}

/** WordPress errors are {"code","message","data":{"status"}}; hosts' error pages are HTML. */
function errorDetail(data: unknown): string | undefined {
  if (data && typeof data === "object" && "message" in data) {
    const { code, message } = data as { code?: unknown; message?: unknown };
    return code ? `${String(message)} (${String(code)})` : String(message);
  }
  if (typeof data === "string") return data.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim() || undefined;
  return undefined;
}
