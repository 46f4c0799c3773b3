import { beforeAll, describe, expect, it } from "vitest";
import { makeApiConnection, makeBareTenant, makeReseller, orderBody, productBody } from "@/test/factories";
import type { RecordCtx } from "./context";
import { createRecord } from "./create";
import { getRecord } from "./get";
import { listRecords } from "./list";
import { updateRecord } from "./update";

/** Pages are serialised by PostgreSQL (selectPresentedRecords), single records by presentRecord: same bytes of meaning, same key order. */

let conn1: RecordCtx;
let conn2: RecordCtx;
let user: RecordCtx;

beforeAll(async () => {
  const { ctx } = await makeReseller();
  const tenant = await makeBareTenant(ctx);
  const [c1, c2] = await Promise.all([makeApiConnection(ctx.actor, tenant, "Webshop"), makeApiConnection(ctx.actor, tenant, "ERP")]);
  const base = { db: ctx.db, tenantId: tenant.id };
  conn1 = { ...base, connectionId: c1.connectionId, writer: { kind: "connection", connection: { id: c1.connectionId, name: c1.name, connector: "api" } } };
  conn2 = { ...base, connectionId: c2.connectionId, writer: { kind: "connection", connection: { id: c2.connectionId, name: c2.name, connector: "api" } } };
  user = { ...base, writer: { kind: "user", login: "anna@example.se" } };
});

async function samePresentation(ctx: RecordCtx, type: "product" | "order", localIds: string[]) {
  const page = JSON.parse((await listRecords({ ctx, type, query: { limit: "1000" } })).json) as Record<string, unknown>[];
  for (const localId of localIds) {
    const one = await getRecord({ ctx, type, localId });
    const listed = page.find((r) => r.localId === localId);
    expect(listed, `${localId} is on the page`).toBeDefined();
    expect(JSON.stringify(listed)).toBe(JSON.stringify(one));
  }
}

describe("record presenters", () => {
  it("agree for records with remote ids in two connections, refs, customData, translations and unicode", async () => {
    const p = (await createRecord({
      ctx: conn1,
      type: "product",
      body: productBody({ remoteId: "p-1", remoteRef: "ref \"quoted\" ✓", title: "Tröja \u2028 \\ /", title_lang: { swe: "Tröja", eng: "Sweater" }, customData: { "x-shop|note": "line\nbreak" } }),
    })) as { localId: string };
    await updateRecord({ ctx: conn2, type: "product", localId: p.localId, body: { remoteId: "erp/77" } });
    const q = (await createRecord({ ctx: user, type: "product", body: productBody() })) as { localId: string };
    const o = (await createRecord({ ctx: conn2, type: "order", body: orderBody({ remoteId: "o-1" }) })) as { localId: string };
    for (const ctx of [conn1, conn2, user]) {
      await samePresentation(ctx, "product", [p.localId, q.localId]);
      await samePresentation(ctx, "order", [o.localId]);
    }
  });
});
