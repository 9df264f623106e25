// A soft band over the lines of the selected state, so a state chosen on the canvas is
// easy to see without selecting (and risking to type over) its whole text.
import { StateEffect, StateField, type Range } from "@codemirror/state";
import { Decoration, EditorView, type DecorationSet } from "@codemirror/view";

export const setStateRange = StateEffect.define<{ from: number; to: number } | null>();

const band = Decoration.line({ class: "cm-selected-state" });

export const stateHighlight = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(decorations, tr) {
    decorations = decorations.map(tr.changes);
    for (const e of tr.effects) {
      if (!e.is(setStateRange)) continue;
      if (!e.value) return Decoration.none;
      const doc = tr.state.doc;
      const from = Math.min(e.value.from, doc.length);
      const to = Math.min(e.value.to, doc.length);
      const lines: Range<Decoration>[] = [];
      for (let n = doc.lineAt(from).number, last = doc.lineAt(to).number; n <= last; n++) {
        lines.push(band.range(doc.line(n).from));
      }
      decorations = Decoration.set(lines);
    }
    return decorations;
  },
  provide: (f) => EditorView.decorations.from(f),
});
