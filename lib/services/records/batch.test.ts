import { beforeAll, describe, expect, it } from "vitest";
import type { ResellerCtx } from "@/lib/auth/guard";
import { makeApiConnection, makeBareTenant, makeReseller, productBody, uid } from "@/test/factories";
import { batchUpsertRecords } from "./batch";
import type { RecordCtx } from "./context";
import { createRecord } from "./create";
import { getRecordByRemoteId } from "./get";

/** The bulk path and its item-by-item fallback give the same per-item outcomes. */
let ctx: RecordCtx;

beforeAll(async () => {
  const { ctx: resellerCtx }: { ctx: ResellerCtx } = await makeReseller();
  const tenant = await makeBareTenant(resellerCtx);
  const c = await makeApiConnection(resellerCtx.actor, tenant, "Shop");
  ctx = { db: resellerCtx.db, tenantId: tenant.id, connectionId: c.connectionId, writer: { kind: "connection", connection: { id: c.connectionId, name: c.name, connector: "api" } } };
});

const product = (remoteId: string, sku: string, title = "Tent") => ({ ...productBody(), remoteId, sku, title });

describe("batchUpsertRecords", () => {
  it("bulk path: creates, then reports unchanged and updated on a re-run", async () => {
    const t = uid();
    const first = await batchUpsertRecords({ ctx, type: "product", body: [product(`a-${t}`, `A-${t}`), product(`b-${t}`, `B-${t}`)] });
    expect(first.map((r) => r.status)).toEqual(["created", "created"]);
    const again = await batchUpsertRecords({ ctx, type: "product", body: [product(`a-${t}`, `A-${t}`), product(`b-${t}`, `B-${t}`, "Bigger tent")] });
    expect(again.map((r) => r.status)).toEqual(["unchanged", "updated"]);
  });

  it("a remoteId repeated in one batch: the later item updates what the earlier one created", async () => {
    const t = uid();
    const res = await batchUpsertRecords({ ctx, type: "product", body: [product(`r-${t}`, `R-${t}`), product(`r-${t}`, `R-${t}`, "Renamed")] });
    expect(res.map((r) => r.status)).toEqual(["created", "updated"]);
    const stored = await getRecordByRemoteId({ ctx, type: "product", remoteId: `r-${t}` });
    expect(stored.title).toBe("Renamed");
  });

  it("a SKU taken by a stored product fails only that item", async () => {
    const t = uid();
    await createRecord({ ctx, type: "product", body: product(`x-${t}`, `TAKEN-${t}`) });
    const res = await batchUpsertRecords({ ctx, type: "product", body: [product(`y-${t}`, `OK-${t}`), product(`z-${t}`, `TAKEN-${t}`)] });
    expect(res[0]).toMatchObject({ status: "created" });
    expect(res[1]).toMatchObject({ status: "error", problem: { status: 409, errors: [{ path: "sku" }] } });
    await expect(getRecordByRemoteId({ ctx, type: "product", remoteId: `z-${t}` })).rejects.toMatchObject({ status: 404 });
  });

  it("a duplicate SKU inside the batch fails only the later item", async () => {
    const t = uid();
    const res = await batchUpsertRecords({ ctx, type: "product", body: [product(`p-${t}`, `DUP-${t}`), product(`q-${t}`, `DUP-${t}`)] });
    expect(res.map((r) => r.status)).toEqual(["created", "error"]);
  });
});
