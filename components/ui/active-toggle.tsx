"use client";

import type { ActionResult } from "@/lib/actions/result";
import type { ButtonSize } from "./button";
import { ConfirmAction } from "./confirm";

/**
 * Deactivate / Reactivate with confirmation, for anything with an active flag (resellers, tenants,
 * users). `action(active)` is a server action bound to the object.
 */
export function ActiveToggle({
  active,
  subject,
  deactivateBody,
  reactivateBody,
  action,
  confirmNoun,
  size,
  testId,
}: {
  active: boolean;
  subject: string;
  deactivateBody: string;
  reactivateBody: string;
  action: (active: boolean) => Promise<ActionResult<unknown>>;
  /** Appended to the confirm button, e.g. "tenant" → "Deactivate tenant". */
  confirmNoun?: string;
  size?: ButtonSize;
  /** Test ids become "deactivate-<testId>" / "reactivate-<testId>". */
  testId?: string;
}) {
  const verb = active ? "Deactivate" : "Reactivate";
  return (
    <ConfirmAction
      variant={active ? "danger" : "primary"}
      size={size}
      testId={testId ? `${verb.toLowerCase()}-${testId}` : undefined}
      label={verb}
      title={`${verb} ${subject}?`}
      body={active ? deactivateBody : reactivateBody}
      confirmLabel={confirmNoun ? `${verb} ${confirmNoun}` : verb}
      action={() => action(!active)}
    />
  );
}
