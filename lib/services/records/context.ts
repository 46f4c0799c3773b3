import type { Db } from "@/db/client";

/** Who writes a record; it becomes the record's source (on create) and lastModifiedBy. */
export type RecordWriter =
  | { kind: "connection"; connection: { id: string; name: string; connector: string } }
  | { kind: "user"; login: string }
  | { kind: "system"; name: string };

/**
 * Scope of every record verb: one tenant, the writer, and the calling connection whose ids the
 * record's `remoteId` shows (Tenant API callers always have one; console users do not).
 */
export type RecordCtx = { db: Db; tenantId: string; writer: RecordWriter; connectionId?: string };

export function modifiedBy(w: RecordWriter): string {
  if (w.kind === "connection") return `connection/${w.connection.id}`;
  if (w.kind === "user") return `user/${w.login}`;
  return `system/${w.name}`;
}

export function sourceOf(w: RecordWriter, code: string | null): Record<string, unknown> {
  if (w.kind === "connection") {
    return { type: "connection", connectionType: w.connection.connector, connectionId: w.connection.id, connectionName: w.connection.name, code };
  }
  if (w.kind === "user") return { type: "user", login: w.login };
  return { type: "system", name: w.name };
}
