/**
 * Delta paging over a WooCommerce collection by date_modified_gmt (orderby=modified, order=asc,
 * modified_after, dates_are_gmt). Page numbers alone would skip a record whenever one that was
 * already listed changes mid-run (it moves to the end and everything shifts up by one), so each
 * request starts again at page 1 after the last modification time seen ("keyset" paging). Dates
 * have whole seconds and modified_after is exclusive, so the position is kept one second before
 * the newest record seen: records changed within that same second, now or later, are fetched
 * again (the framework upserts by remote id, so this is harmless). Only when a whole page shares
 * one second (a bulk edit) does the page number advance within it.
 */
export type DeltaCursor = { after: string | null; page: number };

/** WooCommerce's *_gmt format: UTC, whole seconds, no offset. */
const gmt = (ms: number) => new Date(ms).toISOString().slice(0, 19);
const msOf = (wcGmt: string) => Date.parse(`${wcGmt.replace(/Z$/, "")}Z`);

/** Where a run starts: the stored watermark, else the first-run start date (inclusive), else everything. */
export function firstCursor(watermark: string | null, startDate: string | undefined): DeltaCursor {
  if (watermark) return { after: watermark, page: 1 };
  if (startDate) return { after: gmt(Date.parse(startDate) - 1000), page: 1 };
  return { after: null, page: 1 };
}

export function encodeCursor(c: DeltaCursor): string {
  return JSON.stringify(c);
}

export function decodeCursor(s: string): DeltaCursor {
  const c = JSON.parse(s) as DeltaCursor;
  if ((c.after !== null && typeof c.after !== "string") || !Number.isInteger(c.page) || c.page < 1) throw new Error(`Not a delta cursor: ${s}`);
  return c;
}

export function deltaParams(c: DeltaCursor, perPage: number): Record<string, string | number> {
  return {
    orderby: "modified",
    order: "asc",
    dates_are_gmt: "true",
    per_page: perPage,
    page: c.page,
    ...(c.after ? { modified_after: c.after } : {}),
  };
}

/**
 * The cursor after a page (null when this was the last) and the watermark that is safe once this
 * page is saved: every record modified up to it has been listed in this run.
 */
export function advance(c: DeltaCursor, items: { date_modified_gmt: string }[], perPage: number): { next: DeltaCursor | null; watermark?: string } {
  if (!items.length) return { next: null };
  const newest = items.reduce((max, i) => Math.max(max, msOf(i.date_modified_gmt)), 0);
  const position = gmt(newest - 1000);
  const moved = c.after === null || position > c.after;
  const watermark = moved ? position : undefined;
  if (items.length < perPage) return { next: null, watermark };
  return { next: moved ? { after: position, page: 1 } : { after: c.after, page: c.page + 1 }, watermark };
}
