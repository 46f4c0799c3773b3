import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { rowsOf, type DbOrTx } from "@/db/client";
import { withTenantTx } from "@/db/tenant-tx";
import { requireResellerPermission, requireTenantPermission, type AdminCtx, type ResellerCtx, type TenantCtx } from "@/lib/auth/guard";
import { decodeCursor, encodeCursor, isTimestamp } from "@/lib/keyset";
import { parseInput } from "@/lib/validation";

export type AuditRow = {
  id: string;
  tenantId: string | null;
  tenantCode: string | null;
  actorLabel: string;
  onBehalfOf: string | null;
  action: string;
  targetType: string;
  targetId: string;
  targetLabel: string;
  before: unknown;
  after: unknown;
  ip: string | null;
  createdAt: string;
};

const query = z.object({ cursor: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(200).default(50), action: z.string().trim().max(60).optional() });

type Scope = { kind: "tenant"; tenantId: string } | { kind: "reseller"; resellerId: string } | { kind: "platform" };

async function listAudit(db: DbOrTx, scope: Scope, input: unknown): Promise<{ rows: AuditRow[]; nextCursor: string | null }> {
  const { cursor, limit, action } = parseInput(query, input ?? {});
  const after = cursor ? decodeCursor(cursor, ([t, id, ...rest]) => isTimestamp(t) && !!id && rest.length === 0) : undefined;
  const conds: SQL[] = [];
  if (after) conds.push(sql`(created_at, id) < (${after[0]}::timestamptz, ${after[1]})`);
  if (action) conds.push(sql`action like ${action.replace(/[\\%_]/g, (c) => `\\${c}`) + "%"}`);
  const where = conds.length ? sql`where ${sql.join(conds, sql` and `)}` : sql``;

  const tenantPart = sql`select a.id, a.tenant_id, t.code_name as tenant_code, a.actor_label, a.on_behalf_of, a.action, a.target_type, a.target_id, a.target_label, a.before, a.after, a.ip, a.created_at
    from tenant_audit_log a join tenants t on t.id = a.tenant_id`;
  const platformPart = sql`select id, null::text, null::text, actor_label, on_behalf_of, action, target_type, target_id, target_label, before, after, ip, created_at from audit_log`;
  const source =
    scope.kind === "tenant"
      ? sql`${tenantPart} where a.tenant_id = ${scope.tenantId}`
      : scope.kind === "reseller"
        ? sql`${tenantPart} where t.reseller_id = ${scope.resellerId} union all ${platformPart} where reseller_id = ${scope.resellerId}`
        : sql`${tenantPart} union all ${platformPart}`;

  const result = await db.execute(sql`select * from (${source}) as x(id, tenant_id, tenant_code, actor_label, on_behalf_of, action, target_type, target_id, target_label, before, after, ip, created_at)
    ${where} order by created_at desc, id desc limit ${limit + 1}`);
  const raw = rowsOf(result);
  const rows: AuditRow[] = raw.map((r) => ({
    id: String(r.id),
    tenantId: (r.tenant_id as string) ?? null,
    tenantCode: (r.tenant_code as string) ?? null,
    actorLabel: String(r.actor_label),
    onBehalfOf: (r.on_behalf_of as string) ?? null,
    action: String(r.action),
    targetType: String(r.target_type),
    targetId: String(r.target_id),
    targetLabel: String(r.target_label),
    before: r.before ?? null,
    after: r.after ?? null,
    ip: (r.ip as string) ?? null,
    createdAt: new Date(r.created_at as string).toISOString(),
  }));
  const page = rows.slice(0, limit);
  return { rows: page, nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1].createdAt, page[page.length - 1].id) : null };
}

export async function listTenantAudit({ ctx, input }: { ctx: TenantCtx; input?: unknown }) {
  requireTenantPermission(ctx, "audit.view");
  return withTenantTx(ctx.db, ctx.tenant.id, (tx) => listAudit(tx, { kind: "tenant", tenantId: ctx.tenant.id }, input));
}

export async function listResellerAudit({ ctx, input }: { ctx: ResellerCtx; input?: unknown }) {
  requireResellerPermission(ctx, "tenants.view");
  return listAudit(ctx.db, { kind: "reseller", resellerId: ctx.reseller.id }, input);
}

export async function listPlatformAudit({ ctx, input }: { ctx: AdminCtx; input?: unknown }) {
  return listAudit(ctx.db, { kind: "platform" }, input);
}
