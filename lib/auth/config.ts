import type { NextAuthConfig } from "next-auth";
import type { Membership } from "@/lib/services/auth/memberships";

/**
 * The part of the Auth.js setup that needs no database, shared by proxy.ts and lib/auth/index.ts.
 * The proxy only sends anonymous visitors to /login; authorisation is the guard's job.
 */
export const authConfig = {
  trustHost: true,
  pages: { signIn: "/login" },
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  providers: [],
  callbacks: {
    authorized({ auth }) {
      return !!auth?.user;
    },
    jwt({ token, user }) {
      if (user) {
        const u = user as typeof user & SessionUserExtras;
        token.uid = u.id;
        token.kind = u.kind;
        token.memberships = u.memberships;
        token.impersonator = u.impersonator ?? null;
        token.authAt = Math.floor(Date.now() / 1000);
      }
      return token;
    },
    session({ session, token }) {
      const s = session as typeof session & SessionExtras;
      s.user.id = token.uid as string;
      s.kind = token.kind as SessionExtras["kind"];
      s.memberships = (token.memberships ?? []) as SessionExtras["memberships"];
      s.impersonator = (token.impersonator ?? null) as SessionExtras["impersonator"];
      s.authAt = token.authAt as number;
      return s;
    },
  },
} satisfies NextAuthConfig;

export type SessionUserExtras = {
  id: string;
  kind: "admin" | "reseller" | "tenant";
  memberships: Membership[];
  impersonator?: { userId: string; email: string; tenantId: string };
};

export type SessionExtras = {
  kind: SessionUserExtras["kind"];
  memberships: SessionUserExtras["memberships"];
  impersonator: SessionUserExtras["impersonator"] | null;
  authAt: number;
};
