import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import { rowsOf, type Tx } from "@/db/client";
import { recordRemoteIds, records } from "@/db/schema";
import { NotFoundError } from "@/lib/errors";
import type { RecordType } from "@/lib/records";

export type RecordRow = typeof records.$inferSelect;
export type RemoteIdRow = typeof recordRemoteIds.$inferSelect;

/**
 * Bumps the tenant's modification clock and returns the new timestamp. The row lock lasts until
 * commit, so a tenant's writes are stamped in commit order (see db/schema/records.ts tenantClocks).
 */
export async function nextModificationTime(tx: Tx, tenantId: string): Promise<Date> {
  const result = await tx.execute(sql`
    insert into tenant_clocks (tenant_id, last_ts) values (${tenantId}, clock_timestamp())
    on conflict (tenant_id) do update set last_ts = greatest(clock_timestamp(), tenant_clocks.last_ts + interval '1 millisecond')
    returning last_ts`);
  const rows = rowsOf<{ last_ts: string | Date }>(result);
  return new Date(rows[0].last_ts);
}

/** A record of this tenant and type, or 404 (another tenant's record looks exactly like a missing one). */
export async function getRecordRow(tx: Tx, tenantId: string, type: RecordType, localId: string, forUpdate = false): Promise<RecordRow> {
  if (!/^[0-9a-f]{32}$/.test(localId)) throw new NotFoundError("Record");
  const q = tx.select().from(records).where(and(eq(records.tenantId, tenantId), eq(records.type, type), eq(records.localId, localId)));
  const [row] = forUpdate ? await q.for("update") : await q;
  if (!row) throw new NotFoundError("Record");
  return row;
}

export async function remoteIdsOf(tx: Tx, tenantId: string, localIds: string[]): Promise<Map<string, RemoteIdRow[]>> {
  const map = new Map<string, RemoteIdRow[]>();
  if (!localIds.length) return map;
  const rows = await tx.select().from(recordRemoteIds).where(and(eq(recordRemoteIds.tenantId, tenantId), inArray(recordRemoteIds.localId, localIds)));
  for (const r of rows) map.set(r.localId, [...(map.get(r.localId) ?? []), r]);
  return map;
}

/**
 * Records in the public shape of presentRecord, serialised by PostgreSQL: the data's JSON text is
 * spliced in as stored, so a 100-order page costs Node no JSON parse and no re-stringify. Columns:
 * local_id, last_modified (ISO text, for cursors) and json. presenters.test.ts keeps both presenters identical.
 */
export function selectPresentedRecords(callingConnectionId: string | undefined, where: SQL, tail: SQL): SQL {
  const iso = (col: string) => sql.raw(`to_char(records.${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);
  const ts = (col: string) => sql`'"' || ${iso(col)} || '"'`;
  return sql`select records.local_id, ${iso("last_modified")} as last_modified,
    '{"localId":"' || records.local_id || '","href":"/api/' || records.type || '/' || records.local_id
    || '","remoteId":' || coalesce(to_json(rid.mine)::text, 'null')
    || ',"remoteIdMap":' || coalesce(rid.ids::text, '{}')
    || ',"remoteRefMap":' || coalesce(rid.refs::text, '{}')
    || ',"created":' || ${ts("created")} || ',"lastModified":' || ${ts("last_modified")}
    || ',"lastModifiedBy":' || to_json(records.last_modified_by)::text
    || ',"source":' || records.source::text || ',"archived":' || records.archived::text
    || ',"customData":' || records.custom_data::text
    || case when records.data = '{}'::jsonb then '}' else ',' || substr(records.data::text, 2) end as json
    from records left join lateral (
      select json_object_agg(x.connection_id, x.remote_id) as ids,
             json_object_agg(x.connection_id, x.remote_ref) filter (where x.remote_ref is not null) as refs,
             max(x.remote_id) filter (where x.connection_id = ${callingConnectionId ?? null}) as mine
      from record_remote_ids x where x.tenant_id = records.tenant_id and x.local_id = records.local_id
    ) rid on true
    where ${where} ${tail}`;
}

/** The public shape of a record: common fields first, then the type's own fields. */
export function presentRecord(row: RecordRow, remote: RemoteIdRow[], callingConnectionId?: string): Record<string, unknown> {
  const mine = remote.find((r) => r.connectionId === callingConnectionId);
  return {
    localId: row.localId,
    href: `/api/${row.type}/${row.localId}`,
    remoteId: mine?.remoteId ?? null,
    remoteIdMap: Object.fromEntries(remote.map((r) => [r.connectionId, r.remoteId])),
    remoteRefMap: Object.fromEntries(remote.filter((r) => r.remoteRef !== null).map((r) => [r.connectionId, r.remoteRef])),
    created: row.created.toISOString(),
    lastModified: row.lastModified.toISOString(),
    lastModifiedBy: row.lastModifiedBy,
    source: row.source,
    archived: row.archived,
    customData: row.customData,
    ...(row.data as Record<string, unknown>),
  };
}
