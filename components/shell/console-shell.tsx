import type { ReactNode } from "react";
import Link from "next/link";
import { signOutAction } from "@/app/(auth)/actions";
import { Logo } from "./logo";
import { MobileNav } from "./mobile-nav";
import { NavLinks, type NavItem } from "./nav-links";

/**
 * The frame of every console (admin, partner, tenant): sidebar navigation on desktop, a menu on
 * phones, the signed-in user with sign-out, and an optional banner (impersonation, paused tenant).
 */
export function ConsoleShell({ title, homeHref, nav, user, banner, children }: { title: string; homeHref: string; nav: NavItem[]; user: { name: string; email: string }; banner?: ReactNode; children: ReactNode }) {
  const account = (
    <div className="flex items-center justify-between gap-2">
      <div className="min-w-0">
        <p className="truncate text-sm font-medium text-slate-800">{user.name}</p>
        <p className="truncate text-xs text-slate-500" data-testid="current-user">{user.email}</p>
      </div>
      <form action={signOutAction}>
        <button type="submit" className="whitespace-nowrap rounded-md px-2 py-1 text-xs font-medium text-slate-600 ring-1 ring-slate-300 hover:bg-slate-50">
          Sign out
        </button>
      </form>
    </div>
  );
  return (
    <div className="min-h-screen">
      {banner}
      <div className="lg:flex">
        <aside className="hidden w-60 shrink-0 border-r border-slate-200 bg-white lg:flex lg:min-h-screen lg:flex-col">
          <div className="px-4 py-4">
            <Link href={homeHref}>
              <Logo subtitle={title} />
            </Link>
          </div>
          <nav className="flex-1 px-3" aria-label="Main">
            <NavLinks items={nav} />
          </nav>
          <div className="border-t border-slate-100 px-4 py-3">{account}</div>
        </aside>
        <header className="relative flex h-14 items-center justify-between border-b border-slate-200 bg-white px-4 lg:hidden">
          <Link href={homeHref}>
            <Logo subtitle={title} />
          </Link>
          <MobileNav items={nav} footer={account} />
        </header>
        <main className="min-w-0 flex-1 px-4 py-6 sm:px-6 lg:px-10 lg:py-8">
          <div className="mx-auto max-w-6xl">{children}</div>
        </main>
      </div>
    </div>
  );
}
