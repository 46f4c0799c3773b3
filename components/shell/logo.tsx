export function Logo({ subtitle }: { subtitle?: string }) {
  return (
    <span className="flex items-center gap-2">
      <svg viewBox="0 0 32 32" className="h-7 w-7" aria-hidden>
        <rect width="32" height="32" rx="7" fill="#1f5ad6" />
        <path d="M8 11h16M8 16h16M8 21h16" stroke="#fff" strokeWidth="2.5" strokeLinecap="round" />
        <path d="M12 8v16M20 8v16" stroke="#9cc1ff" strokeWidth="2" strokeLinecap="round" />
      </svg>
      <span className="leading-tight">
        <span className="block text-sm font-semibold text-slate-900">Crossdock</span>
        {subtitle && <span className="block max-w-[12rem] truncate text-xs text-slate-500">{subtitle}</span>}
      </span>
    </span>
  );
}
