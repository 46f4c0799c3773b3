import { Cron } from "croner";
import { z } from "zod";

/** When a plug runs: every N minutes, or on a cron expression (5 fields, UTC). */
export const plugScheduleSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("interval"), minutes: z.coerce.number({ message: "Minutes must be a whole number." }).int("Minutes must be a whole number.").min(1, "At least every minute.").max(10080, "At most once a week (10080 minutes).") }).strict(),
  z
    .object({
      kind: z.literal("cron"),
      expression: z
        .string()
        .trim()
        .min(1, "Enter a cron expression, e.g. */15 * * * *")
        .refine((e) => cronProblem(e) === undefined, { error: (iss) => cronProblem(String(iss.input)) ?? "Not a cron expression" }),
    })
    .strict(),
]);
export type PlugSchedule = z.infer<typeof plugScheduleSchema>;

function cronProblem(expression: string): string | undefined {
  if (expression.trim().split(/\s+/).length !== 5) return "Use the 5-field form: minute hour day-of-month month day-of-week (UTC), e.g. */15 * * * *";
  try {
    new Cron(expression, { timezone: "UTC", paused: true });
    return undefined;
  } catch (e) {
    return `Not a cron expression: ${(e as Error).message}`;
  }
}

/** The next run after `from`. */
export function nextRunAfter(schedule: PlugSchedule, from: Date): Date {
  if (schedule.kind === "interval") return new Date(from.getTime() + schedule.minutes * 60_000);
  const next = new Cron(schedule.expression, { timezone: "UTC", paused: true }).nextRun(from);
  return next ?? new Date(from.getTime() + 24 * 3600_000);
}

export function describeSchedule(schedule: PlugSchedule): string {
  if (schedule.kind === "cron") return `cron ${schedule.expression} (UTC)`;
  return schedule.minutes === 1 ? "every minute" : schedule.minutes % 60 === 0 ? `every ${schedule.minutes / 60} h` : `every ${schedule.minutes} min`;
}
