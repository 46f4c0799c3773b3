/** Client address for throttling and audit. Next's server sets x-forwarded-for from the socket. */
export function clientIp(headers: Headers): string | undefined {
  const forwarded = headers.get("x-forwarded-for");
  const first = forwarded?.split(",")[0]?.trim();
  return first || headers.get("x-real-ip") || undefined;
}
