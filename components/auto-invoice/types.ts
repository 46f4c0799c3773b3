import type { ActionResult } from "@/lib/actions/result";
import type { HistoryAnswer, PreviewAnswer, RuleActions, RuleAnswer, SettingsAnswer } from "@/lib/schemas/auto-invoice";

export type { HistoryAnswer, PreviewAnswer, RuleActions, SettingsAnswer };
export type Rule = RuleAnswer;
export type PreviewOrder = PreviewAnswer["orders"][number];

/** What the editor sends: the rule without its bookkeeping. */
export type RuleDraft = Pick<Rule, "name" | "conditions" | "match" | "actions">;

/** A connection an invoice can be exported through (it has an InvoiceExport plug). */
export type ExportTarget = { connectionId: string; name: string; enabled: boolean };

export type RuleActionsApi = {
  save: (draft: RuleDraft, version: number) => Promise<ActionResult<Rule>>;
  setEnabled: (enabled: boolean) => Promise<ActionResult<Rule>>;
  preview: (input: { limit: number; rule: RuleDraft }) => Promise<ActionResult<PreviewAnswer>>;
};
