import type { Tx } from "@/db/client";
import { auditLog, tenantAuditLog } from "@/db/schema";
import { newId } from "./ids";
import type { Actor } from "./auth/actor";

const secretKey = /password|secret|token|hash/i;

/** Deep copy without secret-looking keys: audit rows must never hold credentials. */
export function stripSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripSecrets);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([k]) => !secretKey.test(k))
        .map(([k, v]) => [k, stripSecrets(v)]),
    );
  }
  return value;
}

export type AuditEntry = {
  action: `${string}.${string}`;
  target: { type: string; id: string; label?: string };
  before?: unknown;
  after?: unknown;
  /** Entries about a tenant go to that tenant's own log; others to the reseller/platform log. */
  tenantId?: string;
  resellerId?: string | null;
};

/** Written inside the caller's transaction, so the change and its audit row commit together. */
export async function recordAudit(tx: Tx, actor: Actor, entry: AuditEntry): Promise<void> {
  const common = {
    id: newId("audit"),
    // The real human is the actor; when a partner is logged in as a tenant user, that user is recorded too.
    actorType: actor.impersonator ? "user" : actor.type,
    actorId: actor.impersonator?.userId ?? actor.userId,
    actorLabel: actor.impersonator?.email ?? actor.email,
    onBehalfOf: actor.impersonator ? actor.email : null,
    action: entry.action,
    targetType: entry.target.type,
    targetId: entry.target.id,
    targetLabel: entry.target.label ?? "",
    before: entry.before === undefined ? null : stripSecrets(entry.before),
    after: entry.after === undefined ? null : stripSecrets(entry.after),
    ip: actor.ip ?? null,
  };
  if (entry.tenantId) await tx.insert(tenantAuditLog).values({ ...common, tenantId: entry.tenantId });
  else await tx.insert(auditLog).values({ ...common, resellerId: entry.resellerId ?? null });
}
