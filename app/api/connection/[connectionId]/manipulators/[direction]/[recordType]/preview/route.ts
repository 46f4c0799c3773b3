import { json, readJson, tenantRoute } from "@/lib/api/tenant-route";
import { chainTarget } from "@/lib/services/manipulators/internal";
import { previewChain } from "@/lib/services/manipulators/preview";

export const dynamic = "force-dynamic";

type Params = { connectionId: string; direction: string; recordType: string };

/** Runs a chain (the one sent, else the saved one) on the record sent; writes nothing. */
export const POST = tenantRoute<Params>({}, async (ctx, req, p) => {
  const target = chainTarget(p.connectionId, p.direction, p.recordType);
  return json(await previewChain({ ctx: { ...ctx, db: ctx.records.db }, target, input: await readJson(req) }));
});
