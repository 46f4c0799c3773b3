import { json, readJson, tenantRoute } from "@/lib/api/tenant-route";
import { getChain } from "@/lib/services/manipulators/get-chain";
import { chainTarget } from "@/lib/services/manipulators/internal";
import { putChain } from "@/lib/services/manipulators/put-chain";

export const dynamic = "force-dynamic";

type Params = { connectionId: string; direction: string; recordType: string };

/** The manipulator chain of a connection's plugs for one direction and record type, with its version. */
export const GET = tenantRoute<Params>({}, async (ctx, _req, p) => json(await getChain({ ctx: { ...ctx, db: ctx.records.db }, target: chainTarget(p.connectionId, p.direction, p.recordType) })));

/** Replaces the chain (the body is the ordered array of links); validated as the console validates it. */
export const PUT = tenantRoute<Params>({ write: true }, async (ctx, req, p) => {
  const target = chainTarget(p.connectionId, p.direction, p.recordType);
  return json(await putChain({ ctx: { ...ctx, db: ctx.records.db }, target, input: await readJson(req) }));
});
