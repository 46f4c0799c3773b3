/**
 * WooCommerce's REST authentication (WC_REST_Authentication) as the simulator enforces it: HTTP
 * Basic or consumer_key/consumer_secret in the query (WooCommerce accepts these over https; the
 * simulator accepts them as if TLS ended in front of it), otherwise OAuth 1.0a one-legged with
 * the signature over method, URL and every query parameter, a 15-minute timestamp window and
 * single-use nonces. Error bodies and messages are WooCommerce's.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import type { WpError } from "./wc-types";

export type ApiKey = { consumerKey: string; consumerSecret: string; permissions: "read" | "write" | "read_write" };
export type AuthRequest = { method: string; host: string; path: string; query: URLSearchParams; authorization?: string };

const WINDOW_SEC = 15 * 60;
const OAUTH_REQUIRED = ["oauth_consumer_key", "oauth_timestamp", "oauth_nonce", "oauth_signature", "oauth_signature_method"];

export const wpError = (status: number, code: string, message: string): WpError => ({ code, message, data: { status } });
const authError = (message: string) => wpError(401, "woocommerce_rest_authentication_error", message);

/** Nonces seen within the timestamp window (WooCommerce keeps them per key in the database). */
export class NonceCache {
  private seen = new Map<string, number>();
  /** False when the nonce was used before. */
  use(nonce: string, timestamp: number, nowSec: number): boolean {
    if (this.seen.has(nonce)) return false;
    this.seen.set(nonce, timestamp);
    if (this.seen.size > 50_000) for (const [n, t] of this.seen) if (t < nowSec - WINDOW_SEC) this.seen.delete(n);
    return true;
  }
}

/** PHP rawurlencode: RFC 3986, everything but A-Z a-z 0-9 - _ . ~ encoded. */
export function rfc3986(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** WC_REST_Authentication::check_oauth_signature's string to sign. */
export function oauthBaseString(method: string, baseUrl: string, params: [string, string][]): string {
  const sorted = [...params].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const joined = sorted.map(([k, v]) => rfc3986(`${rfc3986(k)}=${rfc3986(v)}`)).join("%26");
  return `${method.toUpperCase()}&${rfc3986(baseUrl)}&${joined}`;
}

const sameText = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * The authenticated key's permissions, or the WordPress error to answer. `null` means no
 * credentials at all: the endpoint then refuses with its own "cannot view" error.
 */
export function authenticate(req: AuthRequest, key: ApiKey, nonces: NonceCache, nowSec: number): WpError | null | "ok" {
  const basic = basicCredentials(req);
  const outcome = basic ? checkBasic(basic, key) : checkOAuth(req, key, nonces, nowSec);
  if (outcome !== "ok") return outcome;
  if (req.method !== "GET" && key.permissions === "read") return authError("The API key provided does not have write permissions.");
  return "ok";
}

function basicCredentials(req: AuthRequest): { user: string; secret: string } | undefined {
  const m = /^Basic\s+(.+)$/i.exec(req.authorization ?? "");
  if (m) {
    const decoded = Buffer.from(m[1], "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    return { user: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
  }
  const user = req.query.get("consumer_key");
  const secret = req.query.get("consumer_secret");
  return user && secret ? { user, secret } : undefined;
}

function checkBasic(c: { user: string; secret: string }, key: ApiKey): WpError | null | "ok" {
  if (c.user !== key.consumerKey) return null; // WooCommerce silently falls through to "not logged in"
  return sameText(c.secret, key.consumerSecret) ? "ok" : authError("Consumer secret is invalid.");
}

function checkOAuth(req: AuthRequest, key: ApiKey, nonces: NonceCache, nowSec: number): WpError | null | "ok" {
  const missing = OAUTH_REQUIRED.filter((p) => !req.query.get(p));
  if (missing.length === OAUTH_REQUIRED.length) return null;
  if (missing.length) {
    const noun = missing.length === 1 ? "parameter" : "parameters";
    return wpError(401, "woocommerce_rest_authentication_missing_parameter", `Missing OAuth ${noun} ${missing.join(", ")}`);
  }
  const q = (p: string) => req.query.get(p) as string;
  if (q("oauth_consumer_key") !== key.consumerKey) return authError("Consumer key is invalid.");

  const method = q("oauth_signature_method");
  if (method !== "HMAC-SHA1" && method !== "HMAC-SHA256") return authError("Invalid signature - signature method is invalid.");
  // PHP's $_GET keeps the last of repeated keys; the JS client does repeat them (oauth-1.0a merges
  // the URL's query into the parameters it returns, and axios appends those to that same URL).
  const params = Object.entries(Object.fromEntries(req.query)).filter(([k]) => k !== "oauth_signature");
  const base = oauthBaseString(req.method, `http://${req.host}${req.path}`, params);
  const expected = createHmac(method === "HMAC-SHA1" ? "sha1" : "sha256", `${key.consumerSecret}&`).update(base).digest("base64");
  // PHP decoded a "+" in the query as a space; WooCommerce puts it back.
  if (!sameText(expected, q("oauth_signature").replace(/ /g, "+"))) return authError("Invalid signature - provided signature does not match.");

  const timestamp = Number(q("oauth_timestamp"));
  if (!(Math.abs(timestamp - nowSec) <= WINDOW_SEC)) return authError("Invalid timestamp.");
  if (!nonces.use(q("oauth_nonce"), timestamp, nowSec)) return authError("Invalid nonce - nonce has already been used.");
  return "ok";
}
