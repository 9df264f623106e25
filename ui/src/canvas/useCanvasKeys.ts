// Canvas shortcuts (design §4): Delete, Ctrl+C/X/V, Ctrl+D duplicate, Ctrl+F find,
// F2 rename. They act only in Design mode and never while typing in a field or the code
// editor; undo/redo/save/open belong to the frame.
import { useEffect } from "react";
import { batch } from "../browser/dropEdits";
import type { DocumentEdit } from "../ipc/types";
import { useStudio } from "../store/studio";
import { copyStates, deleteEdits, pasteEdits, type ClipState } from "./clipboard";
import { useCanvasUi } from "./canvasStore";
import { statePointer } from "./scopes";

/** In-memory clipboard; the system clipboard also gets the JSON when it allows. */
let clipboard: ClipState[] = [];

function typingIn(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.closest) return false;
  return el.isContentEditable || !!el.closest("input, textarea, select, [contenteditable=true], .cm-editor");
}

/** A gesture's edits as one (a multiple delete, a paste): one round trip, one undo step,
 *  all of them or none. */
async function applyAll(edits: DocumentEdit[]): Promise<boolean> {
  return edits.length > 0 && useStudio.getState().apply(batch(edits));
}

export function copySelection(): boolean {
  const { snapshot, selection } = useStudio.getState();
  if (!snapshot || selection.length === 0) return false;
  clipboard = copyStates(snapshot, selection);
  const text = JSON.stringify(Object.fromEntries(clipboard.map((c) => [c.name, c.json])), null, 2);
  navigator.clipboard?.writeText(text).catch(() => undefined);
  return clipboard.length > 0;
}

export async function pasteClipboard(items: ClipState[] = clipboard): Promise<void> {
  const { snapshot, selection } = useStudio.getState();
  if (!snapshot || snapshot.parseError || items.length === 0) return;
  // Into the scope of the selected state, else where the states came from, else the machine.
  const selected = snapshot.states.find((s) => s.pointer === selection[0]);
  const from = items[0].scope;
  const scope = selected?.scope ?? (snapshot.scopes.some((s) => s.pointer === from) ? from : "");
  const { edits, names } = pasteEdits(items, scope, snapshot);
  if (await applyAll(edits)) useStudio.getState().select(names.map((n) => statePointer(scope, n)));
}

export async function deleteSelection(): Promise<void> {
  const { snapshot, selection } = useStudio.getState();
  if (!snapshot || snapshot.parseError) return;
  const edits = deleteEdits(snapshot, selection);
  if (await applyAll(edits)) useStudio.getState().select([]);
}

export function useCanvasKeys(openFind: () => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const studio = useStudio.getState();
      if (studio.mode !== "design" || typingIn(e.target) || !studio.snapshot) return;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (mod && key === "f") {
        e.preventDefault();
        openFind();
      } else if ((e.key === "Delete" || e.key === "Backspace") && !mod && studio.selection.length) {
        e.preventDefault();
        void deleteSelection();
      } else if (mod && !e.shiftKey && key === "c" && studio.selection.length) {
        if (window.getSelection()?.toString()) return; // the user copies text
        e.preventDefault();
        copySelection();
      } else if (mod && !e.shiftKey && key === "x" && studio.selection.length) {
        e.preventDefault();
        if (copySelection()) void deleteSelection();
      } else if (mod && !e.shiftKey && key === "v" && clipboard.length) {
        e.preventDefault();
        void pasteClipboard();
      } else if (mod && !e.shiftKey && key === "d" && studio.selection.length) {
        e.preventDefault();
        const snap = studio.snapshot;
        void pasteClipboard(copyStates(snap, studio.selection));
      } else if (e.key === "F2" && studio.selection.length === 1) {
        e.preventDefault();
        useCanvasUi.getState().setRenaming(studio.selection[0]);
      } else if (e.key === "Escape" && studio.selection.length) {
        studio.select([]);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [openFind]);
}
