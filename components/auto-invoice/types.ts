import type { ActionResult } from "@/lib/actions/result";
import type { HistoryAnswer, PreviewAnswer, RuleActions, RuleAnswer, SettingsAnswer } from "@/lib/schemas/auto-invoice";

export type { HistoryAnswer, PreviewAnswer, RuleActions, SettingsAnswer };
export type Rule = RuleAnswer;
export type PreviewOrder = PreviewAnswer["orders"][number];

/** What the editor sends: the rule without its bookkeeping. */
export type RuleDraft = Pick<Rule, "name" | "conditions" | "match" | "actions">;

/** A connection an invoice can be exported through (it has an InvoiceExport plug). */
export type ExportTarget = { connectionId: string; name: string; enabled: boolean };

/** One of the tenant's connections, offered where a condition tests an order's source connection. */
export type ConnectionChoice = { connectionId: string; name: string; connectorName: string; archived: boolean };

/** Auto Invoice's master switch as the rule editor words its messages by it. */
export type MasterSwitch = { enabled: boolean; cutoffDays: number; canSwitch: boolean };

export type RuleActionsApi = {
  save: (draft: RuleDraft, version: number) => Promise<ActionResult<Rule>>;
  setEnabled: (enabled: boolean) => Promise<ActionResult<Rule>>;
  preview: (input: { limit: number; rule: RuleDraft }) => Promise<ActionResult<PreviewAnswer>>;
};
