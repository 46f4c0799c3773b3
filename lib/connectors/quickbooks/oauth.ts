/**
 * OAuth 2.0 refresh through Intuit's own client (intuit-oauth). Its refresh()/refreshUsingToken()
 * post to the static OAuthClient.tokenEndpoint; setting that static would redirect every
 * connection in this process (and their client secrets) to one connection's URL, so we hand the
 * per-connection URL to the client's own getTokenRequest() with its own headers instead: same
 * request, same response and error handling, scoped to this call.
 */
import OAuthClient from "intuit-oauth";
import { RemoteError, remoteErrorFromStatus } from "../errors";

export const INTUIT_TOKEN_URL: string = OAuthClient.tokenEndpoint;
const WHAT = "QuickBooks sign-in (Intuit OAuth)";

export type TokenSet = { accessToken: string; refreshToken: string; accessTokenExpiresAt: string };
export type RefreshArgs = { tokenUrl: string; clientId: string; clientSecret: string; refreshToken: string; environment: "sandbox" | "production" };

/** Concurrent refreshes of one refresh token share one request: Intuit rotates it, so a second use would fail. */
const inFlight = new Map<string, Promise<TokenSet>>();

export function refreshAccessToken(args: RefreshArgs): Promise<TokenSet> {
  const key = `${args.tokenUrl}\u0000${args.clientId}\u0000${args.refreshToken}`;
  const pending = inFlight.get(key);
  if (pending) return pending;
  const started = requestTokens(args).finally(() => inFlight.delete(key));
  inFlight.set(key, started);
  return started;
}

async function requestTokens(args: RefreshArgs): Promise<TokenSet> {
  const client = new OAuthClient({ clientId: args.clientId, clientSecret: args.clientSecret, environment: args.environment, redirectUri: "" });
  // The runtime retries transient faults with backoff and Retry-After; the client's own retry loop would double that.
  client.shouldRetry = () => false;
  const headers = (client as unknown as { _tokenRequestHeaders(): Record<string, string> })._tokenRequestHeaders();
  try {
    const answer = await client.getTokenRequest({
      url: args.tokenUrl,
      method: "POST",
      headers,
      data: { grant_type: "refresh_token", refresh_token: args.refreshToken },
    });
    return tokenSet(answer.getJson());
  } catch (e) {
    throw refreshError(e);
  }
}

function tokenSet(json: Record<string, unknown>): TokenSet {
  const { access_token, refresh_token, expires_in } = json as { access_token?: string; refresh_token?: string; expires_in?: number };
  if (!access_token || !refresh_token) throw new RemoteError(`${WHAT} answered without tokens`, "transient");
  return {
    accessToken: access_token,
    refreshToken: refresh_token,
    accessTokenExpiresAt: new Date(Date.now() + Number(expires_in ?? 3600) * 1000).toISOString(),
  };
}

/** intuit-oauth wraps failures; the status and headers are on authResponse.response when Intuit answered. */
function refreshError(e: unknown): RemoteError {
  if (e instanceof RemoteError) return e;
  const err = e as { error?: string; originalMessage?: string; message?: string; authResponse?: { response?: { status?: number; headers?: Record<string, string> } } };
  const response = err.authResponse?.response;
  if (!response?.status) return new RemoteError(`${WHAT} could not be reached: ${err.originalMessage || err.message}`, "transient");
  if (response.status === 400 && err.error === "invalid_grant") {
    return new RemoteError(`${WHAT} refused the refresh token (invalid_grant): reconnect the QuickBooks company`, "permanent", 400);
  }
  return remoteErrorFromStatus(WHAT, response.status, response.headers?.["retry-after"], err.error);
}
