import type { Section } from "./section-page";

/** Copy for the tenant console sections that start out empty. */
export const sections = {
  connections: {
    title: "Connections",
    summary: "The systems this tenant exchanges data with.",
    explanation:
      "A connection links Crossdock to one system you run: a web shop, marketplace, ERP or accounting system, payment provider, logistics partner or EDI trading partner. You can have several of one kind, so three shops are three connections. Each connection has plugs, tasks such as importing orders or exporting stock, that run on a schedule or when you start them.",
    highlights: [
      { title: "Plugs per direction", body: "Turn each import and export on separately, with its own schedule and filters." },
      { title: "Latest transfers", body: "See when each plug last ran, and when it last succeeded." },
      { title: "Secrets stay secret", body: "API keys are encrypted and never shown again after you save them." },
    ],
    empty: { title: "No connections yet", description: "Connections you add show up here with their plugs, schedules and the outcome of their latest transfers." },
  },
  records: {
    title: "Records",
    summary: "Orders, invoices, products and customers that pass through Crossdock.",
    explanation:
      "Crossdock keeps one canonical copy of every record that flows between your systems, with the id and reference it has in each connected system. Records are never deleted by a transfer; you can archive them. Every change says who made it: a connection, a person or an automatic rule.",
    highlights: [
      { title: "One record, many systems", body: "The same order carries its number in the web shop and its id in the ERP." },
      { title: "Exact amounts", body: "Prices, VAT and totals are kept as exact decimals in the record's currency." },
      { title: "History", body: "Each record shows when and by whom it was created and last changed." },
    ],
    empty: { title: "No records yet", description: "Records appear as soon as a connection imports orders, products or customers, or an integration writes them through the Tenant API." },
  },
  autoInvoice: {
    title: "Auto Invoice",
    summary: "Turn orders into invoices by your own rules.",
    explanation:
      "Rules decide which orders become invoices: by order, payment or shipping status, sales channel, payment method, currency, country or amount. Each matching order is invoiced once, as soon as it qualifies, and the invoice can go straight to your accounting system. Rules run in order and start disabled, so you can preview what a rule would match before you switch it on.",
    highlights: [
      { title: "Never twice", body: "An order is invoiced at most once, however often it changes." },
      { title: "Preview first", body: "See which recent orders a rule would pick up before you enable it." },
      { title: "Straight to accounting", body: "Export each new invoice through an accounting connection right away." },
    ],
    empty: { title: "No rules yet", description: "Invoice rules you create are listed here in the order they are applied." },
    option: { code: "auto_invoice", missing: "Auto Invoice is not switched on for this tenant. Your partner can enable it; until then no invoices are created from orders." },
  },
  logs: {
    title: "Logs",
    summary: "Transfer reports, errors and events.",
    explanation:
      "Every plug run writes a transfer report: when it ran, how many records it considered, and what happened to each one. Records that fail wait in the error queue until you retry them or a later run succeeds. External integrations add their own events here too.",
    highlights: [
      { title: "Transfer reports", body: "Counts of succeeded, failed and ignored records for every run, with the message for each." },
      { title: "Error queue", body: "Retry failed records one by one or all at once with your current settings." },
      { title: "Events", body: "Messages from external integrations, in one history with everything else." },
    ],
    empty: { title: "No activity yet", description: "Transfer reports, errors and events appear here, newest first, once a connection has run." },
  },
} satisfies Record<string, Section>;
