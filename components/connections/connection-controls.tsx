"use client";

import { useState, useTransition } from "react";
import { ActiveToggle } from "@/components/ui/active-toggle";
import { Button } from "@/components/ui/button";
import { ConfirmAction } from "@/components/ui/confirm";
import type { ActionResult } from "@/lib/actions/result";

/**
 * The connection page's header actions: Test connection (native only), Activate/Deactivate and
 * Delete. Delete says up front that a connection with history is archived instead.
 */
export function ConnectionControls({
  name,
  active,
  archived,
  hasHistory,
  test,
  setActive,
  remove,
}: {
  name: string;
  active: boolean;
  archived: boolean;
  /** Unknown for API connections (their records may carry the connection). */
  hasHistory?: boolean;
  test?: () => Promise<ActionResult<{ ok: boolean; message: string }>>;
  setActive: (active: boolean) => Promise<ActionResult<unknown>>;
  remove: () => Promise<ActionResult<unknown>>;
}) {
  const [pending, start] = useTransition();
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  return (
    <div className="flex flex-col items-start gap-2 sm:items-end">
      <div className="flex flex-wrap gap-2">
        {test && (
          <Button
            variant="secondary"
            disabled={pending}
            data-testid="test-connection"
            onClick={() =>
              start(async () => {
                setResult(null);
                const r = await test();
                setResult(r.ok ? r.data : { ok: false, message: r.error });
              })
            }
          >
            {pending ? "Testing…" : "Test connection"}
          </Button>
        )}
        {!archived && (
          <ActiveToggle
            active={active}
            subject={name}
            testId="connection"
            confirmNoun="connection"
            deactivateBody="Its plugs stop running (schedules and Run now) until you activate it again. Nothing is deleted."
            reactivateBody="Its enabled plugs run on their schedules again."
            action={setActive}
          />
        )}
        {!archived && (
          <ConfirmAction
            label="Delete"
            title={`Delete ${name}?`}
            body={
              hasHistory
                ? "This connection has moved data, so it will be archived instead: it stops for good, its plugs are disabled, and records keep their origin and remote ids. Archived connections cannot be activated again."
                : hasHistory === false
                  ? "It has not moved any data, so it is removed completely with its plugs and settings."
                  : "If it has moved data it is archived instead: it stops for good and records keep their origin and remote ids. Otherwise it is removed completely."
            }
            confirmLabel={hasHistory ? "Archive connection" : "Delete connection"}
            action={remove}
            testId="delete-connection"
          />
        )}
      </div>
      {result && (
        <p className={result.ok ? "rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ring-1 ring-inset ring-emerald-200" : "rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-inset ring-red-200"} data-testid="test-result" data-ok={result.ok}>
          {result.ok ? "Connected. " : "Could not connect: "}
          {result.message}
        </p>
      )}
    </div>
  );
}
