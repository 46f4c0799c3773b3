import type { Connector } from "../types";
import { QuickBooksClient } from "./client";
import { customerExport } from "./customer-export";
import { invoiceExport } from "./invoice-export";
import { secretFields, settingsSchema, type Settings } from "./settings";

export const quickbooksConnector: Connector<Settings> = {
  key: "quickbooks",
  name: "QuickBooks Online",
  category: "ERP & Accounting",
  logo: "/connectors/quickbooks.svg",
  description: "Books customers, invoices and credit notes in QuickBooks Online, with exact VAT per rate and multicurrency.",
  settings: settingsSchema,
  secretFields,
  async test(settings, io) {
    const client = new QuickBooksClient(settings, io);
    const info = await client.companyInfo();
    return { message: `Company: ${info.CompanyName} (realm ${settings.realmId})` };
  },
  plugs: [customerExport, invoiceExport],
};
