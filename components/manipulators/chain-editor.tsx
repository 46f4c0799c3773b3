"use client";

import { useEffect, useMemo, useRef, useState, useTransition, type DragEvent } from "react";
import { Badge } from "@/components/ui/badge";
import { formatDateTime } from "@/components/connections/format";
import type { SettingsField } from "@/lib/connectors/settings-form";
import type { FieldErrors } from "@/lib/errors";
import type { ChainLink, StepResult } from "@/lib/manipulators/types";
import type { ChainAnswer, PreviewAnswer } from "@/lib/schemas/manipulators";
import { LinkCard, type LinkErrors } from "./link-card";
import { PreviewPanel, type PreviewSource } from "./preview-panel";
import { LibraryDialog } from "./library-dialog";
import { fromRows, toRows } from "@/components/conditions/rows";
import type { OperatorInfo } from "@/components/conditions/types";
import type { EditorActions, EditorLink, InitialLink, LibraryEntry, RecentRecordOption } from "./types";
import { DiscardAndSave, SaveMessages } from "@/components/ui/save-messages";

let seq = 0;
const newUid = () => `l${++seq}`;

const toLink = (l: EditorLink, operators: OperatorInfo[]): ChainLink => ({ key: l.key, enabled: l.enabled, settings: l.settings, conditions: fromRows(l.conditions, operators), match: l.match });

/**
 * A settings form showing these settings: a card mounted again (Discard) must show the settings it
 * holds, not the ones the page was rendered with. Same text forms as lib/connectors/settings-form.
 */
function withValues(fields: SettingsField[], settings: Record<string, unknown>): SettingsField[] {
  return fields.map((f): SettingsField => {
    if (!Object.hasOwn(settings, f.name)) return f;
    const v = settings[f.name];
    const text = v === undefined || v === null ? "" : String(v);
    switch (f.kind) {
      case "checkbox":
        return { ...f, value: v === true };
      case "checkboxes":
        return { ...f, value: Array.isArray(v) ? v.map(String) : [] };
      case "list":
        return { ...f, value: Array.isArray(v) ? v.join(", ") : "" };
      case "json":
        return { ...f, value: v === undefined ? "" : JSON.stringify(v, null, 2) };
      case "secret":
        return f;
      default:
        return { ...f, value: text };
    }
  });
}

const remount = (ls: EditorLink[]): EditorLink[] => ls.map((l) => ({ ...l, uid: newUid(), fields: withValues(l.fields, l.settings), localErrors: {} }));

const fromInitial = (l: InitialLink): EditorLink => ({ uid: newUid(), key: l.key, enabled: l.enabled, settings: l.settings, fields: l.fields, conditions: toRows(l.conditions), match: l.match, localErrors: {} });

/**
 * Paths of a record for the conditions' field input, in lib/conditions' syntax: objects walked,
 * lists of objects as "rows[].sku" (from their first item).
 */
function pathsOf(record: unknown, prefix = "", out: string[] = []): string[] {
  if (!record || typeof record !== "object" || Array.isArray(record) || out.length > 300) return out;
  for (const [k, v] of Object.entries(record)) {
    const p = prefix ? `${prefix}.${k}` : k;
    out.push(p);
    if (Array.isArray(v) && v[0] && typeof v[0] === "object") pathsOf(v[0], `${p}[]`, out);
    else if (v && typeof v === "object" && !Array.isArray(v) && prefix !== "customData") pathsOf(v, p, out);
  }
  return out;
}

/**
 * Server errors keyed by link position ("2.settings.expression", or "chain.2…" from a preview) as
 * errors per link card, by uid, so they stay on their card when the chain is reordered.
 */
function splitErrors(fieldErrors: FieldErrors, sent: EditorLink[], prefix: string): { byUid: Record<string, LinkErrors>; rest: string[] } {
  const byUid: Record<string, LinkErrors> = {};
  const rest: string[] = [];
  for (const [rawKey, messages] of Object.entries(fieldErrors)) {
    const key = prefix && rawKey.startsWith(`${prefix}.`) ? rawKey.slice(prefix.length + 1) : rawKey;
    const m = key.match(/^(\d+)(?:\.(.*))?$/);
    const link = m ? sent[Number(m[1])] : undefined;
    if (!m || !link) {
      rest.push(...messages.map((msg) => (key && key !== "_form" && key !== prefix ? `${key}: ${msg}` : msg)));
      continue;
    }
    const e = (byUid[link.uid] ??= { link: [], settings: {}, conditions: {} });
    const inner = m[2] ?? "";
    const [head, ...tail] = inner.split(".");
    if (head === "settings" && tail.length) (e.settings[tail.join(".")] ??= []).push(...messages);
    else if (head === "conditions" && tail.length) (e.conditions[tail.join(".")] ??= []).push(...messages);
    else e.link.push(...messages.map((msg) => (inner ? `${inner}: ${msg}` : msg)));
  }
  return { byUid, rest };
}

/**
 * The chain editor: ordered cards (drag, or the arrows), add from the library, settings and
 * conditions per link, Save (the whole chain; errors come back to the link and field they name),
 * and a preview of the chain as edited on a real recent record.
 */
export function ChainEditor({
  library,
  initial,
  operators,
  recent,
  typeLabel,
  readOnly,
  actions,
}: {
  library: LibraryEntry[];
  initial: { version: number; links: InitialLink[]; updated: string | null; updatedBy: string | null };
  operators: OperatorInfo[];
  recent: RecentRecordOption[];
  typeLabel: string;
  readOnly: boolean;
  actions: EditorActions;
}) {
  const [links, setLinks] = useState<EditorLink[]>(() => initial.links.map(fromInitial));
  const [saved, setSaved] = useState(() => ({ links, json: JSON.stringify(links.map((l) => toLink(l, operators))), version: initial.version, updated: initial.updated, updatedBy: initial.updatedBy }));
  const [errors, setErrors] = useState<Record<string, LinkErrors>>({});
  const [formError, setFormError] = useState<{ message: string; details: string[] } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [saving, startSave] = useTransition();
  const [previewing, startPreview] = useTransition();
  const [source, setSource] = useState<PreviewSource>(() => (recent.length ? { kind: "recent", localId: recent[0].localId } : { kind: "paste", text: "{\n  \n}" }));
  const [preview, setPreview] = useState<{ result: PreviewAnswer; json: string; uids: string[] } | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [dragging, setDragging] = useState<string | null>(null);
  const [over, setOver] = useState<number | null>(null);
  const byKey = useMemo(() => new Map(library.map((e) => [e.key, e])), [library]);

  const chain = links.map((l) => toLink(l, operators));
  const json = JSON.stringify(chain);
  const dirty = json !== saved.json;
  const stale = preview !== null && preview.json !== json;

  // Leaving with unsaved changes asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  const update = (uid: string, patch: Partial<EditorLink>) => {
    setLinks((ls) => ls.map((l) => (l.uid === uid ? { ...l, ...patch } : l)));
    // An edited link's old server errors no longer describe it.
    if (!("localErrors" in patch && Object.keys(patch).length === 1)) setErrors(({ [uid]: _gone, ...rest }) => rest);
    setNotice(null);
  };
  const move = (from: number, to: number) => {
    if (to < 0 || to >= links.length || from === to) return;
    setLinks((ls) => {
      const next = [...ls];
      const [l] = next.splice(from, 1);
      next.splice(to, 0, l);
      return next;
    });
    setNotice(null);
  };
  const localProblem = () => (links.some((l) => Object.keys(l.localErrors).length) ? "Some settings cannot be read (see the fields marked in red); fix them first." : null);

  const save = () => {
    const problem = localProblem();
    if (problem) return setFormError({ message: problem, details: [] });
    const sent = links;
    startSave(async () => {
      const r = await actions.save(chain);
      if (r.ok) {
        const answer: ChainAnswer = r.data;
        setSaved({ links: sent, json, version: answer.version, updated: answer.updated, updatedBy: answer.updatedBy });
        setErrors({});
        setFormError(null);
        setNotice(`Saved as version ${answer.version}.`);
      } else {
        const { byUid, rest } = splitErrors(r.fieldErrors ?? {}, sent, "");
        setErrors(byUid);
        setFormError({ message: Object.keys(byUid).length ? `${r.error} The links concerned are marked below.` : r.error, details: rest });
        setNotice(null);
      }
    });
  };

  const runPreview = () => {
    setPreviewError(null);
    const problem = localProblem();
    if (problem) return setPreviewError(problem);
    let record: unknown;
    if (source.kind === "recent") record = recent.find((r) => r.localId === source.localId)?.record;
    else {
      try {
        record = JSON.parse(source.text);
      } catch (e) {
        return setPreviewError(`The pasted record is not valid JSON: ${(e as Error).message}`);
      }
    }
    if (!record || typeof record !== "object" || Array.isArray(record)) return setPreviewError("Paste one record: a JSON object.");
    const sent = links;
    const sentJson = json;
    startPreview(async () => {
      const r = await actions.preview({ record, chain });
      if (r.ok) {
        setPreview({ result: r.data, json: sentJson, uids: sent.map((l) => l.uid) });
      } else {
        const { byUid, rest } = splitErrors(r.fieldErrors ?? {}, sent, "chain");
        if (Object.keys(byUid).length) setErrors(byUid);
        setPreview(null);
        setPreviewError([Object.keys(byUid).length ? `${r.error} The links concerned are marked.` : r.error, ...rest].join(" "));
      }
    });
  };

  const stepOf = (uid: string): StepResult | undefined => {
    if (!preview || stale) return undefined;
    const i = preview.uids.indexOf(uid);
    return i >= 0 ? preview.result.steps[i] : undefined;
  };

  const drag = (uid: string, index: number) => ({
    onDragStart: (e: DragEvent) => {
      e.dataTransfer.effectAllowed = "move";
      e.dataTransfer.setData("text/plain", uid);
      setDragging(uid);
    },
    onDragOver: (e: DragEvent) => {
      if (!dragging) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = "move";
      if (over !== index) setOver(index);
    },
    onDrop: (e: DragEvent) => {
      e.preventDefault();
      const from = links.findIndex((l) => l.uid === (e.dataTransfer.getData("text/plain") || dragging));
      if (from >= 0) move(from, index);
      setDragging(null);
      setOver(null);
    },
    onDragEnd: () => {
      setDragging(null);
      setOver(null);
    },
  });

  const previewRecord = source.kind === "recent" ? recent.find((r) => r.localId === source.localId)?.record : undefined;
  const paths = useMemo(() => pathsOf(previewRecord), [previewRecord]);

  return (
    <div className="space-y-4">
      {/* Stays in view while a long chain scrolls: Save is always at hand. */}
      <div className="z-10 -mx-2 flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 bg-slate-50 px-2 py-2 md:sticky md:top-0 md:flex-nowrap">
        <div className="flex min-w-0 flex-wrap items-center gap-2 text-sm text-slate-600 md:flex-nowrap" data-testid="chain-status">
          {saved.version > 0 ? (
            <Badge tone="blue">
              <span data-testid="chain-version">Version {saved.version}</span>
            </Badge>
          ) : (
            <Badge>Never saved</Badge>
          )}
          {saved.updated && (
            <span className="min-w-0 truncate text-xs text-slate-500">
              Saved {formatDateTime(saved.updated)}
              {saved.updatedBy ? ` by ${saved.updatedBy.replace(/^user\//, "")}` : ""}
            </span>
          )}
          {dirty && (
            <span data-testid="unsaved">
              <Badge tone="amber">Unsaved changes</Badge>
            </span>
          )}
        </div>
        {readOnly && <span className="text-xs text-slate-500" data-testid="read-only-note">Read-only: you can try the chain in the preview, not change it.</span>}
        {!readOnly && (
          <div className="flex flex-wrap gap-2 md:shrink-0">
            <LibraryDialog
              library={library}
              onPick={(e) => {
                setLinks((ls) => [...ls, { uid: newUid(), key: e.key, enabled: true, settings: {}, fields: e.fields, conditions: [], match: "all", localErrors: {} }]);
                setNotice(null);
              }}
            />
            <DiscardAndSave
              dirty={dirty}
              saving={saving}
              onDiscard={() => {
                setLinks(remount(saved.links));
                setErrors({});
                setFormError(null);
              }}
              onSave={save}
              saveLabel="Save chain"
              saveTestId="save-chain"
            />
          </div>
        )}
      </div>
      <SaveMessages error={formError} notice={notice} />
      <div className="flex flex-col gap-6 xl:grid xl:grid-cols-5 xl:items-start">
        <div className="min-w-0 xl:col-span-3">
          {links.length === 0 ? (
            <div className="rounded-lg border-2 border-dashed border-slate-200 bg-white px-6 py-12 text-center" data-testid="empty-chain">
              <h3 className="text-sm font-semibold text-slate-900">No manipulators yet</h3>
              <p className="mx-auto mt-1 max-w-md text-sm text-slate-500">
                Records pass through unchanged. {readOnly ? "" : "Add one from the library: set or clear fields, map values, round prices, ignore or fail records …"}
              </p>
            </div>
          ) : (
            <ol className="space-y-3" data-testid="chain-links">
              {links.map((l, i) => (
                <LinkCard
                    key={l.uid}
                    link={l}
                    index={i}
                    count={links.length}
                    entry={byKey.get(l.key)}
                    operators={operators}
                    paths={paths}
                    errors={errors[l.uid]}
                    step={stepOf(l.uid)}
                    readOnly={readOnly}
                    dragging={dragging === l.uid}
                    dropTarget={over === i && dragging !== null && dragging !== l.uid}
                    onChange={(patch) => update(l.uid, patch)}
                    onMove={(to) => move(i, to)}
                    onRemove={() => {
                      setLinks((ls) => ls.filter((x) => x.uid !== l.uid));
                      setNotice(null);
                    }}
                    drag={drag(l.uid, i)}
                  />
              ))}
            </ol>
          )}
        </div>
        <div className="min-w-0 xl:sticky xl:top-16 xl:col-span-2">
          <PreviewPanel
            recent={recent}
            typeLabel={typeLabel}
            source={source}
            onSource={setSource}
            onRun={runPreview}
            pending={previewing}
            error={previewError}
            result={preview?.result ?? null}
            stale={stale}
            linkNames={(preview?.uids ?? []).map((uid) => {
              const l = links.find((x) => x.uid === uid);
              return l ? (byKey.get(l.key)?.name ?? l.key) : "(removed)";
            })}
            enabled={(preview?.uids ?? []).map((uid) => links.find((x) => x.uid === uid)?.enabled ?? true)}
          />
        </div>
      </div>
    </div>
  );
}
