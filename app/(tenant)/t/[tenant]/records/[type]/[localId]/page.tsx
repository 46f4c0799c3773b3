import type { Metadata } from "next";
import Link from "next/link";
import { recordKey, recordTitle } from "@/components/records/columns";
import { DataFields } from "@/components/records/data-view";
import { CustomDataList, DocumentRows, documentRowKeys, RecordOrigin, RemoteIdList } from "@/components/records/record-detail";
import { RecordHistory } from "@/components/records/record-history";
import { StatusBadges } from "@/components/records/status";
import { consoleRecordType } from "@/components/records/types";
import { Card, PageHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
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
          <nav aria-label="Breadcrumb" className="flex flex-wrap gap-1">
            <Link href={base} className="hover:text-slate-700">
              Records
            </Link>
            <span aria-hidden>/</span>
            <Link href={`${base}/${type}`} className="hover:text-slate-700">
              {info.label}
            </Link>
          </nav>
        }
        description={
          <span className="mt-1 flex flex-wrap items-center gap-2">
            <span>{subtitle}</span>
            <StatusBadges type={type} data={data} archived={record.archived === true} />
          </span>
        }
      />
      {/* Phones read rows, fields, where the record lives, then its history; wide screens put the
          side cards in a third column next to fields and history. */}
      <div className="grid gap-6 lg:grid-cols-3 lg:items-start">
        {isDocument && (
          <Card title="Rows" description={typeof data.currency === "string" ? `Amounts in ${data.currency}, exactly as received.` : undefined} className="min-w-0 lg:col-span-3">
            <DocumentRows data={data} />
          </Card>
        )}
        <Card title="Fields" className="min-w-0 lg:col-span-2 lg:col-start-1">
          <DataFields data={data} omit={isDocument ? documentRowKeys : []} testId="record-fields" />
        </Card>
        <div className={cn("min-w-0 space-y-6 lg:col-start-3 lg:row-span-2", isDocument ? "lg:row-start-2" : "lg:row-start-1")}>
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
        <Card title="History" description="Every change, newest first." className="min-w-0 lg:col-span-2 lg:col-start-1">
          <RecordHistory entries={detail.history} connectionNames={detail.connectionNames} truncated={detail.historyTruncated} />
        </Card>
      </div>
    </>
  );
}
