// The CodeMirror extensions of the code view. No `history()`: undo and redo are Rust's
// (one stack for canvas and code), so Mod-z / Mod-Shift-z / Mod-y call the store.
import { defaultKeymap, indentWithTab } from "@codemirror/commands";
import { json } from "@codemirror/lang-json";
import { yaml } from "@codemirror/lang-yaml";
import {
  bracketMatching,
  foldGutter,
  foldKeymap,
  indentOnInput,
  indentUnit,
} from "@codemirror/language";
import { lintGutter } from "@codemirror/lint";
import { highlightSelectionMatches, search, searchKeymap } from "@codemirror/search";
import { Compartment, EditorState, Prec, type Extension } from "@codemirror/state";
import {
  crosshairCursor,
  drawSelection,
  dropCursor,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
  rectangularSelection,
  EditorView,
  type ViewUpdate,
} from "@codemirror/view";
import type { Format } from "../ipc/types";
import { studioEditorTheme } from "../theme/codemirror";
import { stateHighlight } from "./stateHighlight";

export const languageSlot = new Compartment();

export function languageFor(format: Format): Extension {
  return format === "yaml" ? [yaml(), indentUnit.of("  ")] : [json(), indentUnit.of("  ")];
}

export interface EditorHooks {
  undo(): void;
  redo(): void;
  onUpdate(update: ViewUpdate): void;
}

export function editorExtensions(format: Format, hooks: EditorHooks): Extension[] {
  const run = (f: () => void) => () => {
    f();
    return true;
  };
  return [
    Prec.highest(
      keymap.of([
        { key: "Mod-z", run: run(hooks.undo), preventDefault: true },
        { key: "Mod-Shift-z", run: run(hooks.redo), preventDefault: true },
        { key: "Mod-y", run: run(hooks.redo), preventDefault: true },
      ]),
    ),
    lineNumbers(),
    foldGutter({ openText: "▾", closedText: "▸" }),
    lintGutter(),
    highlightActiveLineGutter(),
    highlightSpecialChars(),
    drawSelection(),
    dropCursor(),
    EditorState.allowMultipleSelections.of(true),
    indentOnInput(),
    bracketMatching(),
    rectangularSelection(),
    crosshairCursor(),
    highlightActiveLine(),
    highlightSelectionMatches(),
    search({ top: true }),
    keymap.of([...defaultKeymap, ...searchKeymap, ...foldKeymap, indentWithTab]),
    languageSlot.of(languageFor(format)),
    stateHighlight,
    studioEditorTheme,
    EditorState.tabSize.of(2),
    EditorView.updateListener.of(hooks.onUpdate),
  ];
}
