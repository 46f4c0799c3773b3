import { Button } from "./button";
import { Callout } from "./callout";

/** An editor's answer from its last save: what failed (with the problems no field shows), or what succeeded. */
export function SaveMessages({ error, notice }: { error: { message: string; details: string[] } | null; notice: string | null }) {
  return (
    <>
      {error && (
        <Callout tone="red" testId="form-error">
          {error.message}
          {error.details.length > 0 && (
            <ul className="mt-1 list-disc pl-5">
              {error.details.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          )}
        </Callout>
      )}
      {notice && (
        <Callout tone="emerald" testId="form-success">
          {notice}
        </Callout>
      )}
    </>
  );
}

/** An editor's Discard and Save buttons: both wait for unsaved changes; Save says when it is working. */
export function DiscardAndSave({ dirty, saving, onDiscard, onSave, saveLabel, saveTestId }: { dirty: boolean; saving: boolean; onDiscard: () => void; onSave: () => void; saveLabel: string; saveTestId: string }) {
  return (
    <>
      <Button variant="secondary" disabled={!dirty || saving} onClick={onDiscard} data-testid="discard">
        Discard changes
      </Button>
      <Button onClick={onSave} disabled={saving || !dirty} data-testid={saveTestId}>
        {saving ? "Saving…" : saveLabel}
      </Button>
    </>
  );
}
