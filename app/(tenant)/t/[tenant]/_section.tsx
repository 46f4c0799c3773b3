import type { Metadata } from "next";
import { SectionPage } from "@/components/tenant/section-page";
import { sections } from "@/components/tenant/sections";
import { ButtonLink } from "@/components/ui/button";
import { forPage } from "@/lib/auth/page";
import { tenantScope } from "@/lib/auth/scopes";

type Key = keyof typeof sections;
type Props = { params: Promise<{ tenant: string }> };

/** One route implementation for the sections that have no content of their own yet. */
export function sectionRoute(key: Key) {
  return async function TenantSectionPage({ params }: Props) {
    const { tenant: code } = await params;
    const ctx = await forPage(() => tenantScope(code, "tenant.read"));
    // Records and logs are produced by connections, so their empty states point there.
    const emptyAction =
      key === "records" || key === "logs" ? (
        <ButtonLink variant="secondary" href={`/t/${ctx.tenant.codeName}/connections`}>
          Go to Connections
        </ButtonLink>
      ) : undefined;
    return <SectionPage section={sections[key]} enabledOptions={ctx.tenant.options} emptyAction={emptyAction} />;
  };
}

export function sectionMetadata(key: Key): Metadata {
  return { title: sections[key].title };
}
