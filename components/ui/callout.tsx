import type { ReactNode } from "react";
import { cn } from "./cn";

const tones = {
  red: "bg-red-50 text-red-800 ring-red-200",
  amber: "bg-amber-50 text-amber-900 ring-amber-200",
  emerald: "bg-emerald-50 text-emerald-800 ring-emerald-200",
} as const;

/** A short boxed message in a tone: failures red, warnings amber, success green. */
export function Callout({ tone, small, testId, children }: { tone: keyof typeof tones; small?: boolean; testId?: string; children: ReactNode }) {
  return (
    <div className={cn("rounded-md px-3 py-2 ring-1 ring-inset", small ? "text-xs" : "text-sm", tones[tone])} data-testid={testId}>
      {children}
    </div>
  );
}
