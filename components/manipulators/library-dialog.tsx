"use client";

import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import type { LibraryEntry } from "./types";

/** "Add manipulator": the library, each with what it does; picking one appends it to the chain. */
export function LibraryDialog({ library, onPick }: { library: LibraryEntry[]; onPick: (entry: LibraryEntry) => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [q, setQ] = useState("");
  const shown = library.filter((e) => `${e.name} ${e.description} ${e.key}`.toLowerCase().includes(q.trim().toLowerCase()));
  return (
    <>
      <Button
        onClick={() => {
          setQ("");
          dialog.current?.showModal();
        }}
        data-testid="add-manipulator"
      >
        Add manipulator
      </Button>
      <dialog ref={dialog} className="m-auto w-[min(40rem,calc(100vw-2rem))] rounded-lg p-0 text-left shadow-xl backdrop:bg-slate-900/40" aria-label="Add a manipulator" data-testid="library">
        <div className="border-b border-slate-100 px-5 pb-4 pt-5">
          <h2 className="text-base font-semibold text-slate-900">Add a manipulator</h2>
          <p className="mt-1 text-sm text-slate-600">It is added at the end of the chain; drag it or use the arrows to move it.</p>
          <input
            type="search"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            placeholder="Search the library"
            aria-label="Search the library"
            className="mt-3 block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-brand-500"
          />
        </div>
        <ul className="max-h-[60vh] divide-y divide-slate-100 overflow-y-auto">
          {shown.map((e) => (
            <li key={e.key}>
              <button
                type="button"
                className="flex w-full items-start justify-between gap-4 px-5 py-3 text-left hover:bg-slate-50 focus-visible:bg-slate-50 focus-visible:outline-none"
                onClick={() => {
                  onPick(e);
                  dialog.current?.close();
                }}
                data-testid={`library-${e.key}`}
              >
                <span className="min-w-0">
                  <span className="block text-sm font-medium text-slate-900">{e.name}</span>
                  <span className="mt-0.5 block text-xs text-slate-500">{e.description}</span>
                </span>
                <span className="shrink-0 text-xs font-medium text-brand-700">Add</span>
              </button>
            </li>
          ))}
          {shown.length === 0 && <li className="px-5 py-6 text-center text-sm text-slate-500">Nothing in the library matches “{q}”.</li>}
        </ul>
        <div className="flex justify-end border-t border-slate-100 bg-slate-50 px-5 py-3">
          <Button variant="secondary" onClick={() => dialog.current?.close()}>
            Cancel
          </Button>
        </div>
      </dialog>
    </>
  );
}
