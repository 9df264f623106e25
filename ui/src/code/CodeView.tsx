// Code mode's editor: CodeMirror over the document text, kept in step with Rust by
// CodeSync (see codeSync.ts for the rules that keep typed text from being overwritten).
import { openSearchPanel } from "@codemirror/search";
import { EditorState } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { useEffect, useRef } from "react";
import { useFrame } from "../frame/frameStore";
import { useStudio } from "../store/studio";
import { CodeSync } from "./codeSync";
import { editorExtensions, languageFor, languageSlot } from "./editorSetup";
import { flushCodeText, registerCodeFlush } from "./pending";
import "./code.css";

export function CodeView() {
  const host = useRef<HTMLDivElement>(null);
  const sync = useRef<CodeSync | null>(null);
  const view = useRef<EditorView | null>(null);
  const format = useStudio((s) => s.snapshot?.format ?? "json");
  const parseError = useStudio((s) => s.snapshot?.parseError ?? null);

  useEffect(() => {
    const codeSync = new CodeSync();
    const studio = useStudio.getState();
    const snapshot = studio.snapshot;
    const undo = async () => {
      await flushCodeText();
      await useStudio.getState().undo();
    };
    const redo = async () => {
      await flushCodeText();
      await useStudio.getState().redo();
    };
    const editor = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: snapshot?.text ?? "",
        extensions: editorExtensions(snapshot?.format ?? "json", {
          undo: () => void undo(),
          redo: () => void redo(),
          onUpdate(update) {
            for (const tr of update.transactions) codeSync.onTransaction(tr);
            if (update.selectionSet || update.docChanged) {
              const head = update.state.selection.main.head;
              const line = update.state.doc.lineAt(head);
              useFrame.getState().setCursor({ line: line.number, column: head - line.from + 1 });
            }
          },
        }),
      }),
    });
    codeSync.attach(editor, snapshot);
    sync.current = codeSync;
    view.current = editor;
    const unregister = registerCodeFlush(codeSync.flush);

    // Show the selected state's text right away (coming from Design mode with a selection).
    codeSync.revealSelection(studio.selection);
    const head = editor.state.selection.main.head;
    const line = editor.state.doc.lineAt(head);
    useFrame.getState().setCursor({ line: line.number, column: head - line.from + 1 });

    const unsubscribe = useStudio.subscribe((state, prev) => {
      if (state.snapshot !== prev.snapshot) codeSync.reconcile();
      if (state.selection !== prev.selection) codeSync.revealSelection(state.selection);
      if (state.reveal && state.reveal !== prev.reveal) {
        const { from, to, pointer } = state.reveal;
        if (from !== undefined) codeSync.select(to ?? from, from, true);
        else codeSync.revealSelection([pointer]);
      }
    });
    // In Code mode Ctrl+F is the editor's search, even when the focus is elsewhere (the
    // canvas beside it); inside the editor CodeMirror's own keymap handles it.
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || !(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey || e.key.toLowerCase() !== "f") return;
      if ((e.target as HTMLElement | null)?.closest?.("input, textarea, select")) return;
      e.preventDefault();
      editor.focus();
      openSearchPanel(editor);
    };
    window.addEventListener("keydown", onKeyDown);
    return () => {
      window.removeEventListener("keydown", onKeyDown);
      unsubscribe();
      unregister();
      // Text typed in the last moments is still sent before the view goes away.
      void codeSync.flush();
      codeSync.detach();
      editor.destroy();
      useFrame.getState().setCursor(null);
      sync.current = null;
      view.current = null;
    };
  }, []);

  useEffect(() => {
    view.current?.dispatch({ effects: languageSlot.reconfigure(languageFor(format)) });
  }, [format]);

  const jumpToError = () => {
    if (parseError) sync.current?.select(parseError.range.from, parseError.range.from, true);
  };

  return (
    <div className="code-view" data-testid="code-view">
      {parseError && (
        <button type="button" className="parse-error" data-testid="parse-error" onClick={jumpToError}>
          <span className="parse-error-pos">
            {parseError.range.line}:{parseError.range.column}
          </span>
          <span className="parse-error-msg">{parseError.message}</span>
          <span className="parse-error-hint">The diagram shows the last valid version.</span>
        </button>
      )}
      <div className="code-host" ref={host} />
    </div>
  );
}
