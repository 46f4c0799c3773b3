"use server";

import { getDb } from "@/db/client";
import { signIn } from "@/lib/auth";
import { runAction } from "@/lib/actions/result";
import { resellerScope } from "@/lib/auth/scopes";
import { currentActor } from "@/lib/auth/session-actor";
import { endLoginAs, startLoginAs } from "@/lib/services/tenant-users/login-as";

/** Partner → tenant user. The session is replaced by one limited to that tenant, with a banner. */
export async function startLoginAsAction(resellerCode: string, tenantId: string, userId: string) {
  return runAction(async () => {
    const { token, tenantCode } = await startLoginAs({ ctx: await resellerScope(resellerCode), input: { tenantId, userId } });
    await signIn("token", { token, redirectTo: `/t/${tenantCode}` });
  });
}

/** Back from a "log in as" session to the partner console, as the partner. */
export async function endLoginAsAction() {
  return runAction(async () => {
    const { token, returnTo } = await endLoginAs({ db: await getDb(), actor: await currentActor() });
    await signIn("token", { token, redirectTo: returnTo });
  });
}
