import type { ExportPlug } from "../types";
import { QuickBooksClient } from "./client";
import { upsertCustomer } from "./customers";
import { partyFromCustomer } from "./map";
import { customerExportSettingsSchema, type CustomerExportSettings, type Settings } from "./settings";

export const customerExport: ExportPlug<Settings, CustomerExportSettings> = {
  key: "CustomerExport",
  name: "Customer export",
  description: "Creates and updates customers in QuickBooks Online, matched by display name so a re-run never duplicates one.",
  direction: "export",
  recordType: "customer",
  settings: customerExportSettingsSchema,
  defaultIntervalMinutes: 15,
  async push(record, { settings, io }) {
    const saved = await upsertCustomer(new QuickBooksClient(settings, io), partyFromCustomer(record), record.remoteId);
    return { remoteId: String(saved.Id), remoteRef: saved.DisplayName };
  },
};
