import { z } from "zod";

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
