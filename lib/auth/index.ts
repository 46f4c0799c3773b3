import NextAuth, { CredentialsSignin, type Session } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { isAppError } from "@/lib/errors";
import { redeemLoginToken } from "@/lib/services/auth/login-tokens";
import { InvalidCredentials, signInWithPassword } from "@/lib/services/auth/sign-in-with-password";
import { authConfig, type SessionExtras } from "./config";
import { clientIp } from "./request";

/** Carries a reason the login form can show ("locked", "invalid"). */
class SignInRefused extends CredentialsSignin {
  constructor(code: string, message?: string) {
    super(message);
    this.code = code;
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  logger: {
    // A refused sign-in is an expected outcome, not a server error.
    error(error) {
      if ((error as { type?: string }).type !== "CredentialsSignin") console.error("[auth]", error);
    },
  },
  providers: [
    Credentials({
      id: "password",
      credentials: { email: {}, password: {} },
      async authorize(credentials, request) {
        try {
          return await signInWithPassword({ db: await getDb(), input: credentials, ip: clientIp(request.headers) });
        } catch (e) {
          if (isAppError(e) && e.status === 429) throw new SignInRefused("locked", e.message);
          if (isAppError(e) && e.status === 422) throw new SignInRefused("invalid_input");
          if (!(e instanceof InvalidCredentials)) console.error("sign-in failed", e);
          return null;
        }
      },
    }),
    Credentials({
      id: "token",
      credentials: { token: {} },
      async authorize(credentials) {
        try {
          return await redeemLoginToken({ db: await getDb(), input: credentials });
        } catch {
          return null;
        }
      },
    }),
  ],
});

export type AppSession = Session & SessionExtras;

export async function getSession(): Promise<AppSession | null> {
  return (await auth()) as AppSession | null;
}
