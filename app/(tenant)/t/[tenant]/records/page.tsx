import type { Metadata } from "next";
import { RecordTypePicker } from "@/components/records/type-picker";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/table";
import { countRecordsByType } from "@/lib/services/records/count";
import { recordsScope } from "./_records";

export const metadata: Metadata = { title: "Records" };

export default async function RecordsIndexPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant: code } = await params;
  const { ctx, records, base } = await recordsScope(code);
  const counts = await countRecordsByType({ ctx: records });
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return (
    <>
      <PageHeader title="Records" description="Orders, invoices, products and customers that pass through Crossdock, with their ids in every connected system and who changed what." />
      <RecordTypePicker base={base} counts={counts} />
      {total === 0 && (
        <div className="mt-6">
          <EmptyState
            title="No records yet"
            description="Records arrive from your connections when they import orders, products or customers, or from your own integrations through the Tenant API."
            action={
              <ButtonLink variant="secondary" href={`/t/${ctx.tenant.codeName}/connections`}>
                Go to Connections
              </ButtonLink>
            }
          />
        </div>
      )}
    </>
  );
}
