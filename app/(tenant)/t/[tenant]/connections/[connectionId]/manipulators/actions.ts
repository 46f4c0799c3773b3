"use server";

import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/actions/result";
import { tenantScope } from "@/lib/auth/scopes";
import { chainTarget } from "@/lib/services/manipulators/internal";
import { previewChain } from "@/lib/services/manipulators/preview";
import { putChain } from "@/lib/services/manipulators/put-chain";

/**
 * The chain editor's Save and Preview. The tenant code and the chain's address are bound by the
 * page but arrive from the browser like any argument: tenantScope and the services re-check them.
 */

const chainsPath = (code: string, connectionId: string) => `/t/${code}/connections/${connectionId}/manipulators`;

/** Saves the whole chain as edited; validation errors come back keyed by link and field ("2.settings.field"). */
export async function saveChainAction(code: string, connectionId: string, direction: string, recordType: string, links: unknown) {
  return runAction(async () => {
    const ctx = await tenantScope(code);
    const saved = await putChain({ ctx, target: chainTarget(connectionId, direction, recordType), input: links });
    revalidatePath(chainsPath(code, connectionId), "layout");
    return saved;
  }, "Chain saved.");
}

/** Runs the chain as edited (unsaved) on one record; writes nothing. */
export async function previewChainAction(code: string, connectionId: string, direction: string, recordType: string, input: { record: unknown; chain: unknown }) {
  return runAction(async () => previewChain({ ctx: await tenantScope(code), target: chainTarget(connectionId, direction, recordType), input }));
}
