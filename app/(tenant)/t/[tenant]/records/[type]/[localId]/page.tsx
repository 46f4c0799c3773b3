import type { Metadata } from "next";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { recordKey, recordTitle } from "@/components/records/columns";
import { DataFields } from "@/components/records/data-view";
import { CustomDataList, DocumentRows, documentRowKeys, RecordOrigin, RemoteIdList } from "@/components/records/record-detail";
import { RecordHistory } from "@/components/records/record-history";
import { StatusBadges } from "@/components/records/status";
import { consoleRecordType } from "@/components/records/types";
import { Card, PageHeader } from "@/components/ui/card";
import { forPage } from "@/lib/auth/page";
import { getRecordDetail } from "@/lib/services/records/search";
import { recordsScope, recordTypeOr404 } from "../../_records";

type Props = { params: Promise<{ tenant: string; type: string; localId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { type } = await params;
  return { title: consoleRecordType(type)?.singular ?? "Record" };
}

export default async function RecordDetailPage({ params }: Props) {
  const { tenant: code, type: typeParam, localId } = await params;
  const { type, info } = recordTypeOr404(typeParam);
  const { records, base } = await recordsScope(code);
  const detail = await forPage(() => getRecordDetail({ ctx: records, type, localId }));
  const { data, record } = detail;
  const isDocument = type === "order" || type === "invoice";
  const title = recordTitle(type, data, info.singular);
  const key = recordKey(type, data);
  const subtitle = [info.singular, key && !title.includes(key) ? key : null].filter(Boolean).join(" · ");

  return (
    <>
      <PageHeader
        title={<span data-testid="record-title">{title}</span>}
        breadcrumb={
          <Breadcrumb items={[{ href: base, label: "Records" }, { href: `${base}/${type}`, label: info.label }]} />
        }
        description={
          <span className="mt-1 flex flex-wrap items-center gap-2">
            <span>{subtitle}</span>
            <StatusBadges type={type} data={data} archived={record.archived === true} />
          </span>
        }
      />
      {isDocument && (
        <Card title="Rows" description={typeof data.currency === "string" ? `Amounts in ${data.currency}, exactly as received.` : undefined} className="mb-6 min-w-0">
          <DocumentRows data={data} />
        </Card>
      )}
      {/* Phones read fields, where the record lives, then its history (the left column dissolves
          into the flex order); wide screens put the side cards in a column next to the main two. */}
      <div className="flex flex-col gap-6 lg:grid lg:grid-cols-3 lg:items-start">
        <div className="contents lg:col-span-2 lg:block lg:min-w-0 lg:space-y-6">
          <Card title="Fields" className="order-1 min-w-0">
            <DataFields data={data} omit={isDocument ? documentRowKeys : []} testId="record-fields" />
          </Card>
          <Card title="History" description="Every change, newest first." className="order-3 min-w-0">
            <RecordHistory entries={detail.history} connectionNames={detail.connectionNames} truncated={detail.historyTruncated} />
          </Card>
        </div>
        <div className="order-2 min-w-0 space-y-6 lg:order-none">
          <Card title="In connected systems" description="The id and reference this record has in each system.">
            <RemoteIdList remoteIds={detail.remoteIds} />
          </Card>
          <Card title="Origin">
            <RecordOrigin record={record} source={detail.source} connectionNames={detail.connectionNames} />
          </Card>
          <Card title="Custom data">
            <CustomDataList customData={detail.customData} />
          </Card>
        </div>
      </div>
    </>
  );
}
