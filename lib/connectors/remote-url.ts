import { lookup as dnsLookup } from "node:dns/promises";
import { isIP } from "node:net";
import { z } from "zod";
import { PlugSetupError } from "./errors";

/**
 * Base URLs of remote systems. Tenants type these in, so they must not become a way into our own
 * network: https only, and never a loopback or private address, unless
 * CROSSDOCK_ALLOW_LOCAL_REMOTES=1 (the embedded demo and the tests, whose simulators listen on
 * 127.0.0.1 over plain http).
 */
export function localRemotesAllowed(): boolean {
  return process.env.CROSSDOCK_ALLOW_LOCAL_REMOTES === "1";
}

const privateHost = /^(localhost|127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|169\.254\.|0\.|\[?::1\]?$|\[?f[cd][0-9a-f]{2}:)/i;

/** Why this base URL is not acceptable, or undefined. */
export function remoteUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "Enter a full URL, e.g. https://shop.example.com";
  }
  if (url.username || url.password) return "Leave credentials out of the URL; use the fields for them.";
  const local = privateHost.test(url.hostname);
  if (local && !localRemotesAllowed()) return "This address is on a private network and cannot be reached from Crossdock.";
  if (url.protocol !== "https:" && !(url.protocol === "http:" && local && localRemotesAllowed())) return "Use an https:// address.";
  return undefined;
}

/** A remote base URL setting, normalised without a trailing slash. */
export function remoteUrl(description: string) {
  return z
    .string()
    .trim()
    .superRefine((v, ctx) => {
      const problem = remoteUrlProblem(v);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    })
    .transform((v) => v.replace(/\/+$/, ""))
    .describe(description);
}

/** Loopback, private, link-local, CGNAT, unspecified and multicast addresses, v4 and v6 (v4-mapped included). */
export function isPrivateAddress(address: string): boolean {
  const a = address.toLowerCase().replace(/^::ffff:(?=\d+\.)/, "");
  if (isIP(a) === 4) {
    const [x, y] = a.split(".").map(Number);
    return x === 0 || x === 10 || x === 127 || (x === 100 && y >= 64 && y <= 127) || (x === 169 && y === 254) || (x === 172 && y >= 16 && y <= 31) || (x === 192 && y === 168) || x >= 224;
  }
  return a === "::" || a === "::1" || /^f[cd]/.test(a) || /^fe[89ab]/.test(a) || /^ff/.test(a);
}

type Lookup = (host: string, opts: { all: true }) => Promise<{ address: string }[]>;

/**
 * Checked before every run and connection test: a host name a tenant typed may point at our own
 * network (or be re-pointed there after it was saved), which the save-time check cannot see. Every
 * URL-valued setting's host must resolve to public addresses only. A name that does not resolve is
 * left to the remote call to report.
 */
export async function assertPublicRemotes(settings: Record<string, unknown>, lookup: Lookup = dnsLookup): Promise<void> {
  if (localRemotesAllowed()) return;
  for (const value of Object.values(settings)) {
    if (typeof value !== "string" || !/^https?:\/\//i.test(value)) continue;
    let host: string;
    try {
      host = new URL(value).hostname.replace(/^\[|\]$/g, "");
    } catch {
      continue;
    }
    const addresses = isIP(host) ? [{ address: host }] : await lookup(host, { all: true }).catch(() => []);
    const inside = addresses.find((a) => isPrivateAddress(a.address));
    if (inside) throw new PlugSetupError(`${host} resolves to ${inside.address}, an address on a private network; Crossdock only calls public addresses.`);
  }
}
