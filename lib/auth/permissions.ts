/** Partner permissions, modelled on a partner portal (SPEC §1). */
export const resellerPermissions = [
  { code: "reseller_users.view", label: "View reseller users" },
  { code: "reseller_users.create", label: "Create reseller users" },
  { code: "reseller_users.edit", label: "Edit reseller users" },
  { code: "reseller_users.delete", label: "Delete reseller users" },
  { code: "stats.view", label: "View stats" },
  { code: "tenants.view", label: "View tenants" },
  { code: "tenants.view_config", label: "View tenant configuration" },
  { code: "tenants.create", label: "Create tenants" },
  { code: "tenants.edit", label: "Edit tenants" },
  { code: "tenants.delete", label: "Delete tenants" },
  { code: "tenants.login_as", label: "Log in as tenant user" },
  { code: "tenants.manage_users", label: "Manage tenant users" },
  { code: "templates.view", label: "View tenant templates" },
  { code: "templates.create", label: "Create tenant templates" },
  { code: "templates.edit", label: "Edit tenant templates" },
  { code: "templates.delete", label: "Delete tenant templates" },
] as const;

export type ResellerPermission = (typeof resellerPermissions)[number]["code"];
export const allResellerPermissions = resellerPermissions.map((p) => p.code) as ResellerPermission[];

/** Tenant roles, strongest first; a role may only hand out roles at or below its own. */
export const tenantRoles = ["owner", "admin", "member", "read-only"] as const;
export type TenantRole = (typeof tenantRoles)[number];

export const tenantRoleLabels: Record<TenantRole, string> = {
  owner: "Owner",
  admin: "Admin",
  member: "Member",
  "read-only": "Read-only",
};

export const tenantRoleDescriptions: Record<TenantRole, string> = {
  owner: "Everything, including other owners.",
  admin: "Users, settings and all data, but not owners.",
  member: "Works with connections, records and rules.",
  "read-only": "Sees everything, changes nothing.",
};

export type TenantPermission = "tenant.read" | "tenant.write" | "settings.edit" | "users.manage" | "audit.view";

const tenantRolePermissions: Record<TenantRole, TenantPermission[]> = {
  owner: ["tenant.read", "tenant.write", "settings.edit", "users.manage", "audit.view"],
  admin: ["tenant.read", "tenant.write", "settings.edit", "users.manage", "audit.view"],
  member: ["tenant.read", "tenant.write"],
  "read-only": ["tenant.read"],
};

export function tenantRoleCan(role: TenantRole, permission: TenantPermission): boolean {
  return tenantRolePermissions[role].includes(permission);
}

export function roleRank(role: TenantRole): number {
  return tenantRoles.length - tenantRoles.indexOf(role);
}
