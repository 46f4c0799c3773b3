"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { signIn } from "@/lib/auth";
import { peekLoginUrlToken } from "@/lib/services/auth/peek-login-token";

/**
 * The "Continue" button of a login URL: redeems the token once through the `token` sign-in provider
 * and lands in the tenant. A token that is used, expired or unknown shows the expired page instead.
 */
export async function continueWithLoginUrl(formData: FormData): Promise<void> {
  const token = String(formData.get("token") ?? "");
  const target = await peekLoginUrlToken(await getDb(), token);
  if (!target) redirect("/login/token?expired=1");
  try {
    await signIn("token", { token, redirectTo: `/t/${target.tenantCode}` });
  } catch (e) {
    // Used up between the page and the click (another tab, a second click): same answer.
    if (e instanceof AuthError) redirect("/login/token?expired=1");
    throw e;
  }
}
