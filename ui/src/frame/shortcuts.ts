// App-wide shortcuts (design §4). Ctrl+F, Delete and Ctrl+C/V/X/D belong to the canvas;
// in Code mode CodeMirror handles its own keys first (Ctrl+F search, and Ctrl+Z/Y bound
// to Rust's undo) and marks them handled, so they are skipped here.
import { useEffect } from "react";
import { useStudio } from "../store/studio";
import { newDocument, openDocument, redo, saveDocument, saveDocumentAs, undo } from "./fileActions";

/** Text fields keep their own undo while typing; their value is committed on blur/Enter. */
function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

export type ShortcutAction = "save" | "save-as" | "open" | "new" | "undo" | "redo";

/** The action of a key press, or null. Pure so it can be tested. */
export function shortcutFor(e: Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "shiftKey" | "altKey">): ShortcutAction | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  switch (e.key.toLowerCase()) {
    case "s":
      return e.shiftKey ? "save-as" : "save";
    case "o":
      return e.shiftKey ? null : "open";
    case "n":
      return e.shiftKey ? null : "new";
    case "z":
      return e.shiftKey ? "redo" : "undo";
    case "y":
      return e.shiftKey ? null : "redo";
    default:
      return null;
  }
}

export function useShortcuts() {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const action = shortcutFor(e);
      if (!action) return;
      const hasDocument = useStudio.getState().snapshot !== null;
      if ((action === "undo" || action === "redo") && (isTextField(e.target) || !hasDocument)) return;
      if ((action === "save" || action === "save-as") && !hasDocument) return;
      e.preventDefault();
      switch (action) {
        case "save":
          return void saveDocument();
        case "save-as":
          return void saveDocumentAs();
        case "open":
          return void openDocument(null);
        case "new":
          return void newDocument(useStudio.getState().snapshot?.format ?? "json");
        case "undo":
          return void undo();
        case "redo":
          return void redo();
      }
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);
}
