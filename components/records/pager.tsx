import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";

/** "Newer / Older" keyset navigation; the links keep the current search and filters. */
export function RecordPager({ path, params, newerCursor, olderCursor }: { path: string; params: Record<string, string | undefined>; newerCursor: string | null; olderCursor: string | null }) {
  if (!newerCursor && !olderCursor) return null;
  const href = (cursor: string) => {
    const sp = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v && k !== "cursor") sp.set(k, v);
    sp.set("cursor", cursor);
    return `${path}?${sp}`;
  };
  const disabled = "pointer-events-none opacity-40";
  return (
    <nav aria-label="Pages" className="mt-4 flex items-center justify-between gap-3" data-testid="record-pager">
      {newerCursor ? (
        <Link href={href(newerCursor)} className={buttonClass("secondary")} rel="prev">
          <span aria-hidden>←</span> Newer
        </Link>
      ) : (
        <span className={cn(buttonClass("secondary"), disabled)} aria-disabled>
          <span aria-hidden>←</span> Newer
        </span>
      )}
      {olderCursor ? (
        <Link href={href(olderCursor)} className={buttonClass("secondary")} rel="next">
          Older <span aria-hidden>→</span>
        </Link>
      ) : (
        <span className={cn(buttonClass("secondary"), disabled)} aria-disabled>
          Older <span aria-hidden>→</span>
        </span>
      )}
    </nav>
  );
}
