import type { SettingsField } from "@/lib/connectors/settings-form";
import type { FieldErrors } from "@/lib/errors";
import type { ChainLink } from "@/lib/manipulators/types";
import type { ChainAnswer, PreviewAnswer } from "@/lib/schemas/manipulators";
import type { ActionResult } from "@/lib/actions/result";
import type { ConditionRow } from "@/components/conditions/types";

/** A manipulator of the library as the editor offers it: its settings form, generated on the server. */
export type LibraryEntry = {
  key: string;
  name: string;
  description: string;
  /** Its settings form with the defaults. */
  fields: SettingsField[];
  /** Settings that are string → string tables (edited as rows of from → to, sent as JSON). */
  pairs: string[];
};

/** A saved link with its settings form filled in. */
export type InitialLink = ChainLink & { fields: SettingsField[] };

/** A link while it is edited: `uid` keeps its card (and its errors) across reordering. */
export type EditorLink = {
  uid: string;
  key: string;
  enabled: boolean;
  settings: Record<string, unknown>;
  fields: SettingsField[];
  conditions: ConditionRow[];
  match: "all" | "any";
  /** Settings the browser could not read (bad JSON, not a number): nothing is sent until fixed. */
  localErrors: FieldErrors;
};

export type RecentRecordOption = { localId: string; label: string; lastModified: string; record: Record<string, unknown> };

export type EditorActions = {
  save: (links: ChainLink[]) => Promise<ActionResult<ChainAnswer>>;
  preview: (input: { record: unknown; chain: ChainLink[] }) => Promise<ActionResult<PreviewAnswer>>;
};
