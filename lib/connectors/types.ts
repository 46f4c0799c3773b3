import type { z } from "zod";
import type { RecordType } from "@/lib/records";

/**
 * What a connector declares. The framework (lib/connectors/runtime/) stores connections and plug
 * state, encrypts secrets, schedules and retries runs, writes transfer reports and the error queue,
 * saves imported records and remembers remote ids. A connector only talks to its remote system and
 * maps between the remote shape and Crossdock records.
 */

export const connectorCategories = ["E-commerce", "Marketplace", "ERP & Accounting", "Payment", "POS", "Logistics & WMS", "EDI", "Generic"] as const;
export type ConnectorCategory = (typeof connectorCategories)[number];

/** What every remote call gets from the framework. */
export type RemoteIo = {
  /** Aborted when the run is cancelled or the worker stops. */
  signal: AbortSignal;
  /**
   * Persists changed connection settings (e.g. a rotated OAuth refresh token) at once, encrypted
   * like the rest; the next call in this run sees them in `settings`.
   */
  updateSettings(patch: Record<string, unknown>): Promise<void>;
};

/** A record an import plug produced: the Tenant API write body (fields, customData, …) keyed by its remote id. */
export type ImportedRecord = {
  remoteId: string;
  /** A human id for reports and the error queue ("#1001"). */
  displayId?: string;
  remoteRef?: string;
  data: Record<string, unknown>;
};

/** A remote item's outcome from mapping: a record to save, or a reason to skip it (counted as ignored). */
export type MapResult = ImportedRecord | { ignore: string; remoteId: string; displayId?: string };

export type ImportPlug<CS = any, PS = any> = {
  key: string;
  name: string;
  description: string;
  direction: "import";
  recordType: RecordType;
  settings: z.ZodType<PS>;
  defaultIntervalMinutes: number;
  /**
   * One page from the remote. `cursor` is null for the first page of a run, then the `next` this
   * returned; `watermark` is the plug's stored delta position (null on the first run). `watermark`
   * in the answer, when present, is safe to store once this page's records are saved.
   */
  fetchPage(args: { settings: CS; plugSettings: PS; watermark: string | null; cursor: string | null; io: RemoteIo }): Promise<{
    items: unknown[];
    next: string | null;
    watermark?: string;
  }>;
  /** The remote id (and a human id) of a raw item, even one map() refuses: keys the error queue. */
  identify(item: unknown): { remoteId: string; displayId?: string };
  /** Maps one remote item; throw RecordError for bad data (that record fails, the others go on). */
  map(item: unknown, args: { settings: CS; plugSettings: PS }): MapResult;
};

/**
 * The stored record handed to an export plug, in the public API shape, with this connection's
 * remoteId and remoteRef; a document's customer block also carries the customer record's remoteId
 * in this connection when it is known.
 */
export type ExportedRecord = Record<string, unknown> & { localId: string; remoteId: string | null; remoteRef?: string | null };

export type ExportPlug<CS = any, PS = any> = {
  key: string;
  name: string;
  description: string;
  direction: "export";
  recordType: RecordType;
  settings: z.ZodType<PS>;
  defaultIntervalMinutes: number;
  /** Whether this record is for this plug at all (e.g. only invoices with status "booked"); false = ignored. */
  wants?(record: ExportedRecord, args: { settings: CS; plugSettings: PS }): boolean | string;
  /**
   * Creates or updates the record remotely (update when record.remoteId is set). Returns the remote id
   * to remember, or an ignore reason. Throw RecordError for this record's data, RemoteError for the call.
   */
  push(record: ExportedRecord, args: { settings: CS; plugSettings: PS; io: RemoteIo }): Promise<{ remoteId: string; remoteRef?: string; message?: string } | { ignore: string }>;
};

export type Plug<CS = any> = ImportPlug<CS> | ExportPlug<CS>;

export type Connector<CS = any> = {
  key: string;
  name: string;
  category: ConnectorCategory;
  /** Path of the logo under public/, e.g. "/connectors/shopify.svg". */
  logo: string;
  description: string;
  /** Connection settings; the console's form is generated from it (descriptions become help texts). */
  settings: z.ZodType<CS>;
  /** Setting keys stored encrypted and never sent back to a page or an API. */
  secretFields: readonly string[];
  /** "Test connection": one cheap authenticated call; a short human answer ("Shop: Acme (acme.myshopify.com)"). */
  test(settings: CS, io: RemoteIo): Promise<{ message: string }>;
  plugs: Plug<CS>[];
  /** Pushes from the remote ("an order changed") that start plugs at once instead of at their next scheduled time. */
  webhooks?: ConnectorWebhooks<CS>;
};

export type ConnectorWebhooks<CS = any> = {
  /** Whether this connection can receive them (e.g. its webhook secret is set). */
  enabled(settings: CS): boolean;
  /** Checks the signature with the vendor's own verifier: the topic, or why the call is not genuine. */
  verify(args: { headers: Record<string, string>; rawBody: string; settings: CS }): Promise<{ ok: true; topic: string } | { ok: false; reason: string }>;
  /** The plugs each topic starts ({ "orders/updated": ["OrderImport"] }); these are the topics subscribe() asks for. */
  topics: Readonly<Record<string, readonly string[]>>;
  /** Makes sure the remote sends those topics to `address` (idempotent; called when such a plug runs). */
  subscribe(args: { settings: CS; address: string; io: RemoteIo }): Promise<void>;
};
