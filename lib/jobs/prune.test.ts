import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { transferOutcomes, transferReports } from "@/db/schema";
import { withTenantTx } from "@/db/tenant-tx";
import { finishReport, recordOutcomes, startReport } from "@/lib/connectors/runtime/report";
import { makeApiConnection, makeBareTenant, makeReseller } from "@/test/factories";
import { pruneTransfers } from "./prune";

describe("run history retention", () => {
  it("drops old reports and day-old empty ones with their outcomes, but keeps each plug's latest and latest successful", async () => {
    const { ctx: r } = await makeReseller();
    const tenant = await makeBareTenant(r);
    const c = await makeApiConnection(r.actor, tenant);
    const scope = { db: r.db, tenantId: tenant.id, connectionId: c.connectionId, plugKey: "OrderImport", plugName: "Order import", direction: "import" as const, recordType: "order" };
    const days = (n: number) => new Date(Date.now() - n * 86_400_000);

    /** A finished report that started `age` days ago with `records` outcomes (one failed when failed = true; a session error when there are none). */
    async function report(age: number, records: number, failed = false) {
      const id = await startReport(scope, "schedule");
      await withTenantTx(r.db, tenant.id, async (tx) => {
        const outcomes = Array.from({ length: records }, (_, i) => ({ outcome: (failed && i === 0 ? "failed" : "succeeded") as "failed" | "succeeded", itemKey: `${id}-${i}` }));
        await recordOutcomes(tx, scope, id, outcomes, new Date());
      });
      await finishReport(scope, id, failed && !records ? { at: new Date().toISOString(), kind: "transient", message: "Shop unreachable" } : undefined);
      await withTenantTx(r.db, tenant.id, (tx) => tx.update(transferReports).set({ started: days(age), ended: days(age) }).where(and(eq(transferReports.tenantId, tenant.id), eq(transferReports.id, id))));
      return id;
    }
    const oldEmpty = await report(50, 0); // old: pruned
    const oldSuccess = await report(40, 3); // the latest successful one: kept although old
    const oldFailed = await report(35, 2, true); // old: pruned
    const emptyYesterday = await report(2, 0, true); // moved nothing, a day old: pruned
    const recentFailed = await report(1.5, 1, true); // kept
    const latest = await report(0, 2, true); // the latest: kept

    expect(await pruneTransfers(r.db)).toBeGreaterThanOrEqual(3);
    const left = await withTenantTx(r.db, tenant.id, (tx) => tx.select({ id: transferReports.id }).from(transferReports).where(eq(transferReports.tenantId, tenant.id)));
    expect(left.map((l) => l.id).sort()).toEqual([oldSuccess, recentFailed, latest].sort());
    const orphans = await withTenantTx(r.db, tenant.id, (tx) => tx.select().from(transferOutcomes).where(and(eq(transferOutcomes.tenantId, tenant.id), inArray(transferOutcomes.reportId, [oldEmpty, oldFailed, emptyYesterday]))));
    expect(orphans).toEqual([]);
  });
});
