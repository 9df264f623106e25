// A small CodeMirror JSON editor for run inputs and inline mocks: its own undo history
// (this text is not the document), the studio theme, and a validity line under it.
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { json } from "@codemirror/lang-json";
import { bracketMatching, indentUnit } from "@codemirror/language";
import { EditorState } from "@codemirror/state";
import { EditorView, keymap, lineNumbers } from "@codemirror/view";
import { useEffect, useRef } from "react";
import { studioEditorTheme } from "../theme/codemirror";
import { parseInput } from "./runActions";

interface Props {
  value: string;
  onChange(text: string): void;
  testId: string;
  label: string;
}

export function JsonEditor({ value, onChange, testId, label }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const change = useRef(onChange);
  change.current = onChange;
  // Set while a new `value` from outside is put in: that is no edit of the user's (saving
  // it as one made the store think the user had typed an input for this file).
  const external = useRef(false);

  useEffect(() => {
    const v = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          lineNumbers(),
          history(),
          bracketMatching(),
          json(),
          indentUnit.of("  "),
          keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
          studioEditorTheme,
          EditorView.contentAttributes.of({ "aria-label": label }),
          EditorView.updateListener.of((u) => u.docChanged && !external.current && change.current(u.state.doc.toString())),
        ],
      }),
    });
    view.current = v;
    return () => v.destroy();
    // Created once; `value` changes from outside are applied below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const v = view.current;
    if (!v || v.state.doc.toString() === value) return;
    external.current = true;
    try {
      v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
    } finally {
      external.current = false;
    }
  }, [value]);

  const parsed = parseInput(value);
  return (
    <div className="run-json">
      <div className="run-json-editor" ref={host} data-testid={testId} />
      <div className={`run-json-status${parsed.ok ? "" : " invalid"}`} data-testid={`${testId}-status`}>
        {parsed.ok ? "Valid JSON" : parsed.message}
      </div>
    </div>
  );
}
