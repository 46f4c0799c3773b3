import Link from "next/link";
import { Fragment } from "react";

/** The trail above a page title: links to the pages this one sits under. */
export function Breadcrumb({ items }: { items: { href: string; label: string }[] }) {
  return (
    <nav aria-label="Breadcrumb" className="flex flex-wrap gap-1">
      {items.map((item, i) => (
        <Fragment key={item.href}>
          {i > 0 && <span aria-hidden>/</span>}
          <Link href={item.href} className="hover:text-slate-700">
            {item.label}
          </Link>
        </Fragment>
      ))}
    </nav>
  );
}
