import type { Metadata } from "next";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { recordTypeLabel } from "@/components/connections/format";
import { TransferReportView } from "@/components/connections/transfer-report";
import { PageHeader } from "@/components/ui/card";
import { forPage } from "@/lib/auth/page";
import { tenantScope } from "@/lib/auth/scopes";
import { connectorByKey, plugOf } from "@/lib/connectors/registry";
import { getConnection } from "@/lib/services/connections/get-connection";
import { connectionTransfer } from "../../../_progress";

export const metadata: Metadata = { title: "Transfer report" };

type Props = { params: Promise<{ tenant: string; connectionId: string; reportId: string }> };

export default async function TransferReportPage({ params }: Props) {
  const { tenant: code, connectionId, reportId } = await params;
  const ctx = await forPage(() => tenantScope(code, "tenant.read"));
  const t = ctx.tenant.codeName;
  const [connection, report] = await Promise.all([forPage(() => getConnection({ ctx, connectionId })), forPage(() => connectionTransfer(ctx, connectionId, reportId, {}))]);
  const connector = connectorByKey(connection.connector);
  const plugName = (connector && plugOf(connector, report.plug)?.name) ?? report.plug;
  const base = `/t/${t}/connections`;
  return (
    <>
      <PageHeader
        title={`${plugName} run`}
        description={`${connection.name} · ${recordTypeLabel(report.recordType)} ${report.direction}`}
        breadcrumb={
          <Breadcrumb items={[{ href: base, label: "Connections" }, { href: `${base}/${connectionId}`, label: connection.name }]} />
        }
      />
      <TransferReportView code={t} connectionId={connectionId} reportId={reportId} plugName={plugName} first={report} recordHref={`/t/${t}/records/${report.recordType}`} />
    </>
  );
}
