// A JSONata condition: the expression between `{%` and `%}`, in a small editor that
// completes `$states.input…` paths from the last run's input, the context, the machine's
// variables and JSONata's functions (Ctrl+Space, or as you type `$`). Enter or leaving
// the field writes it (one `set_field`); Escape puts back what the file has.
// Loaded on first use (React.lazy): it brings CodeMirror, which Design mode otherwise
// does not need.
import { autocompletion, type CompletionContext } from "@codemirror/autocomplete";
import { EditorState } from "@codemirror/state";
import { EditorView, keymap, placeholder } from "@codemirror/view";
import { useEffect, useRef, useState } from "react";
import { apply } from "../../inspector/fields";

interface Props {
  pointer: string;
  value: unknown;
  completions: { label: string; detail: string }[];
}

/** The expression inside `{% … %}` (the whole text when it is not one). */
export function body(value: unknown): string {
  const text = typeof value === "string" ? value : "";
  const m = /^\s*\{%([\s\S]*)%\}\s*$/.exec(text);
  return (m ? m[1] : text).trim();
}

export default function JsonataCondition({ pointer, value, completions }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const words = useRef(completions);
  words.current = completions;
  const [error, setError] = useState<string | null>(null);
  const saved = useRef(body(value));

  useEffect(() => {
    const commit = () => {
      const text = view.current?.state.doc.toString().trim() ?? "";
      if (text === saved.current) return;
      if (!text) return setError("Write a condition, e.g. $states.input.total > 100");
      setError(null);
      saved.current = text;
      void apply({ kind: "set_field", pointer, value: `{% ${text} %}` });
    };
    const source = (ctx: CompletionContext) => {
      const word = ctx.matchBefore(/\$[\w.$]*/);
      if (!word && !ctx.explicit) return null;
      return { from: word?.from ?? ctx.pos, options: words.current.map((c) => ({ label: c.label, detail: c.detail, type: c.detail === "function" ? "function" : "variable" })) };
    };
    const editor = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: saved.current,
        extensions: [
          EditorView.lineWrapping,
          placeholder("$states.input.total > 100"),
          autocompletion({ override: [source], activateOnTyping: true }),
          keymap.of([
            { key: "Enter", run: () => (commit(), true) },
            {
              key: "Escape",
              run: (v) => {
                v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: saved.current } });
                return false;
              },
            },
          ]),
          EditorView.domEventHandlers({ blur: () => commit() }),
        ],
      }),
    });
    editor.contentDOM.setAttribute("data-pointer", pointer);
    editor.contentDOM.setAttribute("aria-label", "JSONata condition");
    view.current = editor;
    return () => editor.destroy();
  }, [pointer]);

  // A new value from the file (undo, the code view) replaces what is shown.
  useEffect(() => {
    const next = body(value);
    const v = view.current;
    if (!v || next === saved.current) return;
    saved.current = next;
    if (v.state.doc.toString() !== next) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: next } });
  }, [value]);

  return (
    <div className="insp-field">
      <span className="insp-label">Condition (JSONata)</span>
      <div className="cond-jsonata">
        <span className="cond-brace">{"{%"}</span>
        <div ref={host} className="cond-jsonata-editor" data-testid="jsonata-condition" />
        <span className="cond-brace">{"%}"}</span>
      </div>
      <div className="insp-hint">{error ?? "Ctrl+Space completes paths of the last run's input, variables and functions."}</div>
    </div>
  );
}
