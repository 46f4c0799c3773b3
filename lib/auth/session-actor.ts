import { headers } from "next/headers";
import { getDb } from "@/db/client";
import { actorFromSession, type Actor } from "./actor";
import { getSession } from "./index";
import { clientIp } from "./request";

/** The signed-in human for pages and server actions. */
export async function currentActor(): Promise<Actor> {
  const session = await getSession();
  const claims = session?.user?.id
    ? { userId: session.user.id, authAt: session.authAt, impersonator: session.impersonator ?? undefined }
    : null;
  return actorFromSession(await getDb(), claims, clientIp(await headers()));
}
