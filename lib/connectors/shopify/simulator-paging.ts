/**
 * Shopify's cursor pagination for the simulator: an opaque page_info token that carries the
 * filters of the first request and a position, and a Link header with rel="previous"/"next".
 * Positions index an append-only list, so a token stays valid while items change: a changed order
 * moves to the end and is met again later, like a keyset cursor on (updated_at, id).
 */

export type PageToken<F> = { dir: "next" | "prev"; pos: number; filters: F };

export function encodeToken<F>(token: PageToken<F>): string {
  return Buffer.from(JSON.stringify(token)).toString("base64url");
}

export function decodeToken<F>(value: string): PageToken<F> | undefined {
  try {
    const t = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
    return (t?.dir === "next" || t?.dir === "prev") && Number.isInteger(t.pos) && t.filters ? t : undefined;
  } catch {
    return undefined;
  }
}

/** Positions [lo, hi) of a list and which of them belong to the answer. */
export type Window = { lo: number; hi: number; matches(pos: number): boolean };

export type PageSlice = { positions: number[]; hasPrev: boolean; hasNext: boolean };

function scan(w: Window, from: number, step: 1 | -1, want: number): number[] {
  const out: number[] = [];
  for (let p = from; p >= w.lo && p < w.hi && out.length < want; p += step) if (w.matches(p)) out.push(p);
  return out;
}

/** One page of `limit` positions from a token (or the start), and whether pages exist on either side. */
export function slice(w: Window, token: { dir: "next" | "prev"; pos: number } | undefined, limit: number): PageSlice {
  if (!token || token.dir === "next") {
    const found = scan(w, Math.max(w.lo, token?.pos ?? w.lo), 1, limit + 1);
    const positions = found.slice(0, limit);
    const hasPrev = positions.length > 0 && scan(w, positions[0] - 1, -1, 1).length > 0;
    return { positions, hasPrev, hasNext: found.length > limit };
  }
  const found = scan(w, Math.min(w.hi, token.pos) - 1, -1, limit + 1);
  const positions = found.slice(0, limit).reverse();
  const hasNext = positions.length > 0 && scan(w, positions[positions.length - 1] + 1, 1, 1).length > 0;
  return { positions, hasPrev: found.length > limit, hasNext };
}

/** The Link header Shopify sends: previous first, then next; only limit and fields ride along with page_info. */
export function linkHeader<F>(pageUrl: string, page: PageSlice, filters: F, query: { limit?: string; fields?: string }): string | undefined {
  const link = (dir: "next" | "prev", pos: number, rel: string) => {
    const params = new URLSearchParams();
    if (query.limit) params.set("limit", query.limit);
    if (query.fields) params.set("fields", query.fields);
    params.set("page_info", encodeToken({ dir, pos, filters }));
    return `<${pageUrl}?${params}>; rel="${rel}"`;
  };
  const parts: string[] = [];
  if (page.hasPrev) parts.push(link("prev", page.positions[0], "previous"));
  if (page.hasNext) parts.push(link("next", page.positions[page.positions.length - 1] + 1, "next"));
  return parts.length ? parts.join(", ") : undefined;
}
