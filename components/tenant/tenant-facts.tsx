import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { DescriptionList } from "@/components/ui/card";
import type { Tenant } from "@/lib/auth/guard";
import { languageName, optionName } from "./format";

type Fact = "codeName" | "customerReference" | "fullName" | "email" | "defaultLanguage" | "languages" | "options" | "status";

/** The tenant's own facts, as the partner set them; pick which ones a page shows. */
export function TenantFacts({ tenant, show }: { tenant: Tenant; show: Fact[] }) {
  const all: Record<Fact, { label: string; value: ReactNode }> = {
    codeName: { label: "Code name", value: <span className="font-mono">{tenant.codeName}</span> },
    customerReference: { label: "Customer reference", value: tenant.customerReference },
    fullName: { label: "Company name", value: tenant.fullName },
    email: { label: "Contact email", value: tenant.email },
    defaultLanguage: { label: "Default language", value: `${languageName(tenant.defaultLanguage)} (${tenant.defaultLanguage})` },
    languages: { label: "Languages", value: <BadgeList items={tenant.languages.map((l) => languageName(l))} empty="None" /> },
    options: { label: "Enabled options", value: <BadgeList items={tenant.options.map(optionName)} empty="No options enabled" tone="blue" /> },
    status: { label: "Status", value: tenant.active ? <Badge tone="green">Active</Badge> : <Badge tone="red">Paused</Badge> },
  };
  return <DescriptionList items={show.map((k) => all[k])} />;
}

function BadgeList({ items, empty, tone = "gray" }: { items: string[]; empty: string; tone?: "gray" | "blue" }) {
  if (items.length === 0) return <span className="text-slate-500">{empty}</span>;
  return (
    <span className="flex flex-wrap gap-1.5">
      {items.map((i) => (
        <Badge key={i} tone={tone}>{i}</Badge>
      ))}
    </span>
  );
}
