import { sql } from "drizzle-orm";
import { rowsOf, type Db } from "@/db/client";

/**
 * Keeps the run history from growing without end: reports (and their per-record outcomes) older
 * than CROSSDOCK_TRANSFER_RETENTION_DAYS (30) go, and runs that moved nothing go after a day — a
 * plug that runs every minute writes 1,440 of those a day. A plug's latest and latest successful
 * report always stay, so its connection page and GET /api/connection still show them.
 */
export async function pruneTransfers(db: Db, now = new Date()): Promise<number> {
  const days = Number(process.env.CROSSDOCK_TRANSFER_RETENTION_DAYS ?? 30);
  const old = new Date(now.getTime() - days * 86_400_000);
  const dayAgo = new Date(now.getTime() - 86_400_000);
  let removed = 0;
  // Bounded batches: a large backlog is worked off over several ticks without long locks.
  for (let batch = 0; batch < 20; batch++) {
    const rows = rowsOf<{ id: string }>(
      await db.execute(sql`
        with doomed as (
          select r.tenant_id, r.id from transfer_reports r
          where r.status <> 'running'
            and (r.ended < ${old.toISOString()}::timestamptz or (r.num_considered = 0 and r.ended < ${dayAgo.toISOString()}::timestamptz))
            and r.id <> (select l.id from transfer_reports l where l.tenant_id = r.tenant_id and l.connection_id = r.connection_id and l.plug_key = r.plug_key order by l.started desc limit 1)
            and r.id is distinct from (select s.id from transfer_reports s where s.tenant_id = r.tenant_id and s.connection_id = r.connection_id and s.plug_key = r.plug_key and s.status = 'succeeded' order by s.started desc limit 1)
          limit 1000
        ), outcomes as (
          delete from transfer_outcomes o using doomed d where o.tenant_id = d.tenant_id and o.report_id = d.id
        )
        delete from transfer_reports r using doomed d where r.tenant_id = d.tenant_id and r.id = d.id returning r.id`),
    );
    removed += rows.length;
    if (rows.length < 1000) break;
  }
  return removed;
}
