"use server";

import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { signIn, signOut } from "@/lib/auth";
import type { ActionResult } from "@/lib/actions/result";

/** Password sign-in for the login form; field problems and lockouts come back as messages. */
export async function loginAction(_prev: unknown, formData: FormData): Promise<ActionResult<null>> {
  const email = String(formData.get("email") ?? "").trim();
  const password = String(formData.get("password") ?? "");
  const fieldErrors: Record<string, string[]> = {};
  if (!/^\S+@\S+\.\S+$/.test(email)) fieldErrors.email = ["Enter a valid email address."];
  if (!password) fieldErrors.password = ["Enter your password."];
  if (Object.keys(fieldErrors).length) return { ok: false, error: "Check the highlighted fields.", fieldErrors };
  await headers(); // dynamic: the IP for throttling is read from the request
  try {
    await signIn("password", { email, password, redirectTo: safeNext(formData.get("next")) });
    return { ok: true, data: null };
  } catch (e) {
    if (e instanceof AuthError) {
      const code = (e as AuthError & { code?: string }).code;
      if (code === "locked") return { ok: false, error: lockMessage(e) };
      return { ok: false, error: "Wrong email or password." };
    }
    throw e;
  }
}

function lockMessage(e: Error): string {
  // Auth.js appends a docs link to messages; keep our sentence only.
  const m = e.message.match(/Too many failed sign-in attempts\. Try again in [^.]+\./);
  return m ? m[0] : "Too many failed sign-in attempts. Try again later.";
}

/** Only same-site paths are allowed as a post-login destination. */
function safeNext(value: FormDataEntryValue | null): string {
  const v = typeof value === "string" ? value : "";
  return v.startsWith("/") && !v.startsWith("//") && !v.startsWith("/login") ? v : "/";
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/login" });
}
