/** Helpers for this connector's tests: settings for a simulator and an import run as the framework drives it. */
import type { ImportPlug, RemoteIo } from "../types";
import type { WooCommerceSimulator } from "./simulator";

export const io: RemoteIo = { signal: new AbortController().signal, updateSettings: async () => {} };

export function settingsFor(sim: WooCommerceSimulator) {
  return { storeUrl: sim.url, consumerKey: sim.consumerKey, consumerSecret: sim.consumerSecret };
}

/** All pages of one run (at most `maxPages`), like the runtime: cursor null first, then `next`, keeping the last watermark. */
export async function runImport(plug: ImportPlug, settings: unknown, plugSettings: unknown, watermark: string | null, maxPages = 2000) {
  const items: unknown[] = [];
  let cursor: string | null = null;
  let stored = watermark;
  for (let pages = 0; pages < maxPages; pages++) {
    const page = await plug.fetchPage({ settings, plugSettings, watermark, cursor, io });
    items.push(...page.items);
    if (page.watermark) stored = page.watermark;
    if (!page.next) return { items, watermark: stored, pages: pages + 1 };
    cursor = page.next;
  }
  throw new Error(`runImport: more than ${maxPages} pages`);
}
