"use client";

import { useState } from "react";
import { SelectField } from "@/components/ui/form";
import { tenantRoleDescriptions, tenantRoleLabels, type TenantRole } from "@/lib/auth/permissions";

/** Tenant role picker limited to the roles the signed-in user may grant; explains the chosen role. */
export function RoleSelect({ grantable, defaultValue }: { grantable: readonly TenantRole[]; defaultValue: TenantRole }) {
  const [role, setRole] = useState<TenantRole>(grantable.includes(defaultValue) ? defaultValue : grantable[grantable.length - 1]);
  return (
    <SelectField
      name="role"
      label="Role"
      value={role}
      onChange={(e) => setRole(e.target.value as TenantRole)}
      hint={tenantRoleDescriptions[role]}
      options={grantable.map((r) => ({ value: r, label: tenantRoleLabels[r] }))}
    />
  );
}
