import type { NextFetchEvent, NextRequest } from "next/server";
import NextAuth from "next-auth";
import { authConfig } from "@/lib/auth/config";

const gate = NextAuth(authConfig).auth as unknown as (req: NextRequest, ev: NextFetchEvent) => Promise<Response | undefined>;

// Only sends anonymous visitors of the consoles to /login; every authorisation decision is the guard's.
// The refreshed session cookie Auth.js attaches to every response is dropped: a prefetch still in
// flight when the session changes (log in as, return, sign out) would otherwise write the old one back.
export default async function proxy(req: NextRequest, ev: NextFetchEvent) {
  const res = await gate(req, ev);
  res?.headers.delete("set-cookie");
  return res;
}

export const config = { matcher: ["/admin/:path*", "/partner/:path*", "/t/:path*", "/choose-tenant"] };
