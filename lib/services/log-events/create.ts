import { z } from "zod";
import type { Db } from "@/db/client";
import { logEvents } from "@/db/schema";
import { withTenantTx } from "@/db/tenant-tx";
import { newId } from "@/lib/ids";
import { recordTypes } from "@/lib/records";
import { parseInput } from "@/lib/validation";

export const logEventSchema = z
  .object({
    severity: z.enum(["debug", "info", "warning", "error", "critical"]),
    relatedRecordType: z.enum([...recordTypes, "logEvent", "transferReport"]).optional(),
    direction: z.enum(["import", "export"]).optional(),
    summary: z.string().trim().min(1, "Give a summary.").max(500, "At most 500 characters."),
    body: z.array(z.string().max(10_000)).max(200).default([]),
    relatedIdMsgs: z.array(z.object({ id: z.string().max(200), displayId: z.string().max(200).optional(), message: z.string().max(2000) }).strict()).max(1000).default([]),
    time: z.iso.datetime({ offset: true, message: "Use an ISO 8601 date-time." }),
  })
  .strict();

export const logEventsBody = z.array(logEventSchema).min(1, "Send at least one event.").max(1000, "At most 1,000 events per call.");

/** Events an external integration reports (POST /api/log/event), shown in the tenant's event history. */
export async function createLogEvents({ db, tenantId, connectionId, input }: { db: Db; tenantId: string; connectionId: string | null; input: unknown }) {
  const events = parseInput(logEventsBody, input);
  return withTenantTx(db, tenantId, async (tx) => {
    const rows = events.map((e) => ({ tenantId, id: newId("logEvent"), connectionId, ...e, time: new Date(e.time) }));
    await tx.insert(logEvents).values(rows);
    return rows.map((r) => ({ id: r.id }));
  });
}
