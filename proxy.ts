import NextAuth from "next-auth";
import { authConfig } from "@/lib/auth/config";

// Only sends anonymous visitors of the consoles to /login; every authorisation decision is the guard's.
export default NextAuth(authConfig).auth;

export const config = { matcher: ["/admin/:path*", "/partner/:path*", "/t/:path*", "/choose-tenant"] };
