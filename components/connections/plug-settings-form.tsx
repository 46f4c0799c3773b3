"use client";

import { useState } from "react";
import { ActionForm, SelectField, SubmitButton, TextField } from "@/components/ui/form";
import type { ActionResult } from "@/lib/actions/result";
import type { SettingsField } from "@/lib/connectors/settings-form";
import type { PlugSchedule } from "@/lib/connectors/runtime/schedule";
import { SettingsFields } from "./settings-fields";

/** A plug's schedule, its generated settings and its watermark ("start from"). */
export function PlugSettingsForm({ action, schedule, fields, watermark, direction, onSaved }: { action: (prev: unknown, form: FormData) => Promise<ActionResult<unknown>>; schedule: PlugSchedule; fields: SettingsField[]; watermark: string | null; direction: string; onSaved?: () => void }) {
  const [kind, setKind] = useState(schedule.kind);
  return (
    <ActionForm action={action} onSuccess={onSaved} testId="plug-settings-form">
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          name="schedule.kind"
          label="Schedule"
          value={kind}
          onChange={(e) => setKind(e.target.value as PlugSchedule["kind"])}
          options={[
            { value: "interval", label: "Every N minutes" },
            { value: "cron", label: "Cron expression (UTC)" },
          ]}
        />
        {kind === "interval" ? (
          <TextField name="schedule.minutes" label="Minutes between runs" type="number" min={1} max={10080} step={1} defaultValue={schedule.kind === "interval" ? schedule.minutes : 60} />
        ) : (
          <TextField name="schedule.expression" label="Cron expression" placeholder="*/15 * * * *" defaultValue={schedule.kind === "cron" ? schedule.expression : ""} hint="minute hour day month weekday, in UTC" autoComplete="off" />
        )}
      </div>
      <SettingsFields fields={fields} />
      {/* Keyed by the live value: when a run moves the watermark the field shows the new one. */}
      <input type="hidden" name="watermarkShown" value={watermark ?? ""} />
      <TextField
        key={watermark ?? ""}
        name="watermark"
        label="Start from (watermark)"
        defaultValue={watermark ?? ""}
        autoComplete="off"
        hint={
          direction === "import"
            ? "Where the next run continues reading the remote system. Clear it to start over from the start date; set an earlier time to read changes again."
            : "Where the next run continues with changed records. Clear it to send every record again."
        }
      />
      <SubmitButton pendingLabel="Saving…">Save plug</SubmitButton>
    </ActionForm>
  );
}
