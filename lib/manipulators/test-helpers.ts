/** Shared by the manipulator tests: run a chain on a record with a fixed context. */
import type { RecordType } from "@/lib/records";
import { balancedOrder } from "@/lib/records/test-fixtures";
import { compileChain, validateChain } from "./chain";
import type { ChainLink, ChainResult, Direction, ManipulatorContext } from "./types";
import type { Condition, Match } from "@/lib/conditions";

export const NOW = new Date("2025-04-10T12:00:00.000Z");

export function context(recordType: RecordType = "order", direction: Direction = "import"): ManipulatorContext {
  return { direction, recordType, connection: { id: "con_shop1", name: "Shop SE", connectorKey: "shopify" }, now: NOW };
}

export function link(key: string, settings: Record<string, unknown> = {}, extra: { conditions?: Condition[]; match?: Match; enabled?: boolean } = {}): ChainLink {
  return { key, enabled: extra.enabled ?? true, settings, conditions: extra.conditions ?? [], match: extra.match ?? "all" };
}

export async function run(links: ChainLink[], record: Record<string, unknown>, recordType: RecordType = "order", direction: Direction = "import"): Promise<ChainResult> {
  const chain = compileChain(links, { recordType, direction });
  try {
    return await chain.run(record, context(recordType, direction));
  } finally {
    chain.dispose();
  }
}

/** The record of an ok result (fails the test otherwise, with the message). */
export async function after(links: ChainLink[], record: Record<string, unknown>, recordType: RecordType = "order", direction: Direction = "import"): Promise<Record<string, any>> {
  const result = await run(links, record, recordType, direction);
  if (result.outcome !== "ok") throw new Error(`expected ok, got ${result.outcome}: ${result.outcome === "fail" ? result.message : result.reason}`);
  return result.record as Record<string, any>;
}

/** The field errors validateChain throws for these links. */
export function chainErrors(links: unknown, recordType: RecordType = "order"): Record<string, string[]> {
  try {
    validateChain(links, { recordType, direction: "import" });
  } catch (e) {
    const fieldErrors = (e as { fieldErrors?: Record<string, string[]> }).fieldErrors;
    if (fieldErrors) return fieldErrors;
    throw e;
  }
  throw new Error("expected the chain to be refused");
}

/** An API-shaped order: common fields plus the balanced fixture. */
export function apiOrder(mutate: (o: Record<string, any>) => void = () => {}): Record<string, any> {
  const o: Record<string, any> = {
    localId: "0123456789abcdef0123456789abcdef",
    source: { type: "connection", connectionType: "shopify", connectionId: "con_shop1", connectionName: "Shop SE", code: null },
    customData: { "shopify|gateway": "klarna" },
    ...balancedOrder(),
  };
  mutate(o);
  return o;
}

/** A product with prices in SEK. */
export function product(mutate: (p: Record<string, any>) => void = () => {}): Record<string, any> {
  const p: Record<string, any> = {
    sku: "WEB-SHIRT-M",
    title: "T-shirt",
    description: "<p>Soft <b>organic</b> cotton &amp; more.</p>",
    vatRatePercent: "25",
    priceExclVat: "199.20",
    priceInclVat: "249.00",
    currency: "SEK",
    stock: "12",
  };
  mutate(p);
  return p;
}
