import { languages, tenantOptions } from "@/lib/catalog";

export function languageName(iso3: string): string {
  return languages.find((l) => l.iso3 === iso3)?.name ?? iso3;
}

export function optionName(code: string): string {
  return tenantOptions.find((o) => o.code === code)?.name ?? code;
}

/** Server-rendered timestamps are shown in UTC so every viewer reads the same value. */
export function formatDateTime(value: Date | string | null | undefined, opts: { seconds?: boolean } = {}): string {
  if (!value) return "Never";
  const iso = (value instanceof Date ? value : new Date(value)).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, opts.seconds ? 19 : 16)} UTC`;
}
