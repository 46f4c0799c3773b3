import { sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import type { WritePlan } from "./write";

/**
 * Bulk statements for planned writes (the batch upsert and Auto Invoice's page of invoices). Each
 * chunk is one statement whose rows travel as a single JSON parameter that PostgreSQL unpacks, and
 * nothing is read back: the rows written are exactly the plans' values.
 */
export const CHUNK = 500;

export type RowWrite = Extract<WritePlan, { kind: "insert" | "update" }>;

export function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

function recordJson(p: RowWrite) {
  const v = p.values;
  return { local_id: p.localId, type: v.type, created: v.created, last_modified: v.lastModified, last_modified_by: v.lastModifiedBy, source: v.source, data: v.data, custom_data: v.customData, number: v.number ?? null, sku: v.sku ?? null, name: v.name ?? null, status: v.status ?? null };
}

const recordColumns = sql`x(local_id text, type text, created timestamptz, last_modified timestamptz, last_modified_by text, source jsonb, data jsonb, custom_data jsonb, number text, sku text, name text, status text)`;

export async function insertRecordRows(tx: Tx, tenantId: string, inserts: RowWrite[]): Promise<void> {
  for (const chunk of chunks(inserts)) {
    await tx.execute(sql`insert into records (tenant_id, local_id, type, created, last_modified, last_modified_by, source, data, custom_data, number, sku, name, status)
      select ${tenantId}, local_id, type, created, last_modified, last_modified_by, source, data, custom_data, number, sku, name, status
      from jsonb_to_recordset(${JSON.stringify(chunk.map(recordJson))}::jsonb) as ${recordColumns}`);
  }
}

export async function updateRecordRows(tx: Tx, tenantId: string, updates: RowWrite[]): Promise<void> {
  for (const chunk of chunks(updates)) {
    await tx.execute(sql`update records r set data = x.data, custom_data = x.custom_data, source = x.source, last_modified = x.last_modified, last_modified_by = x.last_modified_by,
        number = x.number, sku = x.sku, name = x.name, status = x.status
      from jsonb_to_recordset(${JSON.stringify(chunk.map(recordJson))}::jsonb) as ${recordColumns}
      where r.tenant_id = ${tenantId} and r.local_id = x.local_id`);
  }
}

/** One history entry per write, all at `at` (the writes' tenant-clock time). */
export async function insertHistoryRows(tx: Tx, tenantId: string, writes: RowWrite[], at: Date): Promise<void> {
  const history = writes.map((p) => ({ local_id: p.localId, by: p.values.lastModifiedBy, changes: p.changes }));
  for (const chunk of chunks(history)) {
    await tx.execute(sql`insert into record_history (tenant_id, local_id, at, by, changes)
      select ${tenantId}, local_id, ${at.toISOString()}::timestamptz, by, changes from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as x(local_id text, by text, changes jsonb)`);
  }
}
