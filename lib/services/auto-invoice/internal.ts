import { and, asc, eq } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { autoInvoiceRules, autoInvoiceSettings, connections, tenants } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { tenantRoleCan, type TenantPermission, type TenantRole } from "@/lib/auth/permissions";
import { connectorByKey } from "@/lib/connectors/registry";
import type { Condition, Match } from "@/lib/conditions";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import type { RuleActions, RuleAnswer, SettingsAnswer } from "@/lib/schemas/auto-invoice";

/** What the verbs need of a caller: a console TenantCtx fits, and so does the Tenant API's context. */
export type AutoInvoiceCtx = { db: Db; actor: Actor; role: TenantRole; tenant: { id: string } };

export const AUTO_INVOICE_OPTION = "auto_invoice";
/** The writer name on invoices, their source and lastModifiedBy (system/auto-invoice). */
export const AUTO_INVOICE_WRITER = { kind: "system", name: "auto-invoice" } as const;

export function requirePermission(ctx: AutoInvoiceCtx, permission: TenantPermission): void {
  if (!tenantRoleCan(ctx.role, permission)) throw new ForbiddenError();
}

export const actorLabel = (ctx: AutoInvoiceCtx) => `user/${ctx.actor.email}`;

export type RuleRow = typeof autoInvoiceRules.$inferSelect;
export type SettingsRow = typeof autoInvoiceSettings.$inferSelect;

export async function tenantHasOption(tx: Tx, tenantId: string): Promise<boolean> {
  const [row] = await tx.select({ options: tenants.options }).from(tenants).where(eq(tenants.id, tenantId));
  return !!row?.options.includes(AUTO_INVOICE_OPTION);
}

export async function settingsRow(tx: Tx, tenantId: string, forUpdate = false): Promise<SettingsRow | undefined> {
  const q = tx.select().from(autoInvoiceSettings).where(eq(autoInvoiceSettings.tenantId, tenantId));
  const [row] = forUpdate ? await q.for("update") : await q;
  return row;
}

export function presentSettings(row: SettingsRow | undefined, available: boolean): SettingsAnswer {
  return {
    enabled: row?.enabled ?? false,
    cutoffDays: row?.cutoffDays ?? 30,
    available,
    lastRunAt: row?.lastRunAt?.toISOString() ?? null,
    updatedAt: row?.updatedAt.toISOString() ?? null,
    updatedBy: row?.updatedBy ?? null,
  };
}

/** A rule of this tenant, or the 404 a missing (or another tenant's) rule gives. */
export async function ruleInTenant(tx: Tx, tenantId: string, ruleId: string, forUpdate = false): Promise<RuleRow> {
  const q = tx.select().from(autoInvoiceRules).where(and(eq(autoInvoiceRules.tenantId, tenantId), eq(autoInvoiceRules.id, ruleId)));
  const [row] = forUpdate ? await q.for("update") : await q;
  if (!row) throw new NotFoundError("Rule");
  return row;
}

export async function rulesOf(tx: Tx, tenantId: string): Promise<RuleRow[]> {
  return tx.select().from(autoInvoiceRules).where(eq(autoInvoiceRules.tenantId, tenantId)).orderBy(asc(autoInvoiceRules.position), asc(autoInvoiceRules.createdAt));
}

export function presentRule(row: RuleRow): RuleAnswer {
  return {
    id: row.id,
    name: row.name,
    enabled: row.enabled,
    position: row.position,
    conditions: row.conditions as Condition[],
    match: row.match as Match,
    actions: row.actions as RuleActions,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * The export connection of a rule must be a connection of this tenant whose connector exports
 * invoices; anything else is refused with the reason (422), never stored to fail later.
 */
export async function checkExportConnection(tx: Tx, tenantId: string, connectionId: string | null | undefined): Promise<void> {
  if (!connectionId) return;
  const field = "actions.exportConnectionId";
  const [row] = await tx.select().from(connections).where(and(eq(connections.tenantId, tenantId), eq(connections.id, connectionId)));
  if (!row || row.archived) throw new ValidationError(`Unknown connection "${connectionId}": choose one of this tenant's accounting connections.`, { [field]: ["No such connection in this tenant."] });
  const connector = connectorByKey(row.connector);
  const plug = connector?.plugs.find((p) => p.direction === "export" && p.recordType === "invoice");
  if (!plug) {
    throw new ValidationError(`${row.name} cannot export invoices: choose an accounting connection with an InvoiceExport plug.`, { [field]: ["This connection has no invoice export."] });
  }
}

/** Rule positions 0…n-1 in the given order (reorders are stored dense so "first rule" is unambiguous). */
export async function renumber(tx: Tx, tenantId: string, ordered: RuleRow[]): Promise<void> {
  for (const [i, r] of ordered.entries()) {
    if (r.position !== i) await tx.update(autoInvoiceRules).set({ position: i }).where(and(eq(autoInvoiceRules.tenantId, tenantId), eq(autoInvoiceRules.id, r.id)));
  }
}
