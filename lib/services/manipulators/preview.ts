import { withTenantTx } from "@/db/tenant-tx";
import { ValidationError } from "@/lib/errors";
import { compileChain } from "@/lib/manipulators";
import { previewBodyInput, type PreviewAnswer } from "@/lib/schemas/manipulators";
import { parseInput } from "@/lib/validation";
import { diffRecords } from "./diff";
import { chainRow, connectionInTenant, plugsForChain, requireChainPermission, type ChainCtx, type ChainTarget } from "./internal";

/**
 * Runs a chain on one record and says what each link did, writing nothing: the chain sent (as
 * edited, unsaved) or else the saved one. Reads only, so a read-only user may try chains too.
 */
export async function previewChain({ ctx, target, input, now = new Date() }: { ctx: ChainCtx; target: ChainTarget; input: unknown; now?: Date }): Promise<PreviewAnswer> {
  requireChainPermission(ctx, "tenant.read");
  const body = parseInput(previewBodyInput, input);
  const tenantId = ctx.tenant.id;
  const { connection, links, chainVersion } = await withTenantTx(ctx.db, tenantId, async (tx) => {
    const connection = await connectionInTenant(tx, tenantId, target.connectionId);
    plugsForChain(connection, target.direction, target.recordType);
    if (body.chain !== undefined) return { connection, links: body.chain, chainVersion: null };
    const saved = await chainRow(tx, tenantId, target);
    return { connection, links: (saved?.links ?? []) as unknown, chainVersion: saved?.version ?? 0 };
  });
  const opts = { recordType: target.recordType, direction: target.direction };
  // Outside the transaction: a script link may take up to its time limit. A sent chain is checked
  // as a save checks it, with its field paths pointing into the body's `chain`.
  const compiled = body.chain !== undefined ? withPrefix("chain", () => compileChain(links, opts)) : compileChain(links, opts);
  try {
    const result = await compiled.run(body.record, { ...opts, connection: { id: connection.id, name: connection.name, connectorKey: connection.connector }, now });
    const common = { before: body.record, steps: result.steps, chainVersion };
    if (result.outcome === "ok") return { outcome: "ok", after: result.record, changes: diffRecords(body.record, result.record), ...common };
    return { outcome: result.outcome, message: result.outcome === "ignore" ? result.reason : result.message, after: null, changes: [], ...common };
  } finally {
    compiled.dispose();
  }
}

function withPrefix<T>(prefix: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ValidationError && e.fieldErrors) {
      throw new ValidationError(e.message, Object.fromEntries(Object.entries(e.fieldErrors).map(([k, v]) => [k === "_form" ? prefix : `${prefix}.${k}`, v])));
    }
    throw e;
  }
}
