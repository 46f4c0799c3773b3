"use client";

import { useState, type ReactNode } from "react";
import { NavLinks, type NavItem } from "./nav-links";

/** Phone-width navigation: a menu button that opens the same links as the sidebar. */
export function MobileNav({ items, footer }: { items: NavItem[]; footer?: ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="lg:hidden">
      <button type="button" onClick={() => setOpen((o) => !o)} aria-expanded={open} aria-label="Menu" className="rounded-md p-2 text-slate-600 hover:bg-slate-100">
        <svg viewBox="0 0 20 20" className="h-5 w-5" fill="currentColor" aria-hidden>
          <path fillRule="evenodd" d="M2 4.75A.75.75 0 0 1 2.75 4h14.5a.75.75 0 0 1 0 1.5H2.75A.75.75 0 0 1 2 4.75Zm0 5A.75.75 0 0 1 2.75 9h14.5a.75.75 0 0 1 0 1.5H2.75A.75.75 0 0 1 2 9.75Zm0 5a.75.75 0 0 1 .75-.75h14.5a.75.75 0 0 1 0 1.5H2.75a.75.75 0 0 1-.75-.75Z" />
        </svg>
      </button>
      {open && (
        <div className="absolute inset-x-0 top-14 z-30 border-b border-slate-200 bg-white px-3 pb-4 pt-2 shadow-lg">
          <NavLinks items={items} onNavigate={() => setOpen(false)} />
          {footer && <div className="mt-3 border-t border-slate-100 pt-3">{footer}</div>}
        </div>
      )}
    </div>
  );
}
